/**
 * The review of a pull request that changes environments' files (SPEC
 * section 4, "Every PR that changes an environment's files"): per
 * environment, the diffs, image versions, drift, policy results and rendered
 * manifests that the comment and the `promenade/policy` check show.
 */
import { environmentDirectory } from "../engine/config/environment-graph.js";
import type { Config } from "../engine/config/schema.js";
import type { RepoReader } from "../engine/repo/reader.js";
import { readChangedFiles } from "../engine/review/read-changed-files.js";
import { reviewEnvironment } from "../engine/review/review-environment.js";
import type { EnvironmentReview } from "../engine/review/review.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { cachingReader } from "./caching-reader.js";
import { filesByEnvironment } from "./changed-environments.js";
import { readConfigAt } from "./load-config.js";
import { renderedDiff, type Renderer } from "../render-manifests/rendered-diff.js";

/** What the review reads on GitHub. */
export type ReviewGitHub = Pick<GitHubClient, "defaultBranchHead" | "readFile" | "repoReader">;

/** The pull request under review. */
export interface PullRequestUnderReview {
  number: number;
  /** The commit of the default branch the pull request is compared with (its base). */
  baseSha: string;
  headSha: string;
}

/** What the review found: nothing to review (no valid config, no environment changed), or the review of each environment changed. */
export type ReviewOutcome = { action: "skipped" } | { action: "reviewed"; config: Config; reviews: EnvironmentReview[] };

/**
 * Reviews pull request `pr` of `repo`, which changes `files` and targets the
 * default branch; writes nothing. Steps:
 *
 * 1. Read the config at the base commit (the default branch's; never the pull request's own).
 * 2. Group the changed files by environment; none: stop.
 * 3. Per environment: read the changed files on both sides, render the manifests, review (diff, versions, drift, policies).
 */
export async function reviewPullRequest(
  github: ReviewGitHub,
  repo: RepoRef,
  pr: PullRequestUnderReview,
  files: readonly string[],
  render: Renderer,
): Promise<ReviewOutcome> {
  const reading = await readConfigAt(github, repo, pr.baseSha);
  if (reading.status !== "valid") return { action: "skipped" };
  const { config } = reading;
  const byEnvironment = filesByEnvironment(config, files);
  if (byEnvironment.size === 0) return { action: "skipped" };
  const base = cachingReader(github.repoReader(repo, pr.baseSha));
  const head = cachingReader(github.repoReader(repo, pr.headSha));
  const reviews: EnvironmentReview[] = [];
  for (const [environment, paths] of byEnvironment) {
    reviews.push(await reviewOne(config, environment, paths, base, head, render));
  }
  return { action: "reviewed", config, reviews };
}

async function reviewOne(
  config: Config,
  environment: string,
  paths: readonly string[],
  base: RepoReader,
  head: RepoReader,
  render: Renderer,
): Promise<EnvironmentReview> {
  const dir = environmentDirectory(config, environment);
  const [changed, rendered] = await Promise.all([readChangedFiles(base, head, dir, paths), renderedDiff(render, base, head, dir)]);
  return reviewEnvironment({ config, environment, files: changed, base, head, rendered });
}
