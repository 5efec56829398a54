/**
 * Byte-level checks for set-image results, in the manner of the corpus
 * fidelity checker: files are split into lines that keep their terminators
 * (so EOLs, the final newline and trailing blanks all count), the old and new
 * lines are diffed, and every changed line must be the old line with only the
 * expected tag/digest text replaced.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { parseAllDocuments } from "yaml";

export const FIXTURES = fileURLToPath(new URL("../fixtures/yaml/", import.meta.url));

/** The raw text of a fixture (no newline or encoding conversion). */
export function fixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, "utf8");
}

/** Lines with their terminators: `a\r\nb` → [`a\r\n`, `b`]. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The line ending a file uses (`\r\n` when any line ends with it). */
export function eolOf(text: string): string {
  return /\r\n/.test(text) ? "\r\n" : "\n";
}

/** On 1-based line `line`, the text `from` (found exactly once on that line) becomes `to`. */
export interface LineChange {
  line: number;
  from: string;
  to: string;
}

/** A new line (without its EOL) inserted after 1-based line `after`. */
export interface LineInsert {
  after: number;
  text: string;
}

export interface ExpectedDiff {
  changes?: LineChange[];
  inserts?: LineInsert[];
}

/** One hunk of a line diff: old lines [oldStart, oldEnd) became new lines [newStart, newEnd) (0-based). */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** A minimal line diff (LCS; fixtures are small). */
export function diffLines(a: string[], b: string[]): Hunk[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | null = null;
  const close = () => {
    if (open) hunks.push(open);
    open = null;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= { oldStart: i, oldEnd: i, newStart: j, newEnd: j };
    if (j < m && (i >= n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) open.newEnd = ++j;
    else open.oldEnd = ++i;
  }
  close();
  return hunks;
}

/** The text `before` would become with exactly the given line changes and inserts (inserted lines use the file's EOL). */
export function applyExpected(before: string, expected: ExpectedDiff): string {
  const lines = splitLines(before);
  const eol = eolOf(before);
  for (const change of expected.changes ?? []) {
    const line = lines[change.line - 1];
    if (line === undefined) throw new Error(`test bug: no line ${change.line}`);
    const count = line.split(change.from).length - 1;
    if (count !== 1) throw new Error(`test bug: ${JSON.stringify(change.from)} occurs ${count} times on line ${change.line}: ${JSON.stringify(line)}`);
    lines[change.line - 1] = line.replace(change.from, () => change.to);
  }
  const inserts = [...(expected.inserts ?? [])].sort((x, y) => y.after - x.after);
  for (const insert of inserts) {
    const previous = lines[insert.after - 1];
    if (previous === undefined) throw new Error(`test bug: no line ${insert.after}`);
    if (previous.endsWith("\n")) {
      lines.splice(insert.after, 0, `${insert.text}${eol}`);
    } else {
      // Inserting after a last line without a final newline: that line gains the file's EOL, the new one has none.
      lines[insert.after - 1] = `${previous}${eol}`;
      lines.splice(insert.after, 0, insert.text);
    }
  }
  return lines.join("");
}

/** The old-line numbers (1-based) the diff modifies in place, and the new-line numbers it adds. */
export function changedLines(before: string, after: string): { modified: number[]; added: number[]; removed: number[] } {
  const modified: number[] = [];
  const added: number[] = [];
  const removed: number[] = [];
  for (const hunk of diffLines(splitLines(before), splitLines(after))) {
    const paired = Math.min(hunk.oldEnd - hunk.oldStart, hunk.newEnd - hunk.newStart);
    for (let k = 0; k < paired; k++) modified.push(hunk.oldStart + k + 1);
    for (let k = hunk.newStart + paired; k < hunk.newEnd; k++) added.push(k + 1);
    for (let k = hunk.oldStart + paired; k < hunk.oldEnd; k++) removed.push(k + 1);
  }
  return { modified, added, removed };
}

/**
 * Asserts that `after` is `before` with only the expected edits: the line
 * diff touches exactly the expected lines, and each changed line (EOL
 * included) equals the old line with `from` replaced by `to`.
 */
export function expectByteMinimal(before: string, after: string, expected: ExpectedDiff): void {
  const wanted = applyExpected(before, expected);
  // Which lines: compared first, so that a failure names the lines that moved.
  expect(changedLines(before, after)).toEqual(changedLines(before, wanted));
  // What changed on them: line by line, as JSON so that \r and trailing blanks show.
  expect(splitLines(after).map((l) => JSON.stringify(l))).toEqual(splitLines(wanted).map((l) => JSON.stringify(l)));
  expect(after).toBe(wanted);
}

/** A path into the parsed documents: document index, then keys and list indexes. */
export type DataPath = [number, ...(string | number)[]];

/**
 * Asserts that every document of `after` parses to the data of `before` with
 * `values` set at their paths (aliases resolve to the anchored node, so a value
 * under an anchor shows through its aliases too).
 */
export function expectSameDataExcept(before: string, after: string, values: [DataPath, unknown][]): void {
  const expected = parseAllDocuments(before).map((doc) => doc.toJS() as unknown);
  for (const [[docIndex, ...keys], value] of values) {
    let node = expected[docIndex] as Record<string | number, unknown> | undefined;
    for (const key of keys.slice(0, -1)) node = node?.[key] as Record<string | number, unknown> | undefined;
    const last = keys[keys.length - 1];
    if (node === undefined || node === null || last === undefined) throw new Error(`test bug: no path ${JSON.stringify([docIndex, ...keys])}`);
    node[last] = value;
  }
  const docs = parseAllDocuments(after);
  for (const doc of docs) expect(doc.errors).toEqual([]);
  expect(docs.map((doc) => doc.toJS() as unknown)).toEqual(expected);
}
