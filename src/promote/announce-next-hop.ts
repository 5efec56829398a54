/** SPEC section 4: a merged promotion PR gets a comment linking the next hop's PRs. */
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import type { PromotionOutcome } from "./open-promotion.js";
import { NEXT_HOP_MARKER, nextHopComment } from "./promotion-messages.js";

/** Head branches of promotion PRs start with this. */
const PROMOTION_BRANCH_PREFIX = "promenade/";

/**
 * When commit `sha` merged a promotion PR, comments on that PR with links
 * to the open PRs of `outcomes` (edited in place on a second delivery).
 * Steps:
 *
 * 1. Keep the outcomes that left an open PR; none: stop (no read).
 * 2. Find the promotion PRs the commit merged.
 * 3. Comment on each.
 */
export async function announceNextHop(
  github: GitHubClient,
  repo: RepoRef,
  sha: string,
  outcomes: readonly PromotionOutcome[],
): Promise<void> {
  const next = outcomes.flatMap((outcome) => (outcome.action === "closed" || outcome.pullRequest === null ? [] : [outcome.pullRequest]));
  if (next.length === 0) return;
  const merged = await github.mergedPullRequestsOfCommit(repo, sha);
  for (const pr of merged.filter((candidate) => candidate.headBranch.startsWith(PROMOTION_BRANCH_PREFIX))) {
    await github.upsertComment(repo, pr.number, NEXT_HOP_MARKER, nextHopComment(next));
  }
}
