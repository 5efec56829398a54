/**
 * What Promenade shows on a pull request that changes environments' files
 * (SPEC section 4, "Every PR that changes an environment's files"): per
 * environment, the diff of each file, the image versions that move, the
 * drift from the source environment, the policy results and the rendered
 * manifests. Built by reviewEnvironment, rendered by renderReviewComment and
 * renderPolicyCheck.
 */
import type { Bump, Version } from "../plan/promotion.js";
import type { PolicyReport } from "../policy/index.js";

/** One file a pull request changes, with its text on both sides; null where it does not exist (or is not YAML text). */
export interface ChangedFile {
  path: string;
  before: string | null;
  after: string | null;
}

/** How a file changes. */
export type FileStatus = "added" | "modified" | "removed" | "not shown";

/** The diff of one changed file, Secret values masked. */
export interface FileDiff {
  path: string;
  status: FileStatus;
  /** The unified diff (`--- a/… +++ b/… @@ …`); empty when not shown. */
  diff: string;
  /** Lines added and removed. */
  added: number;
  removed: number;
  /** How many secret values were masked in it. */
  masked: number;
}

/** An image whose version the pull request changes in the environment. */
export interface ImageVersionChange {
  /** Docker-normalised image name. */
  image: string;
  /** The version before; null when the pull request adds the image. */
  from: Version | null;
  /** The version after; null when the pull request removes the image. */
  to: Version | null;
  /** major/minor/patch/other; `added` or `removed` when a side is missing. */
  bump: Bump | "added" | "removed";
}

/** An image both environments run, at different versions, that the pull request does not touch. */
export interface DriftEntry {
  image: string;
  /** The version in the source environment (`from`). */
  source: Version;
  /** The version in the environment the pull request changes, once it merged. */
  target: Version;
}

/** The rendered environment (`kustomize build`) before and after, or why not. */
export type RenderedDiff =
  | { status: "rendered"; tool: string; diff: string }
  | { status: "skipped" | "failed"; reason: string };

/** A file that could not be read as YAML, at a line when known. */
export interface FileProblem {
  file: string;
  line?: number;
  message: string;
}

/** Everything shown for one environment the pull request changes. */
export interface EnvironmentReview {
  environment: string;
  /** The environment's `from`, when it has one. */
  from?: string;
  /** Whether the environment has `requires` (a gate). */
  gated: boolean;
  files: FileDiff[];
  images: ImageVersionChange[];
  drift: DriftEntry[];
  /** The policies on the environment as it would be after the pull request; null when a file could not be parsed. */
  policy: PolicyReport | null;
  problems: FileProblem[];
  rendered: RenderedDiff;
}
