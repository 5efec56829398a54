/** Whether a late push would replace a newer version that an open promotion PR already proposes. */
import type { Config } from "../config/schema.js";
import type { PromotionData } from "../markdown/promotion-data.js";
import { compareVersions } from "./compare-versions.js";
import { imagePolicyFor } from "./image-policy.js";
import type { Promotion } from "./promotion.js";

/**
 * Whether the open PR (its data `previous`) already proposes a newer version
 * of an image that this pushed version would bring: an older push arriving
 * late never replaces a newer one (only `/rollback` goes back).
 */
export function proposesNewer(config: Config, promotion: Promotion, previous: PromotionData | null): boolean {
  if (promotion.trigger.kind !== "push" || previous === null) return false;
  return promotion.images.some((change) => {
    const proposed = previous.images.find((old) => old.image === change.image)?.toVersion;
    return proposed !== undefined && (compareVersions(imagePolicyFor(config, change.image), proposed, change.toVersion) ?? 0) > 0;
  });
}
