/** Which directories a commit has: one GraphQL read, however many are asked about. */
import { callGitHub } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

type Objects = Record<string, { __typename: string } | null>;

/**
 * Those of `dirs` (repository-relative, normalised, `.` for the root) that
 * are directories at commit `sha`: one `object(expression: "<sha>:<dir>")`
 * per directory, by alias, in a single query. A path that is missing, a
 * file, a symlink or a submodule is not a directory.
 */
export async function existingDirectories(octokit: Octokit, repo: RepoRef, sha: string, dirs: readonly string[]): Promise<Set<string>> {
  const asked = dirs.filter((dir) => dir !== ".");
  const found = new Set<string>(dirs.filter((dir) => dir === "."));
  if (asked.length === 0) return found;
  const variables = Object.fromEntries(asked.map((dir, i) => [`d${i}`, `${sha}:${dir}`]));
  const declared = asked.map((_, i) => `, $d${i}: String!`).join("");
  const fields = asked.map((_, i) => `d${i}: object(expression: $d${i}) { __typename }`).join(" ");
  const query = `query promenadeDirectories($owner: String!, $name: String!${declared}) { repository(owner: $owner, name: $name) { ${fields} } }`;
  const result = await callGitHub(`find the environment directories of ${repoName(repo)} at ${sha}`, "POST /graphql (repository.object)", () =>
    octokit.graphql<{ repository: Objects | null }>(query, { owner: repo.owner, name: repo.repo, ...variables }),
  );
  asked.forEach((dir, i) => {
    if (result.repository?.[`d${i}`]?.__typename === "Tree") found.add(dir);
  });
  return found;
}
