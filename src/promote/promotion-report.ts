/** What an orchestrator that planned promotions did: the PRs it opened, updated, kept or closed, and the promotions it did not make, with why. */
import type { SkippedPromotion } from "../engine/plan/promotion.js";
import type { PromotionOutcome } from "./open-promotion.js";

export interface PromotionReport {
  outcomes: PromotionOutcome[];
  /** From planning (older, the same, refused by the config, not referenced…); promotions into a held environment are outcomes `held`. */
  skipped: SkippedPromotion[];
}
