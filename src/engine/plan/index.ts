/** Planning: which promotions follow from an event, and the file changes each makes. Pure: reads through a RepoReader, writes nothing. */
export type { Bump, ImageChange, ImagePush, Plan, Promotion, SkippedPromotion, SkipReason, Trigger, Version } from "./promotion.js";
export { MissingEnvironmentError } from "./errors.js";
export { semverOfTag } from "./semver-tag.js";
export { admitVersion, type Refusal } from "./admit-version.js";
export { compareVersions } from "./compare-versions.js";
export { classifyBump } from "./classify-bump.js";
export { environmentVersions, type RunningVersion } from "./environment-versions.js";
export { environmentReferences } from "./environment-references.js";
export { imagePolicyFor } from "./image-policy.js";
export { promotedImages, type EnvironmentReferences } from "./promoted-images.js";
export { imageSlugs, shortImageName } from "./image-slug.js";
export { formatVersion } from "./format-version.js";
export { promotionBranch, promotionTitle } from "./promotion-names.js";
export { groupPromotions } from "./group-promotions.js";
export { planImagePush } from "./plan-image-push.js";
export { planEnvironmentChange, type EnvironmentChangeOptions } from "./plan-environment-change.js";
export { applyPromotion, type PromotionFileChange } from "./apply-promotion.js";
