/**
 * What Promenade does when a pull request is opened, pushed to, reopened or
 * retargeted: the `promenade/config` check when it changes the config, and
 * the review (comment and `promenade/policy` check) when it changes
 * environments' files on the default branch.
 */
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { checkConfigChange } from "./config-check.js";
import type { Renderer } from "../render-manifests/rendered-diff.js";
import { reviewPullRequest, type PullRequestUnderReview, type ReviewOutcome } from "./review-pull-request.js";

/** A pull request as the checks need it. */
export interface CheckedPullRequest extends PullRequestUnderReview {
  /** Whether it targets the repository's default branch (only those change what runs). */
  targetsDefaultBranch: boolean;
}

/**
 * Checks pull request `pr` of `repo`. Steps:
 *
 * 1. List the files it changes.
 * 2. The `promenade/config` check, when the config is among them.
 * 3. The review, when it targets the default branch.
 */
export async function checkPullRequest(github: GitHubClient, repo: RepoRef, pr: CheckedPullRequest, render: Renderer): Promise<ReviewOutcome> {
  const files = await github.listPullRequestFiles(repo, pr.number);
  await checkConfigChange(github, repo, pr.headSha, files);
  if (!pr.targetsDefaultBranch) return { action: "skipped" };
  return reviewPullRequest(github, repo, pr, files, render);
}
