/** One log line per promotion a handler's orchestrator opened, updated, kept or closed, and per promotion it did not make, with why. */
import type { Context } from "probot";
import type { SkippedPromotion } from "../engine/plan/promotion.js";
import type { PromotionReport } from "../promote/promotion-report.js";

/**
 * Logs, at info level, `created promenade/dev/api: https://github.com/…/pull/7`
 * and the like, then `skipped ghcr.io/acme/api to production: 2.0 is older
 * than 3.0, which production runs…` for each promotion not made, carrying
 * `skipped: {environment, image, version, reason}` as structured fields. A
 * promotion into a held environment is logged as skipped (`held`), one line per image.
 */
export function logOutcomes(log: Context["log"], report: PromotionReport): void {
  const held: SkippedPromotion[] = [];
  for (const { action, promotion, pullRequest } of report.outcomes) {
    if (action !== "held") {
      log.info(`${action} ${promotion.branch}: ${pullRequest?.url ?? "no PR"}`);
      continue;
    }
    for (const change of promotion.images) {
      const { environment } = promotion;
      held.push({
        environment,
        image: change.image,
        version: change.toVersion,
        reason: "held",
        message: `${environment} is held (/unhold ${environment} to resume)`,
      });
    }
  }
  for (const { message, ...skipped } of [...report.skipped, ...held]) {
    log.info({ skipped }, `skipped ${skipped.image} to ${skipped.environment}: ${message}`);
  }
}
