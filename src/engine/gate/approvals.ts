/**
 * Approvals: reviews in state APPROVED on the PR's head commit, from eligible
 * reviewers, never from whoever triggered the promotion, wrote or committed
 * one of its commits, or pushed to its branch. Per reviewer only the latest decisive review counts (APPROVED,
 * CHANGES_REQUESTED or DISMISSED; a comment changes nothing).
 */
import type { GateInput, GateReview, RequirementStatus } from "./types.js";
import { loginKey, mention } from "./format.js";
import { plural } from "../markdown/syntax.js";

const DECISIVE = new Set<GateReview["state"]>(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

/** Per reviewer (by lower-case login), their latest decisive review, in the order they first reviewed. */
function latestDecisive(reviews: readonly GateReview[]): GateReview[] {
  const latest = new Map<string, GateReview>();
  for (const review of reviews) {
    if (DECISIVE.has(review.state)) latest.set(loginKey(review.reviewer), review);
  }
  return [...latest.values()];
}

/**
 * The reviewers whose latest decisive review is APPROVED on `headSha`, before
 * eligibility (as GitHub spells their logins, each once): the caller resolves
 * eligibility for these only.
 */
export function candidateApprovers(reviews: readonly GateReview[], headSha: string): string[] {
  return latestDecisive(reviews)
    .filter((review) => review.state === "APPROVED" && review.commitId === headSha)
    .map((review) => review.reviewer);
}

/** Why the latest decisive review of a reviewer does not count; null when it does. */
function notCounted(review: GateReview, input: GateInput): string | null {
  const who = mention(review.reviewer);
  const key = loginKey(review.reviewer);
  if (review.state === "CHANGES_REQUESTED") return `${who} requested changes`;
  if (review.state === "DISMISSED") return `${who}'s review was dismissed`;
  if (review.commitId !== input.headSha) return `${who} approved an older commit`;
  if (input.triggeredBy !== null && loginKey(input.triggeredBy) === key) return `${who} approved but triggered this promotion`;
  if (input.commitAuthors.some((author) => loginKey(author) === key)) return `${who} approved but wrote or committed a commit of this pull request`;
  if (input.pushers.some((pusher) => loginKey(pusher) === key)) return `${who} approved but pushed to this pull request`;
  if (![...input.eligibleApprovers].some((login) => loginKey(login) === key)) {
    return input.requires.reviewers === undefined ? `${who} has no write access` : `${who} is not among the reviewers`;
  }
  return null;
}

/** The approvals requirement; null when no approval is required. */
export function approvalsStatus(input: GateInput): RequirementStatus | null {
  const needed = input.requires.approvals;
  if (needed <= 0) return null;
  const approved: string[] = [];
  const notes: string[] = [];
  for (const review of latestDecisive(input.reviews)) {
    const note = notCounted(review, input);
    if (note === null) approved.push(mention(review.reviewer));
    else notes.push(note);
  }
  const reviewers = input.requires.reviewers;
  const count = `${Math.min(approved.length, needed)} of ${plural(needed, "approval")}`;
  const summary = reviewers === undefined ? count : `${count} from ${reviewers.join(", ")}`;
  const explained = [...(approved.length > 0 ? [`approved: ${approved.join(", ")}`] : []), ...notes];
  const detail = [
    reviewers === undefined ? `${summary} from people with write access` : summary,
    ...(explained.length > 0 ? [`(${explained.join("; ")})`] : []),
  ].join(" ");
  const met = approved.length >= needed;
  return met ? { kind: "approvals", met, detail } : { kind: "approvals", met, detail, missing: summary };
}
