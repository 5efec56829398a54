/** Finding, opening and updating promotion pull requests, and labelling them. */
import { callGitHub, GitHubError } from "./errors.js";
import type { IssueUpdate, NewPullRequest, PullRequest, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_PULLS = "GET /repos/{owner}/{repo}/pulls";
const CREATE_PULL = "POST /repos/{owner}/{repo}/pulls";
const UPDATE_PULL = "PATCH /repos/{owner}/{repo}/pulls/{pull_number}";
const ADD_LABELS = "POST /repos/{owner}/{repo}/issues/{issue_number}/labels";

const GET_PULL = "GET /repos/{owner}/{repo}/pulls/{pull_number}";
const MERGE_PULL = "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge";

/** A pull request as the REST API and webhook payloads carry it (the fields Promenade reads). */
export interface PullRequestData {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
  state: string;
  head: { ref: string; sha: string; repo: { full_name: string } | null };
  base: { ref: string; sha: string; repo: { full_name: string } };
  labels: { name?: string }[];
  user: { login: string } | null;
  merged_at: string | null;
}

/** The pull request of an API answer or a webhook payload. */
export function toPullRequest(data: PullRequestData): PullRequest {
  return {
    number: data.number,
    url: data.html_url,
    title: data.title,
    body: data.body ?? "",
    state: data.state === "open" ? "open" : "closed",
    headBranch: data.head.ref,
    headSha: data.head.sha,
    baseBranch: data.base.ref,
    baseSha: data.base.sha,
    labels: data.labels.flatMap((label) => (label.name ? [label.name] : [])),
    author: data.user?.login ?? "",
    fromFork: data.head.repo?.full_name !== data.base.repo.full_name,
    merged: data.merged_at !== null,
  };
}

/** One pull request. */
export async function getPullRequest(octokit: Octokit, repo: RepoRef, number: number): Promise<PullRequest> {
  const { data } = await callGitHub(`read pull request #${number} in ${repoName(repo)}`, GET_PULL, () =>
    octokit.request(GET_PULL, { ...repo, pull_number: number }),
  );
  return toPullRequest(data);
}

/**
 * Merges pull request `number` if its head is still `sha`. GitHub's refusals
 * that mean "not now" (405: not mergeable, e.g. required checks pending; 409:
 * the head moved) answer false; other failures throw.
 */
export async function mergePullRequest(octokit: Octokit, repo: RepoRef, number: number, sha: string): Promise<boolean> {
  try {
    await callGitHub(`merge pull request #${number} in ${repoName(repo)}`, MERGE_PULL, () =>
      octokit.request(MERGE_PULL, { ...repo, pull_number: number, sha }),
    );
    return true;
  } catch (error) {
    if (error instanceof GitHubError && (error.status === 405 || error.status === 409)) return false;
    throw error;
  }
}

/** The open pull request whose head is `headBranch` of this repository (not a fork), if any. */
export async function findOpenPullRequest(octokit: Octokit, repo: RepoRef, headBranch: string): Promise<PullRequest | null> {
  const { data } = await callGitHub(`find the open pull request from ${headBranch} in ${repoName(repo)}`, LIST_PULLS, () =>
    octokit.request(LIST_PULLS, { ...repo, state: "open", head: `${repo.owner}:${headBranch}`, per_page: 1 }),
  );
  const first = data[0];
  return first ? toPullRequest(first) : null;
}

/** Every open pull request of the repository, reading every page. */
export async function listOpenPullRequests(octokit: Octokit, repo: RepoRef): Promise<PullRequest[]> {
  const pulls = await callGitHub(`list the open pull requests of ${repoName(repo)}`, LIST_PULLS, () =>
    octokit.paginate(LIST_PULLS, { ...repo, state: "open", per_page: 100 }),
  );
  return pulls.map(toPullRequest);
}

/** Opens a pull request. */
export async function createPullRequest(octokit: Octokit, repo: RepoRef, pr: NewPullRequest): Promise<PullRequest> {
  const { data } = await callGitHub(`open a pull request from ${pr.head} in ${repoName(repo)}`, CREATE_PULL, () =>
    octokit.request(CREATE_PULL, { ...repo, title: pr.title, body: pr.body, head: pr.head, base: pr.base }),
  );
  return toPullRequest(data);
}

/** Changes a pull request's title, body or state. */
export async function updatePullRequest(octokit: Octokit, repo: RepoRef, number: number, update: IssueUpdate): Promise<PullRequest> {
  const { data } = await callGitHub(`update pull request #${number} in ${repoName(repo)}`, UPDATE_PULL, () =>
    octokit.request(UPDATE_PULL, { ...repo, pull_number: number, ...update }),
  );
  return toPullRequest(data);
}

/** Adds labels to an issue or pull request; GitHub creates labels that do not exist yet. */
export async function addLabels(octokit: Octokit, repo: RepoRef, issueNumber: number, labels: string[]): Promise<void> {
  if (labels.length === 0) return;
  await callGitHub(`label #${issueNumber} in ${repoName(repo)}`, ADD_LABELS, () => octokit.request(ADD_LABELS, { ...repo, issue_number: issueNumber, labels }));
}
