import semver, { type SemVer } from "semver";

/**
 * The semantic version a tag stands for, or null when it is not one. Strict:
 * the tag must be `MAJOR.MINOR.PATCH` with an optional `-prerelease`, and may
 * carry a lower-case `v` prefix (`v1.2.3` is 1.2.3). Nothing is coerced:
 * `1.2`, `1.2.3.4`, `01.2.3`, `latest` and `main-4f9c2ab` are not versions.
 */
export function semverOfTag(tag: string | null): SemVer | null {
  return tag === null ? null : semver.parse(tag);
}
