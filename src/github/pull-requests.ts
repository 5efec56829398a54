/** Finding, opening and updating promotion pull requests, and labelling them. */
import { callGitHub } from "./errors.js";
import type { IssueUpdate, NewPullRequest, PullRequest, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_PULLS = "GET /repos/{owner}/{repo}/pulls";
const CREATE_PULL = "POST /repos/{owner}/{repo}/pulls";
const UPDATE_PULL = "PATCH /repos/{owner}/{repo}/pulls/{pull_number}";
const ADD_LABELS = "POST /repos/{owner}/{repo}/issues/{issue_number}/labels";

interface PullRequestData {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
  state: string;
  head: { ref: string; sha: string };
  base: { ref: string };
  labels: { name?: string }[];
}

function toPullRequest(data: PullRequestData): PullRequest {
  return {
    number: data.number,
    url: data.html_url,
    title: data.title,
    body: data.body ?? "",
    state: data.state === "open" ? "open" : "closed",
    headBranch: data.head.ref,
    headSha: data.head.sha,
    baseBranch: data.base.ref,
    labels: data.labels.flatMap((label) => (label.name ? [label.name] : [])),
  };
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
export async function updatePullRequest(
  octokit: Octokit,
  repo: RepoRef,
  number: number,
  update: IssueUpdate,
): Promise<PullRequest> {
  const { data } = await callGitHub(`update pull request #${number} in ${repoName(repo)}`, UPDATE_PULL, () =>
    octokit.request(UPDATE_PULL, { ...repo, pull_number: number, ...update }),
  );
  return toPullRequest(data);
}

/** Adds labels to an issue or pull request; GitHub creates labels that do not exist yet. */
export async function addLabels(octokit: Octokit, repo: RepoRef, issueNumber: number, labels: string[]): Promise<void> {
  if (labels.length === 0) return;
  await callGitHub(`label #${issueNumber} in ${repoName(repo)}`, ADD_LABELS, () =>
    octokit.request(ADD_LABELS, { ...repo, issue_number: issueNumber, labels }),
  );
}
