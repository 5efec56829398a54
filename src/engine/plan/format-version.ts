import type { Version } from "./promotion.js";

/**
 * A version for people: the tag, or without a tag the digest shortened to 12
 * hex digits (`sha256:9f86d081884c`), as registries and `docker images` show
 * it; `(none)` when it has neither.
 */
export function formatVersion(version: Version): string {
  if (version.tag !== null) return version.tag;
  if (version.digest === null) return "(none)";
  const colon = version.digest.indexOf(":");
  return version.digest.slice(0, colon + 13);
}
