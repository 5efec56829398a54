import semver from "semver";
import type { ImagePolicy } from "../config/schema.js";
import { numberOrder } from "./natural-order.js";
import type { Version } from "./promotion.js";
import { semverOfTag } from "./semver-tag.js";

/**
 * How version `a` of an image relates to `b`: negative when older, 0 when the
 * same, positive when newer, null when the order cannot be told.
 *
 * - Two tags that are semantic versions compare by semver (`v1.2.3` =
 *   `1.2.3`); nothing is coerced, so `2.0` is not one.
 * - Other tags compare by their numbers when they have the same shape
 *   (numberOrder: `3.0` is newer than `2.0`, build `1042` than `999`).
 * - For images ordered by semver — those with `versions`, and those without
 *   a `tags` rule (including images the config does not list) — a version
 *   ranks above a tag without any digit, so `latest` or a branch name pushed
 *   next to a release never replaces it, while a version replaces `latest`.
 * - Anything else has no order: tags of different shapes (`2.0` and
 *   `2.0.1`), commit SHAs (`main-4f9c2ab`), words, a digest without a tag.
 *
 * Versions with the same tag are the same when their digests agree (a side
 * without a digest agrees with any); two different digests of one tag (a
 * re-pushed tag) have no order.
 */
export function compareVersions(policy: ImagePolicy | undefined, a: Version, b: Version): number | null {
  if (a.tag === b.tag) return sameBuild(a, b) ? 0 : null;
  if (a.tag === null || b.tag === null) return null;
  const va = semverOfTag(a.tag);
  const vb = semverOfTag(b.tag);
  if (va !== null && vb !== null) {
    const order = semver.compare(va, vb);
    return order !== 0 || sameBuild(a, b) ? order : null;
  }
  const byNumbers = numberOrder(a.tag, b.tag);
  if (byNumbers !== null) return byNumbers;
  const orderedBySemver = policy?.tags === undefined || policy.versions !== undefined;
  if (orderedBySemver && va !== null && !/[0-9]/.test(b.tag)) return 1;
  if (orderedBySemver && vb !== null && !/[0-9]/.test(a.tag)) return -1;
  return null;
}

/** False when both versions name a digest and the digests differ. */
function sameBuild(a: Version, b: Version): boolean {
  return a.digest === null || b.digest === null || a.digest === b.digest;
}
