import { classifyBump } from "./classify-bump.js";
import { promotionBranch, promotionTitle } from "./promotion-names.js";
import type { Promotion, Trigger, Version } from "./promotion.js";
import type { ReplacementOrder } from "./replacement.js";

/** What makes a promotion of one image. */
export interface ImagePromotionInput {
  environment: string;
  /** The source environment; absent for a push. */
  from?: string;
  image: string;
  /** The image's branch slug (imageSlugs). */
  slug: string;
  fromVersion: Version | null;
  toVersion: Version;
  /** How `toVersion` relates to `fromVersion`; default `newer`. */
  order?: ReplacementOrder;
  trigger: Trigger;
}

/** The promotion of one image into one environment, on branch `promenade/<env>/<slug>`; a downgrade is titled `Downgrade api 2.0 in production`. */
export function imagePromotion(input: ImagePromotionInput): Promotion {
  const fromVersion = input.fromVersion === null ? null : { tag: input.fromVersion.tag, digest: input.fromVersion.digest };
  const images = [{ image: input.image, fromVersion, toVersion: input.toVersion, bump: classifyBump(fromVersion, input.toVersion) }];
  const downgrades = input.order === "older" ? [input.image] : [];
  return {
    environment: input.environment,
    ...(input.from === undefined ? {} : { from: input.from }),
    images,
    branch: promotionBranch(input.environment, input.slug),
    title: promotionTitle(input.environment, images, downgrades),
    trigger: input.trigger,
    ...orderLists(downgrades, input.order === "unordered" ? [input.image] : []),
  };
}

/** The `downgrades` and `unordered` fields of a promotion, each only when not empty. */
export function orderLists(downgrades: readonly string[], unordered: readonly string[]): Pick<Promotion, "downgrades" | "unordered"> {
  return {
    ...(downgrades.length === 0 ? {} : { downgrades: [...downgrades].sort() }),
    ...(unordered.length === 0 ? {} : { unordered: [...unordered].sort() }),
  };
}
