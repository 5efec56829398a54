/**
 * Regular expressions written in the config (`images[].tags.allow` and
 * `deny`): JavaScript syntax, compiled with the `u` (Unicode) flag, and not
 * anchored — write `^` and `$` to match a whole tag.
 */

/** The compiled expression, or null when `source` does not compile. */
export function compilePattern(source: string): RegExp | null {
  try {
    return new RegExp(source, "u");
  } catch {
    return null;
  }
}

/** Why `source` does not compile (e.g. `Unterminated character class`), or null when it does. */
export function patternError(source: string): string | null {
  try {
    new RegExp(source, "u");
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 says "Invalid regular expression: /source/u: reason"; the source is shown elsewhere.
    const reason = message.lastIndexOf(": ");
    return reason === -1 ? message : message.slice(reason + 2);
  }
}
