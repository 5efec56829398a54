/** Reading the default branch's head and pointing a promotion branch at a commit. */
import { callGitHub, GitHubError, toGitHubError } from "./errors.js";
import type { BranchHead, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const DEFAULT_BRANCH_QUERY = `query promenadeDefaultBranch($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    defaultBranchRef { name target { oid } }
  }
}`;

interface DefaultBranchResult {
  repository: { defaultBranchRef: { name: string; target: { oid: string } } | null } | null;
}

/** The default branch and its head commit, in one GraphQL read. */
export async function defaultBranchHead(octokit: Octokit, repo: RepoRef): Promise<BranchHead> {
  const operation = `read the default branch of ${repoName(repo)}`;
  const route = "POST /graphql (repository.defaultBranchRef)";
  const result = await callGitHub(operation, route, () => octokit.graphql<DefaultBranchResult>(DEFAULT_BRANCH_QUERY, { owner: repo.owner, name: repo.repo }));
  const ref = result.repository?.defaultBranchRef;
  if (!ref) throw new GitHubError(operation, route, 200, undefined, "the repository has no default branch (is it empty?)");
  return { branch: ref.name, sha: ref.target.oid };
}

const CREATE_REF = "POST /repos/{owner}/{repo}/git/refs";
const UPDATE_REF = "PATCH /repos/{owner}/{repo}/git/refs/{ref}";

/**
 * Makes `branch` point at `sha`: one write to create it, or, when it already
 * exists, a second to force-move it there (discarding its old commits).
 */
export async function resetBranch(octokit: Octokit, repo: RepoRef, branch: string, sha: string): Promise<"created" | "moved"> {
  try {
    await octokit.request(CREATE_REF, { ...repo, ref: `refs/heads/${branch}`, sha });
    return "created";
  } catch (error) {
    const wrapped = toGitHubError(`create branch ${branch} in ${repoName(repo)}`, CREATE_REF, error);
    if (wrapped.status !== 422 || !/already exists/i.test(wrapped.detail)) throw wrapped;
  }
  await callGitHub(`move branch ${branch} of ${repoName(repo)} to ${sha}`, UPDATE_REF, () =>
    octokit.request(UPDATE_REF, { ...repo, ref: `heads/${branch}`, sha, force: true }),
  );
  return "moved";
}
