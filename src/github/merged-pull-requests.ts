/** Which pull request a commit on the default branch merged: how a push is recognised as the merge of a promotion PR. */
import { callGitHub } from "./errors.js";
import type { MergedPullRequest, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const COMMIT_PULLS = "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls";

/**
 * The merged pull requests that introduced `sha` into the default branch
 * (for a merge or squash commit: the pull request it merged), in one read.
 */
export async function mergedPullRequestsOfCommit(octokit: Octokit, repo: RepoRef, sha: string): Promise<MergedPullRequest[]> {
  const { data } = await callGitHub(`find the pull request that merged ${sha} in ${repoName(repo)}`, COMMIT_PULLS, () =>
    octokit.request(COMMIT_PULLS, { ...repo, commit_sha: sha, per_page: 100 }),
  );
  return data.filter((pr) => pr.merged_at !== null).map((pr) => ({ number: pr.number, url: pr.html_url, headBranch: pr.head.ref }));
}
