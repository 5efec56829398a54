/** How the bench scripts print their figures: numbers, verdicts and aligned tables. */

/** `12,345`. */
export const num = (n: number): string => n.toLocaleString("en-US");

/** PASS or FAIL. */
export const verdict = (ok: boolean): string => (ok ? "PASS" : "FAIL");

/**
 * Prints `rows` (the first is the header, underlined with dashes) in columns
 * two spaces apart; a column for which `leftAligned(column, columns)` holds is
 * padded on the right, the others on the left. Default: the first and the
 * last column left, the figures between right.
 */
export function printTable(rows: readonly string[][], leftAligned: (column: number, columns: number) => boolean = (c, n) => c === 0 || c === n - 1): void {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  for (const [i, row] of rows.entries()) {
    console.log(
      row
        .map((cell, c) => (leftAligned(c, row.length) ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join("  ")
        .trimEnd(),
    );
    if (i === 0)
      console.log(
        widths
          .map((w) => "-".repeat(w))
          .join("  ")
          .trimEnd(),
      );
  }
}
