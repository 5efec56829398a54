/** Opening the promotions one event planned, one after another. */
import type { Promotion } from "../engine/plan/promotion.js";
import { openPromotion, type PromotionEvent, type PromotionOutcome } from "./open-promotion.js";
import type { RepoAtHead } from "./repo-at-head.js";

/**
 * Opens each promotion in turn, with what the event knows (`event`: each
 * image's version in the source environment, who caused it); sequential
 * writes keep clear of GitHub's secondary rate limits. A promotion into a
 * held environment is not opened (unless `event.whileHeld`, for a rollback). One that fails does not stop the others; when any
 * failed, throws an AggregateError of their errors after all were tried.
 */
export async function openPromotions(at: RepoAtHead, promotions: readonly Promotion[], event: PromotionEvent = {}): Promise<PromotionOutcome[]> {
  const outcomes: PromotionOutcome[] = [];
  const errors: unknown[] = [];
  for (const promotion of promotions) {
    if (at.holds.has(promotion.environment) && event.whileHeld !== true) {
      outcomes.push({ action: "held", promotion, pullRequest: null });
      continue;
    }
    try {
      outcomes.push(await openPromotion(at, promotion, event));
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) {
    throw new AggregateError(errors, `${errors.length} of ${promotions.length} promotion(s) in ${at.repo.owner}/${at.repo.repo} failed`);
  }
  return outcomes;
}
