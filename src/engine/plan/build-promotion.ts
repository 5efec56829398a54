import { classifyBump } from "./classify-bump.js";
import { promotionBranch, promotionTitle } from "./promotion-names.js";
import type { Promotion, Trigger, Version } from "./promotion.js";

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
  trigger: Trigger;
}

/** The promotion of one image into one environment, on branch `promenade/<env>/<slug>`. */
export function imagePromotion(input: ImagePromotionInput): Promotion {
  const fromVersion = input.fromVersion === null ? null : { tag: input.fromVersion.tag, digest: input.fromVersion.digest };
  const images = [{ image: input.image, fromVersion, toVersion: input.toVersion, bump: classifyBump(fromVersion, input.toVersion) }];
  return {
    environment: input.environment,
    ...(input.from === undefined ? {} : { from: input.from }),
    images,
    branch: promotionBranch(input.environment, input.slug),
    title: promotionTitle(input.environment, images),
    trigger: input.trigger,
  };
}
