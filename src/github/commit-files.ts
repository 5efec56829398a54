/**
 * Writing a promotion's file changes as one commit, with GraphQL
 * `createCommitOnBranch`: on an existing branch, or on a new branch created
 * by the same request.
 */
import { moveBranch } from "./branches.js";
import { callGitHub, callGitHubOrNull, GitHubError, toGitHubError } from "./errors.js";
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
  const input = commitInput(repo, commit);
  const operation = `commit ${commit.changes.length} file(s) to ${commit.branch} in ${repoName(repo)}`;
  const route = "POST /graphql (createCommitOnBranch)";
  const result = await callGitHub(operation, route, () => octokit.graphql<CreateCommitResult>(CREATE_COMMIT_MUTATION, { input }));
  const oid = result.createCommitOnBranch?.commit?.oid;
  if (!oid) throw new GitHubError(operation, route, 200, undefined, "GitHub returned no commit");
  return oid;
}

/** The input of createCommitOnBranch for `commit`. */
function commitInput(repo: RepoRef, commit: CommitRequest) {
  return {
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
}

// Mutations of one document run one after the other: the branch exists (at the base) when the commit is made on it.
const CREATE_BRANCH_AND_COMMIT_MUTATION = `mutation promenadeBranchAndCommit($branch: CreateRefInput!, $input: CreateCommitOnBranchInput!) {
  createRef(input: $branch) { ref { name } }
  createCommitOnBranch(input: $input) { commit { oid } }
}`;

interface BranchAndCommitResult {
  createRef: { ref: { name: string } | null } | null;
  createCommitOnBranch: { commit: { oid: string } | null } | null;
}

/** What a GraphQL answer with errors (HTTP 200) carries: the data of the mutations that ran, and each error with its mutation's `path`. */
interface PartialAnswer {
  data?: Partial<BranchAndCommitResult> | null;
  errors: { path?: (string | number)[]; message?: string }[];
}

function isPartialAnswer(error: unknown): error is PartialAnswer {
  return typeof error === "object" && error !== null && Array.isArray((error as { errors?: unknown }).errors);
}

/** Whether createRef failed (why is not read from its message: branchExists asks GitHub). */
function refNotCreated(answer: PartialAnswer): boolean {
  return answer.errors.some((e) => e.path?.[0] === "createRef");
}

const GET_REF = "GET /repos/{owner}/{repo}/git/ref/{ref}";

/** Whether `branch` exists in `repo` (one read). */
async function branchExists(octokit: Octokit, repo: RepoRef, branch: string): Promise<boolean> {
  const ref = await callGitHubOrNull(`read branch ${branch} of ${repoName(repo)}`, GET_REF, () =>
    octokit.request(GET_REF, { ...repo, ref: `heads/${branch}` }),
  );
  return ref !== null;
}

/**
 * A new branch `commit.branch` at `commit.baseSha` with one commit of all
 * `changes` on it: one write, a GraphQL request of two mutations run in
 * order (createRef, then createCommitOnBranch). `repositoryId` is the
 * repository's GraphQL node id (defaultBranchHeadAndFile). Returns the new
 * commit's sha.
 *
 * When the branch already exists, its creation fails and the commit is still
 * made if the branch points at the base (a try whose commit failed after the
 * branch was created). When it points elsewhere, GitHub refuses the commit
 * (expectedHeadOid); then, once a read confirms the branch exists (GitHub's
 * error texts are not relied on), it is force-moved to the base and the
 * commit made on it (two more writes, as resetBranch and commitFiles). Any
 * other failure throws; the next try finds the branch as this one left it.
 */
export async function createBranchWithCommit(octokit: Octokit, repo: RepoRef, repositoryId: string, commit: CommitRequest): Promise<string> {
  const operation = `create branch ${commit.branch} with a commit of ${commit.changes.length} file(s) in ${repoName(repo)}`;
  const route = "POST /graphql (createRef, createCommitOnBranch)";
  const variables = {
    branch: { repositoryId, name: `refs/heads/${commit.branch}`, oid: commit.baseSha },
    input: commitInput(repo, commit),
  };
  let result: Partial<BranchAndCommitResult> | null | undefined;
  try {
    result = await octokit.graphql<BranchAndCommitResult>(CREATE_BRANCH_AND_COMMIT_MUTATION, variables);
  } catch (error) {
    // Not a GraphQL answer (5xx, a rate limit, no answer): nothing is known to be done.
    if (!isPartialAnswer(error)) throw toGitHubError(operation, route, error);
    result = error.data;
    if (!result?.createCommitOnBranch?.commit?.oid) {
      if (!refNotCreated(error) || !(await branchExists(octokit, repo, commit.branch))) throw toGitHubError(operation, route, error);
      // The branch exists and points elsewhere (GitHub refused the commit on it): moved to the base, then committed to.
      await moveBranch(octokit, repo, commit.branch, commit.baseSha);
      return commitFiles(octokit, repo, commit);
    }
    // Otherwise the branch already pointed at the base (an earlier try created it, then failed): the commit was made on it.
  }
  const oid = result?.createCommitOnBranch?.commit?.oid;
  if (!oid) throw new GitHubError(operation, route, 200, undefined, "GitHub returned no commit");
  return oid;
}
