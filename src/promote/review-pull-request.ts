/**
 * The review of a pull request that changes environments' files (SPEC
 * section 4, "Every PR that changes an environment's files"): one comment,
 * edited in place, and the `promenade/policy` check run on its head commit.
 * Nothing else is written, so a pull request from a fork gets exactly these.
 */
import { environmentForPath } from "../engine/config/environment-graph.js";
import { normalizeRepoPath } from "../engine/config/environment-path.js";
import type { Config } from "../engine/config/schema.js";
import { POLICY_CHECK_NAME, REVIEW_MARKER, renderReviewComment } from "../engine/render/review-comment.js";
import { renderPolicyCheck } from "../engine/render/policy-check.js";
import type { RepoReader } from "../engine/repo/reader.js";
import { readChangedFiles } from "../engine/review/read-changed-files.js";
import { reviewEnvironment } from "../engine/review/review-environment.js";
import type { EnvironmentReview } from "../engine/review/review.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { cachingReader } from "./caching-reader.js";
import { readConfigAt } from "./load-config.js";
import { renderedDiff, type Renderer } from "../render-manifests/rendered-diff.js";

/** What the review needs from GitHub. */
export type ReviewGitHub = Pick<GitHubClient, "defaultBranchHead" | "readFile" | "repoReader" | "upsertComment" | "createCheckRun">;

/** The pull request under review. */
export interface PullRequestUnderReview {
  number: number;
  /** The commit of the default branch the pull request is compared with (its base). */
  baseSha: string;
  headSha: string;
}

/** What the review did: `skipped` when the repository has no valid config or the pull request changes no environment. */
export type ReviewOutcome = { action: "skipped" } | { action: "reviewed"; reviews: EnvironmentReview[] };

/**
 * Reviews pull request `pr` of `repo`, which changes `files` and targets the
 * default branch. Steps:
 *
 * 1. Read the config at the base commit (the default branch's; never the pull request's own).
 * 2. Group the changed files by environment; none: stop.
 * 3. Per environment: read the changed files on both sides, render the manifests, review (diff, versions, drift, policies).
 * 4. Write the comment, or edit the existing one.
 * 5. Create the `promenade/policy` check run on the head commit.
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
  await github.upsertComment(repo, pr.number, REVIEW_MARKER, renderReviewComment(reviews));
  const check = renderPolicyCheck(reviews);
  await github.createCheckRun(repo, { name: POLICY_CHECK_NAME, headSha: pr.headSha, ...check });
  return { action: "reviewed", reviews };
}

async function reviewOne(
  config: Config,
  environment: string,
  paths: readonly string[],
  base: RepoReader,
  head: RepoReader,
  render: Renderer,
): Promise<EnvironmentReview> {
  const dir = normalizeRepoPath((config.environments[environment] as { path: string }).path);
  const [changed, rendered] = await Promise.all([readChangedFiles(base, head, dir, paths), renderedDiff(render, base, head, dir)]);
  return reviewEnvironment({ config, environment, files: changed, base, head, rendered });
}

/** The changed files of each environment, in config order; files of no environment left out. */
function filesByEnvironment(config: Config, files: readonly string[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const name of Object.keys(config.environments)) {
    const mine = files.filter((file) => environmentForPath(config, file) === name);
    if (mine.length > 0) result.set(name, mine);
  }
  return result;
}
