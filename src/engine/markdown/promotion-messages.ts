/** The texts an orchestrator writes besides the PR body: commit messages, the closing note and the next-hop comment. */
import { formatVersion } from "../plan/format-version.js";
import type { ImageChange, Promotion } from "../plan/promotion.js";
import { codeSpan, plainText } from "./syntax.js";

/** The head of the default branch a promotion was planned at. */
export interface BranchAt {
  branch: string;
  sha: string;
}

/** A pull request as the next-hop comment links it. */
export interface LinkedPullRequest {
  title: string;
  url: string;
}

/** Marks the comment on a merged promotion PR that links the next hop's PRs, so a second delivery edits it. */
export const NEXT_HOP_MARKER = "<!-- promenade-next-hop -->";

/** The commit message: the PR title, then one line per image, `ghcr.io/acme/api: 1.4.1 → 1.4.2`. */
export function promotionCommitMessage(promotion: Promotion): string {
  return `${promotion.title}\n\n${promotion.images.map(changeLine).join("\n")}`;
}

/** Why an open promotion PR is closed: its environment already runs every version it proposes (names and versions inert). */
export function alreadyRunningNote(promotion: Promotion, head: BranchAt): string {
  const versions = promotion.images.map((change) => `${codeSpan(change.image)} ${plainText(formatVersion(change.toVersion))}`).join(", ");
  const where = `${codeSpan(head.branch)} (${head.sha.slice(0, 7)})`;
  return `**${plainText(promotion.environment)}** already runs ${versions} on ${where}, so there is nothing left to promote. Closing this PR.`;
}

/** The comment on a merged promotion PR: the PRs that carry its versions on to the next environments (their titles inert). */
export function nextHopComment(next: readonly LinkedPullRequest[]): string {
  const links = next.map((pr) => `- [${plainText(pr.title)}](${pr.url})`);
  return `${NEXT_HOP_MARKER}\nThe next hop:\n${links.join("\n")}\n`;
}

function changeLine(change: ImageChange): string {
  const from = change.fromVersion === null ? "(none)" : formatVersion(change.fromVersion);
  return `${change.image}: ${from} → ${formatVersion(change.toVersion)}`;
}
