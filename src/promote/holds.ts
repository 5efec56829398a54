/** Reading and changing the holds on environments, stored in the holds issue so that every replica sees them. */
import { CONFIG_ISSUE_LABEL } from "../engine/render/config-issue.js";
import { HOLDS_ISSUE_TITLE, parseHoldsIssueBody, renderHoldsIssueBody, type Hold } from "../engine/render/holds.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";

/** What holds need from GitHub. */
export type HoldsGitHub = Pick<GitHubClient, "findOpenIssueByTitle" | "createIssue" | "updateIssue" | "closeIssue">;

/** The holds of `repo`, by environment (one read). */
export async function readHolds(github: Pick<GitHubClient, "findOpenIssueByTitle">, repo: RepoRef): Promise<Map<string, Hold>> {
  const issue = await github.findOpenIssueByTitle(repo, HOLDS_ISSUE_TITLE, CONFIG_ISSUE_LABEL);
  return new Map(parseHoldsIssueBody(issue?.body).map((hold) => [hold.environment, hold]));
}

/**
 * Puts `hold` on its environment (replacing an earlier hold there) or, with
 * `lift`, removes the hold of that environment: opens, updates or closes the
 * holds issue. Answers the holds after the change.
 */
export async function changeHolds(
  github: HoldsGitHub,
  repo: RepoRef,
  change: { hold: Hold } | { lift: string },
): Promise<Map<string, Hold>> {
  const issue = await github.findOpenIssueByTitle(repo, HOLDS_ISSUE_TITLE, CONFIG_ISSUE_LABEL);
  const holds = new Map(parseHoldsIssueBody(issue?.body).map((hold) => [hold.environment, hold]));
  if ("hold" in change) holds.set(change.hold.environment, change.hold);
  else holds.delete(change.lift);
  const body = renderHoldsIssueBody([...holds.values()]);
  if (issue === null) {
    if (holds.size > 0) await github.createIssue(repo, { title: HOLDS_ISSUE_TITLE, body, labels: [CONFIG_ISSUE_LABEL] });
  } else if (holds.size === 0) {
    await github.updateIssue(repo, issue.number, { body });
    await github.closeIssue(repo, issue.number);
  } else if (issue.body !== body) {
    await github.updateIssue(repo, issue.number, { body });
  }
  return holds;
}
