/** The commits of the default branch that touched a path, newest first: where /rollback looks for earlier versions, and soak for when a version arrived. */
import { callGitHub } from "./errors.js";
import type { PathCommit, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_COMMITS = "GET /repos/{owner}/{repo}/commits";

/** The shas of the last `limit` commits reachable from `ref` that touched `path` (a file or directory), newest first (one read). */
export async function commitsTouching(octokit: Octokit, repo: RepoRef, ref: string, path: string, limit: number): Promise<string[]> {
  const { data } = await listCommits(octokit, repo, ref, path, limit);
  return data.map((commit) => commit.sha);
}

/** The last `limit` (at most 100) commits reachable from `ref` that touched `path`, newest first, with their committers' times (one read). */
export async function pathCommits(octokit: Octokit, repo: RepoRef, ref: string, path: string, limit: number): Promise<PathCommit[]> {
  const { data } = await listCommits(octokit, repo, ref, path, limit);
  return data.map((commit) => {
    const date = commit.commit.committer?.date;
    return { sha: commit.sha, committedAt: date === undefined ? null : new Date(date) };
  });
}

function listCommits(octokit: Octokit, repo: RepoRef, ref: string, path: string, limit: number) {
  return callGitHub(`list the commits that changed ${path} in ${repoName(repo)}`, LIST_COMMITS, () =>
    octokit.request(LIST_COMMITS, { ...repo, sha: ref, path, per_page: Math.min(100, limit) }),
  );
}
