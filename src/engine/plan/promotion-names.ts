import { formatVersion } from "./format-version.js";
import { shortImageName } from "./image-slug.js";
import type { ImageChange } from "./promotion.js";

/** Head branches of promotion PRs start with this; the environment follows. */
const PROMOTION_BRANCH_PREFIX = "promenade/";

/** The branch of a promotion: `promenade/<env>/<image-slug>`, or `promenade/<env>` for a promotion grouped by environment (no slug). */
export function promotionBranch(environment: string, imageSlug?: string): string {
  return imageSlug === undefined ? `${PROMOTION_BRANCH_PREFIX}${environment}` : `${PROMOTION_BRANCH_PREFIX}${environment}/${imageSlug}`;
}

/** The environment a promotion branch (`promenade/<env>[/<slug>]`) names; null for a branch that is not a promotion's. */
export function promotionBranchEnvironment(branch: string): string | null {
  return branch.startsWith(PROMOTION_BRANCH_PREFIX) ? (branch.slice(PROMOTION_BRANCH_PREFIX.length).split("/")[0] as string) : null;
}

/**
 * The PR title: `Promote api 1.4.2 to staging` for one image, `Promote 3
 * images to staging` for several. A promotion that moves images back to
 * older versions (`downgrades`, Docker-normalised names) says so:
 * `Downgrade api 2.0 in production`, `Promote 3 images to production,
 * downgrading api`.
 */
export function promotionTitle(environment: string, images: readonly ImageChange[], downgrades: readonly string[] = []): string {
  const [only] = images;
  if (images.length === 1 && only !== undefined) {
    const verb = downgrades.includes(only.image) ? "Downgrade" : "Promote";
    return `${verb} ${shortImageName(only.image)} ${formatVersion(only.toVersion)} ${verb === "Downgrade" ? "in" : "to"} ${environment}`;
  }
  const older = images.filter((change) => downgrades.includes(change.image)).map((change) => shortImageName(change.image));
  return `Promote ${images.length} images to ${environment}${older.length === 0 ? "" : `, downgrading ${older.join(", ")}`}`;
}
