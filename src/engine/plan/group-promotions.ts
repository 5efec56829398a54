import type { Config } from "../config/schema.js";
import { orderLists } from "./build-promotion.js";
import { promotionBranch, promotionTitle } from "./promotion-names.js";
import type { Promotion } from "./promotion.js";

/**
 * Promotions as the config wants their PRs (`pullRequests.group`): with
 * `image` (the default) unchanged, one per environment and image; with
 * `environment`, one per environment carrying all its images (sorted by
 * name), on branch `promenade/<env>`, in the order the environments first
 * appear. Promotions of one planning run share their trigger and source, so
 * a group keeps those of its first promotion; it carries the downgrades and
 * unordered images of all.
 */
export function groupPromotions(config: Pick<Config, "pullRequests">, promotions: readonly Promotion[]): Promotion[] {
  if (config.pullRequests.group === "image") return [...promotions];
  const byEnvironment = new Map<string, Promotion[]>();
  for (const promotion of promotions) {
    byEnvironment.set(promotion.environment, [...(byEnvironment.get(promotion.environment) ?? []), promotion]);
  }
  return [...byEnvironment].map(([environment, group]) => {
    const first = group[0] as Promotion;
    const images = group.flatMap((promotion) => promotion.images).sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : 0));
    const downgrades = group.flatMap((promotion) => promotion.downgrades ?? []);
    const unordered = group.flatMap((promotion) => promotion.unordered ?? []);
    return {
      environment,
      ...(first.from === undefined ? {} : { from: first.from }),
      trigger: first.trigger,
      images,
      branch: promotionBranch(environment),
      title: promotionTitle(environment, images, downgrades),
      ...orderLists(downgrades, unordered),
    };
  });
}
