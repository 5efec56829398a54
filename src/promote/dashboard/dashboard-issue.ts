/**
 * Finding the dashboard issue: the newest issue (open or closed) that
 * Promenade's bot opened with the dashboard's title, among the issues it
 * opened (the same listing as the holds issue's, so no extra read). An issue
 * with that title opened by anyone else is never read.
 */
import { CONFIG_ISSUE_LABEL } from "../../engine/markdown/config-issue.js";
import { DASHBOARD_TITLE } from "../../engine/markdown/dashboard.js";
import type { AppIdentity, AuthoredIssue, GitHubClient, RepoRef } from "../../github/github-client.js";

/** What finding the dashboard needs from GitHub. */
export type DashboardIssueGitHub = Pick<GitHubClient, "listIssuesByAuthor" | "ownApp">;

/** The dashboard issue of `repo` (null: none yet), and who Promenade is. */
export async function findDashboardIssue(github: DashboardIssueGitHub, repo: RepoRef): Promise<{ issue: AuthoredIssue | null; own: AppIdentity }> {
  const own = await github.ownApp();
  const issues = await github.listIssuesByAuthor(repo, own.login, CONFIG_ISSUE_LABEL);
  const issue = issues.find((candidate) => candidate.authorIsBot && sameLogin(candidate.author, own.login) && candidate.openingTitle === DASHBOARD_TITLE);
  return { issue: issue ?? null, own };
}

/** Whether two logins name the same account (GitHub logins ignore case). */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
