import semver from "semver";
import type { Bump, Version } from "./promotion.js";
import { semverOfTag } from "./semver-tag.js";

/**
 * How big the change from `from` to `to` is: the semver part that changes
 * (either direction, so a rollback is classified too), as `semver.diff`
 * sees it: a prerelease counts as the release it leads to (`1.2.0` →
 * `2.0.0-rc.1` is major, `1.3.0-rc.2` → `1.3.0` minor) and a step between
 * prereleases of one version (`rc.1` → `rc.2`) as a patch. `other`
 * when either tag is not a semantic version, there is no `from`, or only the
 * digest changes.
 */
export function classifyBump(from: Version | null, to: Version): Bump {
  const a = semverOfTag(from?.tag ?? null);
  const b = semverOfTag(to.tag);
  if (a === null || b === null) return "other";
  switch (semver.diff(a, b)) {
    case "major":
    case "premajor":
      return "major";
    case "minor":
    case "preminor":
      return "minor";
    case "patch":
    case "prepatch":
    case "prerelease":
      return "patch";
    default:
      return "other";
  }
}
