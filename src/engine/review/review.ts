/**
 * What Promenade shows on a pull request that changes environments' files: per
 * environment, the diff of each file, the image versions that move, the
 * drift from the source environment, the policy results and the rendered
 * manifests. Built by reviewEnvironment, rendered by reviewCommentMarkdown and
 * policyCheckMarkdown.
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
  /** Set when the change is too large to diff line by line: `diff` is then the changed region replaced whole, cut (boundedDiff), or empty when the review did not get that far. */
  tooLarge?: true;
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

/** Why an environment was not rendered at all: a kustomization names something that rendering would fetch, read outside the repository or inflate. */
export interface RenderRefusal {
  /** The repository file that names it (a kustomization, or a generator's config). */
  file: string;
  /** What is wrong, in words, naming the field, e.g. "`resources` entry names a remote location". */
  problem: string;
  /** The offending entry as written (text from the pull request), when there is one. */
  entry?: string;
}

/** The rendered environment (`kustomize build`) before and after, or why not; `beforePullRequest` says that the base was refused. */
export type RenderedDiff =
  | { status: "rendered"; tool: string; diff: string; tooLarge?: true }
  | { status: "skipped" | "failed"; reason: string }
  | { status: "refused"; refusal: RenderRefusal; beforePullRequest: boolean };

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
  /** Files of the environment (or of the one it is promoted from) that do not parse and that the pull request does not change: shown, never blocking. */
  warnings?: FileProblem[];
  rendered: RenderedDiff;
  /** Why the review stopped short (too large to review within the time limit): only the files are listed, and `problems` says so. */
  incomplete?: string;
}
