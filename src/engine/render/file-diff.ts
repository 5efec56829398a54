/**
 * Unified diffs of file changes, as `diff -u` and `git diff` print them, for
 * `promenade plan` and PR comments. Lines are compared exactly (a `\r` of a
 * CRLF file is part of its line) and a missing final newline is marked with
 * `\ No newline at end of file`.
 */

/** Lines of context around each change. */
export const DIFF_CONTEXT = 3;

/**
 * The most lines removed plus added that the diff searches a shortest edit
 * for (Myers' algorithm, time and memory growing with its square); beyond
 * it, the lines between the common start and end are shown as removed and
 * added whole. Promotion edits change a few lines.
 */
const MAX_EDIT_LENGTH = 1000;

interface Line {
  text: string;
  /** False for the last line of a text that does not end with a newline. */
  newline: boolean;
}

interface Op {
  kind: " " | "-" | "+";
  line: Line;
}

/**
 * The unified diff from `before` to `after` of `file` (repository-relative),
 * headed `--- a/<file>` and `+++ b/<file>`, with `context` lines around each
 * change and `@@ -l,n +l,n @@` hunk headers; empty when the texts are equal.
 */
export function unifiedDiff(file: string, before: string, after: string, context: number = DIFF_CONTEXT): string {
  if (before === after) return "";
  const ops = diffLines(splitLines(before), splitLines(after));
  const out = [`--- a/${file}`, `+++ b/${file}`];
  for (const hunk of hunks(ops, context)) out.push(...renderHunk(ops, hunk));
  return `${out.join("\n")}\n`;
}

function splitLines(text: string): Line[] {
  if (text === "") return [];
  const parts = text.split("\n");
  const ends = parts.at(-1) === "";
  if (ends) parts.pop();
  return parts.map((part, i) => ({ text: part, newline: ends || i < parts.length - 1 }));
}

function same(a: Line, b: Line): boolean {
  return a.text === b.text && a.newline === b.newline;
}

/** The edit script from `a` to `b`: a shortest one, with removals before additions in each change. */
function diffLines(a: Line[], b: Line[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && same(a[start] as Line, b[start] as Line)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && same(a[endA - 1] as Line, b[endB - 1] as Line)) {
    endA--;
    endB--;
  }
  const keep = (lines: Line[]): Op[] => lines.map((line) => ({ kind: " ", line }));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = shortestEdit(middleA, middleB) ?? [
    ...middleA.map((line): Op => ({ kind: "-", line })),
    ...middleB.map((line): Op => ({ kind: "+", line })),
  ];
  return [...keep(a.slice(0, start)), ...removalsFirst(middle), ...keep(a.slice(endA))];
}

/**
 * A shortest edit script from `a` to `b` (E. Myers, "An O(ND) difference
 * algorithm and its variations", 1986), or null when it is longer than
 * MAX_EDIT_LENGTH. `v[k]` is the furthest `x` reached on diagonal `k = x - y`;
 * the part of `v` each step reads is kept to walk the path back.
 */
function shortestEdit(a: Line[], b: Line[]): Op[] | null {
  const limit = Math.min(MAX_EDIT_LENGTH, a.length + b.length);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && same(a[x] as Line, b[y] as Line)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= a.length && y >= b.length) return walkBack(a, b, trace);
    }
  }
  return null;
}

/** The edit script along the path whose steps `trace` recorded, from the end of both texts back to their start. */
function walkBack(a: Line[], b: Line[], trace: Int32Array[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const before = trace[d] as Int32Array;
    const at = (k: number): number => before[k + d + 1] as number;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousX = at(down ? k + 1 : k - 1);
    const previousY = previousX - (down ? k + 1 : k - 1);
    while (x > previousX && y > previousY) {
      ops.push({ kind: " ", line: a[--x] as Line });
      y--;
    }
    if (down) ops.push({ kind: "+", line: b[--y] as Line });
    else ops.push({ kind: "-", line: a[--x] as Line });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: " ", line: a[--x] as Line });
    y--;
  }
  return ops.reverse();
}

/** The same script with the removals of each change before its additions, as diff prints them. */
function removalsFirst(ops: readonly Op[]): Op[] {
  const result: Op[] = [];
  let change: Op[] = [];
  const flush = (): void => {
    result.push(...change.filter((op) => op.kind === "-"), ...change.filter((op) => op.kind === "+"));
    change = [];
  };
  for (const op of ops) {
    if (op.kind === " ") {
      flush();
      result.push(op);
    } else {
      change.push(op);
    }
  }
  flush();
  return result;
}

/** Ranges `[start, end)` of `ops` shown as hunks: changes with `context` lines around, joined when their context meets. */
function hunks(ops: readonly Op[], context: number): [number, number][] {
  const ranges: [number, number][] = [];
  ops.forEach((op, index) => {
    if (op.kind === " ") return;
    const start = Math.max(0, index - context);
    const end = Math.min(ops.length, index + 1 + context);
    const last = ranges.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = end;
    else ranges.push([start, end]);
  });
  return ranges;
}

function renderHunk(ops: readonly Op[], [start, end]: [number, number]): string[] {
  const before = ops.slice(0, start);
  const oldStart = before.filter((op) => op.kind !== "+").length + 1;
  const newStart = before.filter((op) => op.kind !== "-").length + 1;
  const shown = ops.slice(start, end);
  const oldCount = shown.filter((op) => op.kind !== "+").length;
  const newCount = shown.filter((op) => op.kind !== "-").length;
  const lines = [`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`];
  for (const op of shown) {
    lines.push(`${op.kind}${op.line.text}`);
    if (!op.line.newline) lines.push("\\ No newline at end of file");
  }
  return lines;
}

/** `start,count` as diff writes it: `,1` left out, and an empty range numbered by the line before it. */
function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
}
