/** One log line per promotion a handler's orchestrator opened, updated, kept or closed. */
import type { Context } from "probot";
import type { PromotionOutcome } from "../promote/open-promotion.js";

/** Logs `created promenade/dev/api: https://github.com/…/pull/7` and the like, at info level. */
export function logOutcomes(log: Context["log"], outcomes: readonly PromotionOutcome[]): void {
  for (const { action, promotion, pullRequest } of outcomes) log.info(`${action} ${promotion.branch}: ${pullRequest?.url ?? "no PR"}`);
}
