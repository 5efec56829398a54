/**
 * Rendering an environment's manifests with an external tool (kustomize or kubectl), when one is installed.
 * The entry point of this folder.
 */
export { findKustomizeTool, type KustomizeTool } from "./kustomize-tool.js";
export { NO_TOOL, renderKustomization, type RenderOutcome } from "./render-kustomization.js";
