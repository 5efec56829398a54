/**
 * The review of a pull request that changes environments' files: per
 * environment, the diffs, image versions, drift, policy results and rendered
 * manifests that the comment and the `promenade/policy` check show.
 */
import type { Config } from "../engine/config/schema.js";
import type { EnvironmentReview } from "../engine/review/review.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import type { Renderer } from "../render-manifests/rendered-diff.js";
import { cachingReader } from "./caching-reader.js";
import { filesByEnvironment } from "./changed-environments.js";
import { appReviewer, type EnvironmentReviewer } from "./environment-reviewer.js";
import { readConfigAt, type ConfigReading } from "./load-config.js";
import { readReviewJob } from "./review-job.js";

/** What the review reads on GitHub. */
export type ReviewGitHub = Pick<GitHubClient, "defaultBranchHead" | "readFile" | "repoReader">;

/** The pull request under review. */
export interface PullRequestUnderReview {
  number: number;
  /** The commit of the default branch the pull request is compared with (its base). */
  baseSha: string;
  headSha: string;
}

/** What the review found: nothing to review (no valid config, or no environment changed; with the config as read, when it was), or the review of each environment changed. */
export type ReviewOutcome = { action: "skipped"; reading?: ConfigReading } | { action: "reviewed"; config: Config; reviews: EnvironmentReview[] };

/**
 * Reviews pull request `pr` of `repo`, which changes `files` and targets the
 * default branch; writes nothing. Steps:
 *
 * 1. Read the config at the base commit (the default branch's; never the pull request's own).
 * 2. Group the changed files by environment; none: stop.
 * 3. Per environment: read what its review needs (changed files on both sides, its directory, the source environment's) and render the manifests.
 * 4. Review it (diffs, versions, drift, policies, rendered diff) with `reviewer`: by default on the app's review threads, within their time limit.
 */
export async function reviewPullRequest(
  github: ReviewGitHub,
  repo: RepoRef,
  pr: PullRequestUnderReview,
  files: readonly string[],
  render: Renderer,
  reviewer: EnvironmentReviewer = appReviewer(),
): Promise<ReviewOutcome> {
  const reading = await readConfigAt(github, repo, pr.baseSha);
  if (reading.status !== "valid") return { action: "skipped", reading };
  const { config } = reading;
  const byEnvironment = filesByEnvironment(config, files);
  if (byEnvironment.size === 0) return { action: "skipped", reading };
  const base = cachingReader(github.repoReader(repo, pr.baseSha));
  const head = cachingReader(github.repoReader(repo, pr.headSha));
  const reviews: EnvironmentReview[] = [];
  for (const [environment, paths] of byEnvironment) {
    reviews.push(await reviewer(await readReviewJob(config, environment, paths, base, head, render)));
  }
  return { action: "reviewed", config, reviews };
}
