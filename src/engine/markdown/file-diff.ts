/**
 * Unified diffs of file changes, as `diff -u` and `git diff` print them, for
 * `promenade plan` and PR comments, computed with the `diff` library (jsdiff).
 * A missing final newline is marked with `\ No newline at end of file`.
 */
import { structuredPatch, type StructuredPatchHunk } from "diff";

/** Lines of context around each change. */
export const DIFF_CONTEXT = 3;

/** `start,count` as `diff -u` writes a hunk range: the count left out when it is 1, the line before for an empty range. */
function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? Math.max(0, start - 1) : start},${count}`;
}

/**
 * The unified diff from `before` to `after` of `file` (repository-relative),
 * headed `--- a/<file>` and `+++ b/<file>`, with `context` lines around each
 * change and `@@ -l,n +l,n @@` hunk headers; empty when the texts are equal.
 */
export function unifiedDiff(file: string, before: string, after: string, context: number = DIFF_CONTEXT): string {
  if (before === after) return "";
  return formatUnifiedDiff(file, structuredPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context }).hunks);
}

/** `hunks` (jsdiff's shape: lines prefixed with ` `, `-` or `+`) as the unified diff of `file`, headed `--- a/<file>` and `+++ b/<file>`. */
export function formatUnifiedDiff(file: string, hunks: readonly StructuredPatchHunk[]): string {
  const out = [`--- a/${file}`, `+++ b/${file}`];
  for (const hunk of hunks) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    // One by one: a hunk may have more lines than a call takes arguments.
    for (const line of hunk.lines) out.push(line);
  }
  return `${out.join("\n")}\n`;
}
