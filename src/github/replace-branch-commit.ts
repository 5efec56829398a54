/**
 * Replacing the commit of a branch with an open pull request: a new commit
 * of the changes directly on top of the base, and the branch moved to it in
 * one step. Moving the branch to the base first (as for a new promotion)
 * would leave the pull request without commits for a moment, and GitHub
 * closes such a pull request for good.
 */
import { callGitHub } from "./errors.js";
import type { CommitRequest, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const GET_COMMIT = "GET /repos/{owner}/{repo}/git/commits/{commit_sha}";
const CREATE_TREE = "POST /repos/{owner}/{repo}/git/trees";
const CREATE_COMMIT = "POST /repos/{owner}/{repo}/git/commits";
const UPDATE_REF = "PATCH /repos/{owner}/{repo}/git/refs/{ref}";

/**
 * Replaces the commits of `branch` (which has an open pull request) with one
 * commit of the changes on top of `baseSha`, moving it in one step. One read
 * and three writes: the base commit's tree, a tree with `changes` over it,
 * a commit of that tree whose only parent is `baseSha`, and the forced move
 * of `branch` to that commit. Returns the new commit's sha.
 */
export async function replaceBranchCommit(octokit: Octokit, repo: RepoRef, commit: CommitRequest): Promise<string> {
  const where = `${commit.branch} in ${repoName(repo)}`;
  const { data: base } = await callGitHub(`read commit ${commit.baseSha} of ${repoName(repo)}`, GET_COMMIT, () =>
    octokit.request(GET_COMMIT, { ...repo, commit_sha: commit.baseSha }),
  );
  const { data: tree } = await callGitHub(`write the tree of ${commit.changes.length} file(s) for ${where}`, CREATE_TREE, () =>
    octokit.request(CREATE_TREE, {
      ...repo,
      base_tree: base.tree.sha,
      tree: commit.changes.map((change) => ({ path: change.path, mode: "100644" as const, type: "blob" as const, content: change.content })),
    }),
  );
  const { data: created } = await callGitHub(`write the commit for ${where}`, CREATE_COMMIT, () =>
    octokit.request(CREATE_COMMIT, { ...repo, message: commit.message, tree: tree.sha, parents: [commit.baseSha] }),
  );
  await callGitHub(`move ${where} to ${created.sha}`, UPDATE_REF, () =>
    octokit.request(UPDATE_REF, { ...repo, ref: `heads/${commit.branch}`, sha: created.sha, force: true }),
  );
  return created.sha;
}
