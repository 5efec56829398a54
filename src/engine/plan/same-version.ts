import type { Version } from "./promotion.js";

/** Whether two versions name the same tag and the same digest (both absent counts as the same). */
export function sameVersion(a: Version, b: Version): boolean {
  return a.tag === b.tag && a.digest === b.digest;
}
