/** Writing a promotion's file changes as one commit, with GraphQL `createCommitOnBranch`. */
import { callGitHub, GitHubError } from "./errors.js";
import type { CommitRequest, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const CREATE_COMMIT_MUTATION = `mutation promenadeCommit($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid } }
}`;

interface CreateCommitResult {
  createCommitOnBranch: { commit: { oid: string } | null } | null;
}

/** Splits a commit message into GitHub's headline (first line) and body (the rest, trimmed). */
export function splitCommitMessage(message: string): { headline: string; body?: string } {
  const [headline = "", ...rest] = message.split("\n");
  const body = rest.join("\n").trim();
  return body ? { headline: headline.trim(), body } : { headline: headline.trim() };
}

/**
 * One write: a commit of all `changes` on `branch`, which must point at
 * `baseSha` (GitHub refuses the commit otherwise, so a concurrent push is
 * never overwritten). The commit is signed by GitHub as the app. Returns the
 * new commit's sha.
 */
export async function commitFiles(octokit: Octokit, repo: RepoRef, commit: CommitRequest): Promise<string> {
  const input = {
    branch: { repositoryNameWithOwner: repoName(repo), branchName: commit.branch },
    expectedHeadOid: commit.baseSha,
    message: splitCommitMessage(commit.message),
    fileChanges: {
      additions: commit.changes.map((change) => ({
        path: change.path,
        contents: Buffer.from(change.content, "utf8").toString("base64"),
      })),
    },
  };
  const operation = `commit ${commit.changes.length} file(s) to ${commit.branch} in ${repoName(repo)}`;
  const route = "POST /graphql (createCommitOnBranch)";
  const result = await callGitHub(operation, route, () => octokit.graphql<CreateCommitResult>(CREATE_COMMIT_MUTATION, { input }));
  const oid = result.createCommitOnBranch?.commit?.oid;
  if (!oid) throw new GitHubError(operation, route, 200, undefined, "GitHub returned no commit");
  return oid;
}
