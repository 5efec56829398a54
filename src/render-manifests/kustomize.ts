/**
 * Rendering an environment's manifests with an external tool (kustomize or kubectl), when one is installed.
 * The entry point of this folder.
 */
export { findKustomizeTool, type KustomizeTool } from "./kustomize-tool.js";
export { MAX_RENDER_OUTPUT_BYTES, NO_TOOL, RENDER_TIMEOUT_MS, renderKustomization, type RenderOutcome } from "./render-kustomization.js";
