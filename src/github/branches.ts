/** Reading the default branch's head and pointing a promotion branch at a commit. */
import { MAX_YAML_BYTES } from "../engine/repo/yaml-files.js";
import { callGitHub, GitHubError, toGitHubError } from "./errors.js";
import type { BranchHead, HeadAndFile, RepoRef } from "./github-client.js";
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

const DEFAULT_BRANCH_FILE_QUERY = `query promenadeDefaultBranchFile($owner: String!, $name: String!, $path: String!) {
  repository(owner: $owner, name: $name) {
    id
    defaultBranchRef { name target { oid ... on Commit { file(path: $path) { mode object { ... on Blob { text byteSize isBinary isTruncated } } } } } }
  }
}`;

/** Git's modes of a regular file (the contents API reads only these as files). */
const FILE_MODES = new Set([0o100644, 0o100755]);

interface FileEntry {
  mode?: number;
  object?: { text?: string | null; byteSize?: number; isBinary?: boolean | null; isTruncated?: boolean } | null;
}

interface DefaultBranchFileResult {
  repository: { id: string; defaultBranchRef: { name: string; target: { oid: string; file?: FileEntry | null } } | null } | null;
}

/**
 * The default branch, its head commit and the text of `path` in that commit,
 * in one GraphQL read, with the repository's node id (createBranchWithCommit). `file` is null when the commit has no `path`, and
 * undefined when GraphQL cannot give its text exactly as stored or it is not
 * one that readFile would read (not a regular file, binary, truncated, larger
 * than MAX_YAML_BYTES, not UTF-8): read it through the contents API then
 * (readFile), which judges it as loading the config always has.
 */
export async function defaultBranchHeadAndFile(octokit: Octokit, repo: RepoRef, path: string): Promise<HeadAndFile> {
  const operation = `read the default branch of ${repoName(repo)} and its ${path}`;
  const route = "POST /graphql (repository.defaultBranchRef)";
  const result = await callGitHub(operation, route, () =>
    octokit.graphql<DefaultBranchFileResult>(DEFAULT_BRANCH_FILE_QUERY, { owner: repo.owner, name: repo.repo, path }),
  );
  const repository = result.repository;
  const ref = repository?.defaultBranchRef;
  if (!repository || !ref) throw new GitHubError(operation, route, 200, undefined, "the repository has no default branch (is it empty?)");
  return { head: { branch: ref.name, sha: ref.target.oid }, file: fileText(ref.target.file), repositoryId: repository.id };
}

/** The text of a file entry as readFile would answer it: null when absent, undefined when only the contents API can tell. */
function fileText(entry: FileEntry | null | undefined): string | null | undefined {
  if (entry === null) return null;
  const blob = entry?.object;
  if (entry?.mode === undefined || !FILE_MODES.has(entry.mode) || !blob || blob.isBinary !== false || blob.isTruncated !== false) return undefined;
  const { text, byteSize } = blob;
  if (typeof text !== "string" || byteSize === undefined || byteSize > MAX_YAML_BYTES) return undefined;
  // Exactly the stored bytes: no replacement character for bytes that are not UTF-8, no NUL, nothing added or dropped.
  if (text.includes("\uFFFD") || text.includes("\0") || Buffer.byteLength(text, "utf8") !== byteSize) return undefined;
  return text;
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
  await moveBranch(octokit, repo, branch, sha);
  return "moved";
}

/** One write: force-moves the existing `branch` to `sha` (discarding its old commits). */
export async function moveBranch(octokit: Octokit, repo: RepoRef, branch: string, sha: string): Promise<void> {
  await callGitHub(`move branch ${branch} of ${repoName(repo)} to ${sha}`, UPDATE_REF, () =>
    octokit.request(UPDATE_REF, { ...repo, ref: `heads/${branch}`, sha, force: true }),
  );
}
