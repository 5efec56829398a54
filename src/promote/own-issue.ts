/**
 * Finding an issue Promenade keeps (the holds issue, the dashboard): the
 * newest issue, open or closed, that Promenade's bot opened with that title,
 * among the issues it opened, whatever their labels and title now. Removing
 * the `promenade` label or renaming the issue hides nothing, as neither its
 * author nor the title it was opened with can be changed; an issue with that
 * title opened by anyone else is never read. One GraphQL query (one more per
 * hundred issues of Promenade's), shared by every caller within a client.
 */
import { CONFIG_ISSUE_LABEL } from "../engine/markdown/config-issue.js";
import type { AppIdentity, AuthoredIssue, GitHubClient, RepoRef } from "../github/github-client.js";

/** What finding one of Promenade's issues needs from GitHub. */
export type OwnIssueGitHub = Pick<GitHubClient, "listIssuesByAuthor" | "ownApp">;

/** Promenade's issue of `repo` opened as `title` (null: none yet), and who Promenade is. */
export async function findOwnIssue(github: OwnIssueGitHub, repo: RepoRef, title: string): Promise<{ issue: AuthoredIssue | null; own: AppIdentity }> {
  const own = await github.ownApp();
  const issues = await github.listIssuesByAuthor(repo, own.login, CONFIG_ISSUE_LABEL);
  const issue = issues.find((candidate) => candidate.authorIsBot && sameLogin(candidate.author, own.login) && candidate.openingTitle === title);
  return { issue: issue ?? null, own };
}

/** Whether two logins name the same account (GitHub logins ignore case). */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
