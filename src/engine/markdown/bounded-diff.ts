/**
 * Unified diffs of bounded cost, for what the app posts on pull requests. A
 * line diff (jsdiff's Myers algorithm) takes time in the product of the
 * texts' lengths and the number of lines that change: a 3,000-line file
 * rewritten into a 30,000-line one takes tens of seconds. So it is computed
 * only up to MAX_DIFF_EDITS changed lines, DIFF_TIMEOUT_MS and
 * MAX_DIFF_CHARS per side. Beyond, the change is shown in linear time as the
 * old lines replaced by the new ones between the lines both sides start and
 * end with: exact when the change only adds or only removes lines, otherwise
 * marked too large and cut to MAX_COARSE_DIFF_CHARS.
 */
import { structuredPatch, type StructuredPatchHunk } from "diff";
import { MAX_YAML_BYTES } from "../repo/yaml-files.js";
import { DIFF_CONTEXT, formatUnifiedDiff } from "./file-diff.js";

/** The most changed lines (added plus removed) a line diff is looked for: more would not fit a comment anyway. */
export const MAX_DIFF_EDITS = 2_000;
/** The most time one line diff may take, in milliseconds. */
export const DIFF_TIMEOUT_MS = 2_000;
/** The longest text (per side, in characters) diffed line by line: as large as a file Promenade reads. */
export const MAX_DIFF_CHARS = MAX_YAML_BYTES;
/** How much of a change too large to diff is kept, in characters: about what a check run shows. */
export const MAX_COARSE_DIFF_CHARS = 60_000;

/** A diff and its counts of lines. */
export interface BoundedDiff {
  /** The unified diff (`--- a/… +++ b/… @@ …`); empty when the texts are equal. */
  diff: string;
  added: number;
  removed: number;
  /**
   * True when the change was too large to diff line by line: `diff` then
   * shows the changed region replaced whole, cut to MAX_COARSE_DIFF_CHARS,
   * and the counts are those of that replacement.
   */
  tooLarge: boolean;
}

/** The unified diff from `before` to `after` of `file`, as unifiedDiff makes it while the bounds allow, else as a replacement of the changed region. */
export function boundedDiff(file: string, before: string, after: string): BoundedDiff {
  if (before === after) return { diff: "", added: 0, removed: 0, tooLarge: false };
  if (before.length <= MAX_DIFF_CHARS && after.length <= MAX_DIFF_CHARS) {
    const options = { context: DIFF_CONTEXT, maxEditLength: MAX_DIFF_EDITS, timeout: DIFF_TIMEOUT_MS };
    const patch = structuredPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, options);
    if (patch !== undefined) return counted(formatUnifiedDiff(file, patch.hunks));
  }
  return replacement(file, lines(before), lines(after), before.length > MAX_DIFF_CHARS || after.length > MAX_DIFF_CHARS);
}

/** `diff` with its added and removed lines counted (after the header, so that a line `-- x` removed or `++ x` added counts too). */
function counted(diff: string): BoundedDiff {
  let added = 0;
  let removed = 0;
  for (const line of diff.split("\n").slice(2)) {
    if (line.startsWith("+")) added++;
    else if (line.startsWith("-")) removed++;
  }
  return { diff, added, removed, tooLarge: false };
}

/**
 * One hunk replacing the lines between the common first and last lines of
 * `old` and `next` (with context): the exact diff when one side of that
 * region is empty and the texts are within MAX_DIFF_CHARS (`oversized`
 * false), else too large and cut.
 */
function replacement(file: string, old: readonly string[], next: readonly string[], oversized: boolean): BoundedDiff {
  let start = 0;
  while (start < old.length && start < next.length && old[start] === next[start]) start++;
  let end = 0;
  while (end < old.length - start && end < next.length - start && old[old.length - 1 - end] === next[next.length - 1 - end]) end++;
  const leading = old.slice(Math.max(0, start - DIFF_CONTEXT), start);
  const trailing = old.slice(old.length - end, old.length - end + DIFF_CONTEXT);
  const removed = old.length - end - start;
  const added = next.length - end - start;
  const tooLarge = oversized || (removed > 0 && added > 0);
  const hunk: StructuredPatchHunk = {
    oldStart: start - leading.length + 1,
    oldLines: leading.length + removed + trailing.length,
    newStart: start - leading.length + 1,
    newLines: leading.length + added + trailing.length,
    lines: [],
  };
  const sections: [string, readonly string[]][] = [
    [" ", leading],
    ["-", old.slice(start, old.length - end)],
    ["+", next.slice(start, next.length - end)],
    [" ", trailing],
  ];
  const budget = tooLarge ? MAX_COARSE_DIFF_CHARS : Number.POSITIVE_INFINITY;
  let size = 0;
  let shown = 0;
  for (const [sign, tokens] of sections) {
    for (const token of tokens) {
      size += token.length + 1;
      if (size > budget) break;
      hunk.lines.push(...diffLines(sign, token));
      shown++;
    }
  }
  const total = leading.length + removed + added + trailing.length;
  if (shown < total) hunk.lines.push(`… ${(total - shown).toLocaleString("en-US")} more lines of this change, too large to show`);
  return { diff: formatUnifiedDiff(file, [hunk]), added, removed, tooLarge };
}

/** A line of a hunk, and the mark jsdiff puts after a last line without a newline. */
function diffLines(sign: string, token: string): string[] {
  return token.endsWith("\n") ? [`${sign}${token.slice(0, -1)}`] : [`${sign}${token}`, "\\ No newline at end of file"];
}

/** The lines of `text`, each with its `\n` (the last one without, when the text does not end with one), as jsdiff splits them. */
function lines(text: string): string[] {
  const parts = text.split("\n");
  const last = parts.pop() ?? "";
  const tokens = parts.map((part) => `${part}\n`);
  if (last !== "") tokens.push(last);
  return tokens;
}
