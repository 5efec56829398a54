/**
 * Key paths name a place in `.github/promenade.yml` the way a user reads it:
 * keys joined by dots, list positions in brackets counted from 0, and keys
 * that are not plain words quoted in brackets:
 *
 *     environments.production.requires.soak
 *     policies[2].cel
 *     environments["prod.eu"].path
 */

/** A path as a list of keys (strings) and list positions (numbers). */
export type KeyPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `["policies", 2, "cel"]` → `policies[2].cel`. The empty path is the whole file: `""`. */
export function formatKeyPath(path: KeyPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
