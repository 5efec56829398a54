/** Who wrote a commit, as GitHub matched its author and committer to accounts. */
import { callGitHub } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const GET_COMMIT = "GET /repos/{owner}/{repo}/commits/{ref}";

/** The logins of the author and committer of `sha`; `web-flow` (GitHub committing a web edit) left out. */
export async function commitAuthors(octokit: Octokit, repo: RepoRef, sha: string): Promise<string[]> {
  const { data } = await callGitHub(`read commit ${sha} of ${repoName(repo)}`, GET_COMMIT, () =>
    octokit.request(GET_COMMIT, { ...repo, ref: sha, per_page: 1 }),
  );
  const logins = [data.author?.login, data.committer?.login].filter((login): login is string => typeof login === "string" && login !== "web-flow");
  return [...new Set(logins)];
}
