/** `owner/repo`, for messages and GraphQL. */
import type { RepoRef } from "./github-client.js";

/** The `owner/repo` name of a repository. */
export function repoName(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`;
}
