/** Rendering: PR bodies with their hidden data, and file diffs. Deterministic text, no clock. */
export { readPromotionBody, renderPromotionBody, type PromotionBodyOptions, type SourceDetails } from "./promotion-body.js";
export { promotionData, PROMOTION_DATA_VERSION, SUPERSEDED_LIMIT, type PromotionData, type SupersededVersion } from "./promotion-data.js";
export { readDataBlock, writeDataBlock } from "./data-block.js";
export { DIFF_CONTEXT, unifiedDiff } from "./file-diff.js";
