import { maskSecrets } from "../engine/diff/mask-secrets.js";
import { unifiedDiff } from "../engine/render/file-diff.js";
import type { RepoReader } from "../engine/repo/reader.js";
import type { RenderedDiff } from "../engine/review/review.js";
import type { RenderOutcome } from "./kustomize.js";

/** Renders the Kustomize directory `dir` of the repository `reader` reads (e.g. with renderKustomization). */
export type Renderer = (reader: RepoReader, dir: string) => Promise<RenderOutcome>;

/** The diff of `dir` rendered before (`base`) and after (`head`), Secret values masked (generated Secrets carry them), or why there is none. */
export async function renderedDiff(render: Renderer, base: RepoReader, head: RepoReader, dir: string): Promise<RenderedDiff> {
  const [before, after] = await Promise.all([render(base, dir), render(head, dir)]);
  if (after.status !== "rendered") return after;
  if (before.status === "failed") return { status: "failed", reason: `before this pull request: ${before.reason}` };
  const previous = before.status === "rendered" ? before.output : "";
  const file = `${dir} (rendered)`;
  const masked = maskSecrets(file, previous, after.output);
  return { status: "rendered", tool: after.tool, diff: unifiedDiff(file, masked.before ?? "", masked.after ?? "") };
}
