/**
 * `_extends`: the organisation-wide base a config inherits from, as in
 * Probot, but only ever in the owner's `.github` repository: `.github`,
 * `<owner>/.github`, either followed by `:path/to/file.yml`, a relative path
 * inside that repository. Any other repository is refused before anything
 * is read, so a config changed in a pull request cannot make the app read
 * (and report on) another repository with its installation token.
 */

/** The one repository `_extends` may name, in the config's owner's account. */
export const EXTENDS_REPOSITORY = ".github";

/** What an `_extends` value must look like, for problems at `_extends`. */
export const EXTENDS_EXPECTED =
  "expected the owner's .github repository: .github or <owner>/.github, optionally followed by :path/to/file.yml, a relative path inside it without ..; no other repository is read";

/** `[owner/].github[:path]`, the repository name in any case, as GitHub reads it. */
const EXTENDS_PATTERN = /^(?:([A-Za-z0-9-]+)\/)?\.github(?::(.*))?$/i;

/** A relative path of plain segments: no leading `/`, no empty, `.` or `..` segment. */
const PATH_SEGMENT = /^[\w.-]+$/;

/** An `_extends` value read: the owner it names (null: the config's own) and the path (null: the config's own path). */
export interface ExtendsValue {
  owner: string | null;
  path: string | null;
}

/** `value` read as an `_extends` value, or null when it names anything but a `.github` repository and a path inside it. */
export function parseExtends(value: string): ExtendsValue | null {
  const match = EXTENDS_PATTERN.exec(value);
  if (match === null) return null;
  const [, owner, path] = match;
  if (path !== undefined && !isInsidePath(path)) return null;
  return { owner: owner ?? null, path: path ?? null };
}

/**
 * The path in `owner`'s `.github` repository that `value` (the `_extends`
 * of a config in `owner`'s account) names, null for the config's own path;
 * or, when `value` names anything else, the problem at `_extends`, which
 * never repeats the value.
 */
export function extendsTarget(value: unknown, owner: string): { path: string | null } | { problem: string } {
  const parsed = typeof value === "string" ? parseExtends(value) : null;
  if (parsed === null) return { problem: EXTENDS_EXPECTED };
  if (parsed.owner !== null && parsed.owner.toLowerCase() !== owner.toLowerCase()) {
    return { problem: `expected the .github repository of this repository's owner: .github or ${owner}/.github; no other repository is read` };
  }
  return { path: parsed.path };
}

function isInsidePath(path: string): boolean {
  return path.split("/").every((segment) => PATH_SEGMENT.test(segment) && segment !== "." && segment !== "..");
}
