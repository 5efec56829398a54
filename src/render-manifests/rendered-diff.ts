import { maskSecrets } from "../engine/diff/mask-secrets.js";
import { boundedDiff } from "../engine/markdown/bounded-diff.js";
import type { KustomizeSources, PolicySubject } from "../engine/policy/index.js";
import type { RepoReader } from "../engine/repo/reader.js";
import type { RenderedDiff } from "../engine/review/review.js";
import type { RenderOutcome } from "./kustomize.js";

/** Renders the Kustomize directory `dir` of the repository `reader` reads (e.g. with renderKustomization). */
export type Renderer = (reader: RepoReader, dir: string) => Promise<RenderOutcome>;

/** The diff of two renderings of `dir`, Secret values masked, bounded as boundedDiff bounds it; pure, so a worker thread can run it. */
export function diffRenderings(dir: string, before: RenderOutcome, after: RenderOutcome): RenderedDiff {
  if (after.status === "refused") return { ...after, beforePullRequest: false };
  if (after.status !== "rendered") return after;
  if (before.status === "refused") return { ...before, beforePullRequest: true };
  if (before.status === "failed") return { status: "failed", reason: `before this pull request: ${before.reason}` };
  const previous = before.status === "rendered" ? before.output : "";
  const file = `${dir} (rendered)`;
  const masked = maskSecrets(file, previous, after.output);
  const { diff, tooLarge } = boundedDiff(file, masked.before ?? "", masked.after ?? "");
  return { status: "rendered", tool: after.tool, diff, ...(tooLarge ? { tooLarge } : {}) };
}

/** What the policies judge after a pull request: the head's rendering `after` when there is one, else the raw files built from `sources`. */
export function policySubject(after: RenderOutcome, sources: KustomizeSources): PolicySubject {
  return after.status === "rendered" ? { sources, rendered: { tool: after.tool, output: after.output } } : { sources };
}
