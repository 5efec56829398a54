/** The files a pull request changes, through the pull request files API. */
import { callGitHub } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_FILES = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files";

/**
 * Paths pull request `number` changes, reading every page (GitHub lists at
 * most 3,000 files); a renamed file counts under its old and new name.
 */
export async function listPullRequestFiles(octokit: Octokit, repo: RepoRef, number: number): Promise<string[]> {
  const files = await callGitHub(`list the files of pull request #${number} in ${repoName(repo)}`, LIST_FILES, () =>
    octokit.paginate(LIST_FILES, { ...repo, pull_number: number, per_page: 100 }),
  );
  return files.flatMap((file) => (file.previous_filename ? [file.filename, file.previous_filename] : [file.filename]));
}
