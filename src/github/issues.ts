/** The issues Promenade keeps (the config problems, the holds): open, update, close (listed in issues-by-author.ts). */
import { callGitHub } from "./errors.js";
import type { Issue, IssueUpdate, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const CREATE_ISSUE = "POST /repos/{owner}/{repo}/issues";
const UPDATE_ISSUE = "PATCH /repos/{owner}/{repo}/issues/{issue_number}";

interface IssueData {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  user: { login: string; type: string } | null;
  updated_at: string;
}

function toIssue(data: IssueData): Issue {
  return {
    number: data.number,
    url: data.html_url,
    title: data.title,
    body: data.body ?? "",
    state: data.state === "closed" ? "closed" : "open",
    author: data.user?.login ?? "",
    authorIsBot: data.user?.type === "Bot",
    updatedAt: data.updated_at,
  };
}

/** Opens an issue. */
export async function createIssue(octokit: Octokit, repo: RepoRef, issue: { title: string; body: string; labels?: string[] }): Promise<Issue> {
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
