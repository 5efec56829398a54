/** The issues Promenade keeps open (the config problems, the holds): list, open, update, close. */
import { callGitHub } from "./errors.js";
import type { Issue, IssueUpdate, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_ISSUES = "GET /repos/{owner}/{repo}/issues";
const CREATE_ISSUE = "POST /repos/{owner}/{repo}/issues";
const UPDATE_ISSUE = "PATCH /repos/{owner}/{repo}/issues/{issue_number}";

interface IssueData {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
}

function toIssue(data: IssueData): Issue {
  return { number: data.number, url: data.html_url, title: data.title, body: data.body ?? "" };
}

/**
 * The open issues (not pull requests) labelled `label`. Only issues with the
 * label are listed, so the cost does not grow with the repository's other
 * open issues.
 */
export async function listOpenIssues(octokit: Octokit, repo: RepoRef, label: string): Promise<Issue[]> {
  const issues = await callGitHub(`list the open issues labelled ${label} in ${repoName(repo)}`, LIST_ISSUES, () =>
    octokit.paginate(LIST_ISSUES, { ...repo, state: "open", labels: label, per_page: 100 }),
  );
  return issues.filter((issue) => !issue.pull_request).map(toIssue);
}

/** Opens an issue. */
export async function createIssue(
  octokit: Octokit,
  repo: RepoRef,
  issue: { title: string; body: string; labels?: string[] },
): Promise<Issue> {
  const { data } = await callGitHub(`open the issue "${issue.title}" in ${repoName(repo)}`, CREATE_ISSUE, () =>
    octokit.request(CREATE_ISSUE, { ...repo, ...issue }),
  );
  return toIssue(data);
}

/** Changes an issue's title, body or state. */
export async function updateIssue(octokit: Octokit, repo: RepoRef, number: number, update: IssueUpdate): Promise<void> {
  await callGitHub(`update issue #${number} in ${repoName(repo)}`, UPDATE_ISSUE, () =>
    octokit.request(UPDATE_ISSUE, { ...repo, issue_number: number, ...update }),
  );
}

/** Closes an issue as completed. */
export async function closeIssue(octokit: Octokit, repo: RepoRef, number: number): Promise<void> {
  await callGitHub(`close issue #${number} in ${repoName(repo)}`, UPDATE_ISSUE, () =>
    octokit.request(UPDATE_ISSUE, { ...repo, issue_number: number, state: "closed", state_reason: "completed" }),
  );
}
