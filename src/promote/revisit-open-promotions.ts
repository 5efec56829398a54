/**
 * Open promotion PRs into environments a push changed by other means: when
 * the environment already runs their versions, they are closed with a note.
 */
import type { Promotion } from "../engine/plan/promotion.js";
import { readPromotionBody } from "../engine/markdown/promotion-body.js";
import type { PullRequest, RepoRef } from "../github/github-client.js";
import type { PromotionOutcome } from "./open-promotion.js";
import { openPromotions } from "./open-promotions.js";
import { signingFor } from "./promotion-record.js";
import type { RepoAtHead } from "./repo-at-head.js";

/**
 * Re-examines the open promotion PRs into `environments` that this event did
 * not plan itself (`planned`: their branches). Steps:
 *
 * 1. List the open pull requests.
 * 2. Keep Promenade's promotions into those environments, read back from their signed hidden data.
 * 3. Open each again: one whose versions already run is closed with a note; one still pending is left as it is.
 */
export async function revisitOpenPromotions(at: RepoAtHead, environments: readonly string[], planned: ReadonlySet<string>): Promise<PromotionOutcome[]> {
  if (environments.length === 0) return [];
  const open = await at.github.listOpenPullRequests(at.repo);
  const promotions = open.flatMap((pr) => {
    const promotion = promotionOf(at.repo, pr);
    return promotion && environments.includes(promotion.environment) && !planned.has(promotion.branch) ? [promotion] : [];
  });
  return openPromotions(at, promotions);
}

/** The promotion an open PR proposes, from its signed hidden data; null for a PR that is not a promotion (or whose data is not Promenade's, or not of its branch). */
function promotionOf(repo: RepoRef, pr: PullRequest): Promotion | null {
  const reading = readPromotionBody(pr.body, signingFor(repo));
  if (reading.status !== "valid" || reading.data.branch !== pr.headBranch) return null;
  const { environment, from, branch, images, trigger } = reading.data;
  return { environment, ...(from === undefined ? {} : { from }), branch, images, trigger, title: pr.title };
}
