/**
 * Regular expressions written in the config (`images[].tags.allow` and
 * `deny`), run by re2js, a port of RE2: matching takes time linear in the
 * tag, whatever the pattern, so a pattern such as `^(a+)+$` cannot stall the
 * app. RE2 syntax, not anchored: write `^` and `$` to match a whole tag.
 * What RE2 leaves out, because it would need backtracking (lookahead,
 * lookbehind, backreferences), is a config error.
 */
import { RE2JS, RE2JSSyntaxException } from "re2js";

/** The longest pattern, in characters: tags are at most 128, and compiling takes time with the pattern's length. */
export const MAX_PATTERN_LENGTH = 1000;

/** A compiled pattern: true when it matches somewhere in the text. */
export type Pattern = (text: string) => boolean;

/** The compiled pattern, or null when `source` is too long or does not compile. */
export function compilePattern(source: string): Pattern | null {
  if (source.length > MAX_PATTERN_LENGTH) return null;
  try {
    const pattern = RE2JS.compile(source);
    return (text) => pattern.test(text);
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) return null;
    throw error;
  }
}

/**
 * Why `source` is too long or does not compile, in words that never quote
 * the pattern (`missing closing ]`, `RE2 ... has no lookbehind ...`), or
 * null when it compiles.
 */
export function patternError(source: string): string | null {
  if (source.length > MAX_PATTERN_LENGTH) return `longer than the ${MAX_PATTERN_LENGTH} characters a pattern may have`;
  try {
    RE2JS.compile(source);
    return null;
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) throw error;
    return unsupported(error.getPattern() ?? "") ?? error.getDescription();
  }
}

const RE2_HAS_NO = "RE2, the linear-time engine that runs patterns, has no";

/** The syntax RE2 leaves out that `fragment` (where RE2 stopped reading) starts with, said plainly; null for another error. */
function unsupported(fragment: string): string | null {
  if (/^\(\?<[=!]/.test(fragment)) return `${RE2_HAS_NO} lookbehind such as (?<=x) or (?<!x)`;
  if (/^\(\?[=!]/.test(fragment)) return `${RE2_HAS_NO} lookahead such as (?=x) or (?!x)`;
  if (/^\\(?:[1-9]|k)/.test(fragment)) return `${RE2_HAS_NO} backreferences such as \\1`;
  return null;
}
