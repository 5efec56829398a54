import { normalizeRepoPath } from "../config/environment-path.js";
import type { Config } from "../config/schema.js";
import { InputError } from "../errors.js";
import type { ImageReference } from "../images/reference.js";
import { evaluatePolicies, type PolicyReport, type PolicySubject } from "../policy/index.js";
import type { RepoReader } from "../repo/reader.js";
import type { FileWarning } from "../repo/skipped-files.js";
import { scanTree } from "../repo/scan.js";
import { environmentDrift } from "./environment-drift.js";
import { fileDiff } from "./file-diff.js";
import { imageVersionChanges } from "./image-version-changes.js";
import type { ChangedFile, DriftEntry, EnvironmentReview, FileProblem, RenderedDiff } from "./review.js";

/** What reviewing one environment of a pull request takes. */
export interface EnvironmentReviewInput {
  config: Config;
  environment: string;
  /** The environment's files the pull request changes, read on both sides (readChangedFiles). */
  files: readonly ChangedFile[];
  /** The repository before the pull request (the default branch). */
  base: RepoReader;
  /** The repository as the pull request leaves it (its head). */
  head: RepoReader;
  /** The rendered manifests' diff, or why there is none (rendering runs programs, so the caller does it). */
  rendered: RenderedDiff;
  /** What the policies judge: the head's rendered manifests when there are some (evaluatePolicies). */
  judge?: PolicySubject;
}

/**
 * Reviews one environment a pull request changes. Steps:
 *
 * 1. Diff each changed file, secrets masked.
 * 2. The image versions the changed files move.
 * 3. Drift: images the source environment (before) and this one (after) run at other versions, that the pull request leaves.
 * 4. The policies on the environment as the pull request leaves it (rendered, when `judge` holds its rendering).
 *
 * A file the pull request changes that cannot be parsed becomes a problem of
 * the review (and policies are then not evaluated) rather than an error;
 * one it does not change is a warning, left out of what policies judge.
 */
export async function reviewEnvironment(input: EnvironmentReviewInput): Promise<EnvironmentReview> {
  const { config, environment, files, base, head, rendered, judge } = input;
  const settings = config.environments[environment];
  if (settings === undefined) throw new InputError(".github/promenade.yml", `no environment '${environment}'`);
  const problems: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const changed = new Set(files.map((file) => file.path));
  const sort = (unparsed: readonly FileWarning[]) => {
    for (const warning of unparsed) (changed.has(warning.file) ? problems : warnings).push(asProblem(warning));
  };
  const images = imageVersionChanges(config, files);
  const target = await attempt(() => scanTree(head, normalizeRepoPath(settings.path)), problems);
  sort(target?.warnings.filter((warning) => warning.kind === "not-yaml") ?? []);
  const targetRefs = target === null || problems.length > 0 ? null : target.references;
  const drift = await driftFrom(config, settings.from, base, targetRefs, new Set(images.map((change) => change.image)), problems, sort);
  const unreadable = new Set(warnings.map((warning) => warning.file));
  const policy =
    targetRefs === null ? null : await attempt<PolicyReport>(() => evaluatePolicies(config, environment, head, { ...judge, unreadable }), problems);
  return {
    environment,
    ...(settings.from === undefined ? {} : { from: settings.from }),
    gated: settings.requires !== undefined,
    files: files.map(fileDiff),
    images,
    drift,
    policy,
    problems: dedupe(problems),
    ...(warnings.length === 0 ? {} : { warnings: dedupe(warnings) }),
    rendered,
  };
}

async function driftFrom(
  config: Config,
  from: string | undefined,
  base: RepoReader,
  targetRefs: ImageReference[] | null,
  changed: ReadonlySet<string>,
  problems: FileProblem[],
  sort: (unparsed: readonly FileWarning[]) => void,
): Promise<DriftEntry[]> {
  const source = from === undefined ? undefined : config.environments[from];
  if (source === undefined || targetRefs === null) return [];
  const scan = await attempt(() => scanTree(base, normalizeRepoPath(source.path)), problems);
  if (scan === null) return [];
  sort(scan.warnings.filter((warning) => warning.kind === "not-yaml"));
  return environmentDrift(config, scan.references, targetRefs, changed);
}

function asProblem(warning: FileWarning): FileProblem {
  return { file: warning.file, ...(warning.line === undefined ? {} : { line: warning.line }), message: warning.reason };
}

/** The result of `work`, or null with its InputError noted as a problem. */
async function attempt<T>(work: () => Promise<T>, problems: FileProblem[]): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push({ file: error.file, ...(error.line === undefined ? {} : { line: error.line }), message: error.reason });
    return null;
  }
}

function dedupe(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.file}:${problem.line ?? ""}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
