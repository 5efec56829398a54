import { findKustomizeTool, renderKustomization } from "./kustomize.js";
import type { Renderer } from "./rendered-diff.js";

/**
 * The renderer of the app and the CLI: `kustomize build` or `kubectl
 * kustomize`, whichever is on the PATH (renderKustomization says when
 * neither is). `PROMENADE_RENDER=off` turns rendering off.
 */
export function kustomizeRenderer(env: NodeJS.ProcessEnv = process.env): Renderer {
  if (env.PROMENADE_RENDER === "off") return () => Promise.resolve({ status: "skipped", reason: "rendering is turned off (PROMENADE_RENDER=off)" });
  return async (reader, dir) => renderKustomization(await findKustomizeTool(env), reader, dir);
}
