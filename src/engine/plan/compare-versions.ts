import semver from "semver";
import type { ImagePolicy } from "../config/schema.js";
import type { Version } from "./promotion.js";
import { semverOfTag } from "./semver-tag.js";

/**
 * How version `a` of an image relates to `b`: negative when older, 0 when the
 * same, positive when newer, null when the image's versions have no order.
 *
 * - Images ordered by semver — those with `versions`, and those without a
 *   `tags` rule (including images the config does not list) — compare by
 *   semver when both tags are versions (`v1.2.3` = `1.2.3`). A tag that is a
 *   version ranks above one that is not, so `latest` or a branch tag pushed
 *   next to a release never replaces it, while a version replaces `latest`.
 *   Two tags that are not versions have no order.
 * - Images with `tags` and no `versions` have no order: the newest pushed
 *   wins, so any other admitted tag replaces the running one.
 *
 * Versions with the same tag are the same when their digests agree (a side
 * without a digest agrees with any); two different digests of one tag (a
 * re-pushed tag) have no order.
 */
export function compareVersions(policy: ImagePolicy | undefined, a: Version, b: Version): number | null {
  if (a.tag === b.tag) return sameBuild(a, b) ? 0 : null;
  if (policy?.tags !== undefined && policy.versions === undefined) return null;
  const va = semverOfTag(a.tag);
  const vb = semverOfTag(b.tag);
  if (va === null || vb === null) return va === vb ? null : va === null ? -1 : 1;
  const order = semver.compare(va, vb);
  return order !== 0 || sameBuild(a, b) ? order : null;
}

/** False when both versions name a digest and the digests differ. */
function sameBuild(a: Version, b: Version): boolean {
  return a.digest === null || b.digest === null || a.digest === b.digest;
}
