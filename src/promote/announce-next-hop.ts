/** A merged promotion PR gets a comment linking the next hop's PRs. */
import type { GitHubClient, MergedPullRequest, RepoRef } from "../github/github-client.js";
import type { PromotionOutcome } from "./open-promotion.js";
import { NEXT_HOP_MARKER, nextHopComment } from "../engine/markdown/promotion-messages.js";

/**
 * Comments on each promotion PR in `merged` (those the push merged) with
 * links to the open PRs of `outcomes` (edited in place on a second
 * delivery); nothing when no outcome left an open PR.
 */
export async function announceNextHop(
  github: GitHubClient,
  repo: RepoRef,
  merged: readonly MergedPullRequest[],
  outcomes: readonly PromotionOutcome[],
): Promise<void> {
  const next = outcomes.flatMap((outcome) => (outcome.action === "closed" || outcome.pullRequest === null ? [] : [outcome.pullRequest]));
  if (next.length === 0) return;
  for (const pr of merged) await github.upsertComment(repo, pr.number, NEXT_HOP_MARKER, nextHopComment(next));
}
