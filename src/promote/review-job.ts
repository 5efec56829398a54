/**
 * One environment's review as plain data, so that it can run on a worker
 * thread (src/promote/review-worker.ts): everything reviewEnvironment reads,
 * read here first on the main thread.
 */
import { environmentDirectory } from "../engine/config/environment-graph.js";
import type { Config } from "../engine/config/schema.js";
import { type KustomizeSources, kustomizeSources } from "../engine/policy/index.js";
import { readAhead, type ReadAhead } from "../engine/repo/read-ahead.js";
import type { RepoReader } from "../engine/repo/reader.js";
import { readChangedFiles } from "../engine/review/read-changed-files.js";
import type { ChangedFile } from "../engine/review/review.js";
import type { RenderOutcome } from "../render-manifests/kustomize.js";
import type { Renderer } from "../render-manifests/rendered-diff.js";

/** What reviewing one environment takes, as plain data (a structured clone carries it). */
export interface ReviewJob {
  config: Config;
  environment: string;
  /** The environment's files the pull request changes, on both sides. */
  files: ChangedFile[];
  /** The base (default branch): the source environment's directory, for drift. */
  base: ReadAhead;
  /** The head: the environment's directory and those it is built from, for its image references and policies. */
  head: ReadAhead;
  /** What kustomize builds the environment from at the head, for the policies. */
  sources: KustomizeSources;
  /** The environment's directory rendered on both sides. */
  rendered: { dir: string; before: RenderOutcome; after: RenderOutcome };
}

/**
 * Reads what reviewing `environment` takes: `paths` (its changed files) on
 * both sides, its directory and the kustomize sources it is built from at
 * `head`, the directory of the environment it is promoted from at `base`,
 * and both renderings of its directory.
 */
export async function readReviewJob(
  config: Config,
  environment: string,
  paths: readonly string[],
  base: RepoReader,
  head: RepoReader,
  render: Renderer,
): Promise<ReviewJob> {
  const dir = environmentDirectory(config, environment);
  const from = config.environments[environment]?.from;
  const [files, baseAhead, { sources, headAhead }, before, after] = await Promise.all([
    readChangedFiles(base, head, dir, paths),
    readAhead(base, from === undefined ? [] : [environmentDirectory(config, from)]),
    kustomizeSources(head, dir).then(async (sources) => ({ sources, headAhead: await readAhead(head, [dir, ...sources.directories]) })),
    render(base, dir),
    render(head, dir),
  ]);
  return { config, environment, files, base: baseAhead, head: headAhead, sources, rendered: { dir, before, after } };
}
