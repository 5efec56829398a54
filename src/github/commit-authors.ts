/** Who wrote the commits of a pull request, as GitHub matched their authors and committers to accounts. */
import { callGitHub } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_COMMITS = "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits";

/** The logins of the authors and committers of every commit of pull request `number` (GitHub lists up to 250); `web-flow` (GitHub committing a web edit for someone) left out. */
export async function pullRequestCommitters(octokit: Octokit, repo: RepoRef, number: number): Promise<string[]> {
  const commits = await callGitHub(`list the commits of #${number} in ${repoName(repo)}`, LIST_COMMITS, () =>
    octokit.paginate(LIST_COMMITS, { ...repo, pull_number: number, per_page: 100 }),
  );
  const logins = commits.flatMap((commit) => [commit.author?.login, commit.committer?.login]);
  return [...new Set(logins.filter((login): login is string => typeof login === "string" && login !== "web-flow"))];
}
