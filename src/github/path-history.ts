/** The commits of the default branch that touched a path, newest first: where /rollback looks for earlier versions. */
import { callGitHub } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_COMMITS = "GET /repos/{owner}/{repo}/commits";

/** The shas of the last `limit` commits reachable from `ref` that touched `path` (a file or directory), newest first (one read). */
export async function commitsTouching(octokit: Octokit, repo: RepoRef, ref: string, path: string, limit: number): Promise<string[]> {
  const { data } = await callGitHub(`list the commits that changed ${path} in ${repoName(repo)}`, LIST_COMMITS, () =>
    octokit.request(LIST_COMMITS, { ...repo, sha: ref, path, per_page: Math.min(100, limit) }),
  );
  return data.map((commit) => commit.sha);
}
