import semver from "semver";
import { compilePattern } from "../config/pattern.js";
import type { ImagePolicy } from "../config/schema.js";
import type { Version } from "./promotion.js";
import { semverOfTag } from "./semver-tag.js";

/** Why an image's config refuses a version, and the sentence that says so. */
export interface Refusal {
  reason: "no-tag" | "not-semver" | "outside-versions" | "not-allowed" | "denied";
  message: string;
}

/**
 * Why the image's config refuses `version`, or null when it admits it.
 * With `versions`, the tag must be a semantic version (see
 * semverOfTag: `v1.2.3` counts as 1.2.3) inside the range, where, as in npm,
 * a prerelease such as `1.3.0-rc.1` only satisfies a range that names a
 * prerelease of the same `MAJOR.MINOR.PATCH`. With `tags`, the tag must match
 * `allow` and not match `deny`. With both, both apply. An image without a
 * policy, or with neither setting, admits every version; a version without a
 * tag (a digest alone) is refused when there is a tag rule to check.
 */
export function admitVersion(policy: ImagePolicy | undefined, version: Version): Refusal | null {
  if (policy === undefined || (policy.versions === undefined && policy.tags === undefined)) return null;
  const { tag } = version;
  if (tag === null) return { reason: "no-tag", message: "the version has no tag to check against the image's versions or tags" };
  if (policy.versions !== undefined) {
    const parsed = semverOfTag(tag);
    if (parsed === null) return { reason: "not-semver", message: `${tag} is not a semantic version (versions: "${policy.versions}")` };
    if (!semver.satisfies(parsed, policy.versions)) return { reason: "outside-versions", message: `${tag} is outside versions "${policy.versions}"` };
  }
  if (policy.tags !== undefined) {
    const { allow, deny } = policy.tags;
    if (!matches(allow, tag)) return { reason: "not-allowed", message: `${tag} does not match tags.allow "${allow}"` };
    if (deny !== undefined && matches(deny, tag)) return { reason: "denied", message: `${tag} matches tags.deny "${deny}"` };
  }
  return null;
}

/** True when the config pattern `source` matches `tag`; a pattern that does not compile (never in a validated config) matches nothing. */
function matches(source: string, tag: string): boolean {
  return compilePattern(source)?.(tag) ?? false;
}
