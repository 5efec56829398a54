/**
 * Where each character of a string scalar's value is written in the file:
 * so that a span of the value (a secret found in YAML held in the string)
 * can be hidden in the file's text. Block scalars drop their indentation,
 * flow scalars fold their lines, double-quoted ones decode escapes: the map
 * undoes each. It is built by decoding the source text again and is only
 * given when that decoding gives exactly the parser's value, so a scalar
 * written in a way the decoding does not follow gets no map, never a wrong one.
 */
import type { Scalar } from "yaml";

/** Spans of the file's text from spans of a scalar's value. */
export interface ScalarSourceMap {
  /** The span of the file's text that shows the value's characters `[from, to)`. */
  span(from: number, to: number): { start: number; end: number };
}

/** The value's characters, each with the span of source text it comes from. */
class Decoded {
  value = "";
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** How many characters at the end came from unescaped spaces or tabs (that a line break drops). */
  private trailingBlanks = 0;

  push(chars: string, start: number, end: number, blank = false): void {
    this.value += chars;
    for (let i = 0; i < chars.length; i++) {
      this.starts.push(start);
      this.ends.push(end);
    }
    this.trailingBlanks = blank ? this.trailingBlanks + chars.length : 0;
  }

  /** Drops the unescaped spaces and tabs at the end; returns where the first of them started (or `at` when there were none). */
  dropTrailingBlanks(at: number): number {
    if (this.trailingBlanks === 0) return at;
    const keep = this.value.length - this.trailingBlanks;
    const start = this.starts[keep] ?? at;
    this.value = this.value.slice(0, keep);
    this.starts.length = keep;
    this.ends.length = keep;
    this.trailingBlanks = 0;
    return start;
  }

  /** The map, when the decoded value is `value` (followed, for a block scalar, by line breaks that chomping keeps, mapped to `[tailStart, tailEnd)`). */
  toMap(value: string, tail: { start: number; end: number } | null): ScalarSourceMap | null {
    const rest = value.slice(this.value.length);
    if (!value.startsWith(this.value) || (rest !== "" && (tail === null || !/^\n+$/.test(rest)))) return null;
    if (tail !== null) this.push(rest, tail.start, tail.end);
    const { starts, ends } = this;
    const end = ends.at(-1) ?? tail?.end ?? 0;
    return {
      span(from, to) {
        if (from >= to) {
          const at = starts[from] ?? end;
          return { start: at, end: at };
        }
        return { start: starts[from] ?? end, end: ends[to - 1] ?? end };
      },
    };
  }
}

/** The map of string scalar `node` of `text`, or null when its value cannot be traced back to its source exactly. */
export function scalarSourceMap(text: string, node: Scalar): ScalarSourceMap | null {
  const [start, end] = node.range ?? [0, 0];
  if (typeof node.value !== "string" || end <= start) return null;
  switch (node.type) {
    case "BLOCK_LITERAL":
    case "BLOCK_FOLDED":
      return blockScalar(text, start, end, node.value, node.type === "BLOCK_FOLDED");
    case "QUOTE_DOUBLE":
    case "QUOTE_SINGLE": {
      const quote = node.type === "QUOTE_DOUBLE" ? '"' : "'";
      if (text[start] !== quote || text[end - 1] !== quote || end - start < 2) return null;
      return flowScalar(text, start + 1, end - 1, quote).toMap(node.value, null);
    }
    default:
      return flowScalar(text, start, trimEnd(text, start, end), null).toMap(node.value, null);
  }
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\x85",
  _: "\xa0",
  L: "\u2028",
  P: "\u2029",
};
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * A plain (`quote` null) or quoted scalar's value from its characters in
 * `[start, end)`: lines folded (a line break between two lines is a space, n
 * empty lines are n line breaks, blanks around breaks dropped), `''` in
 * single quotes, escapes in double quotes.
 */
function flowScalar(text: string, start: number, end: number, quote: '"' | "'" | null): Decoded {
  const out = new Decoded();
  let at = start;
  while (at < end) {
    const char = text[at] as string;
    if (char === "\n" || char === "\r") {
      const gapStart = out.dropTrailingBlanks(at);
      const { next, emptyLines } = skipLineBreaks(text, at, end);
      out.push(emptyLines === 0 ? " " : "\n".repeat(emptyLines), gapStart, next);
      at = next;
    } else if (quote === '"' && char === "\\") {
      at = escape(text, at, end, out);
    } else if (quote === "'" && char === "'" && text[at + 1] === "'") {
      out.push("'", at, at + 2);
      at += 2;
    } else {
      const codePoint = String.fromCodePoint(text.codePointAt(at) ?? 0);
      out.push(codePoint, at, at + codePoint.length, char === " " || char === "\t");
      at += codePoint.length;
    }
  }
  return out;
}

/** Decodes the escape at `at` (a backslash) into `out`; returns where the text goes on. */
function escape(text: string, at: number, end: number, out: Decoded): number {
  const code = text[at + 1] ?? "";
  if (code === "\n" || code === "\r") {
    // An escaped line break joins the lines without a space.
    const { next, emptyLines } = skipLineBreaks(text, at + 1, end);
    if (emptyLines > 0) out.push("\n".repeat(emptyLines), at, next);
    return next;
  }
  const digits = HEX_DIGITS[code];
  if (digits !== undefined) {
    const hex = text.slice(at + 2, at + 2 + digits);
    const point = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? Number.parseInt(hex, 16) : Number.NaN;
    out.push(Number.isNaN(point) || point > 0x10ffff ? "\uFFFD" : String.fromCodePoint(point), at, at + 2 + digits);
    return at + 2 + digits;
  }
  out.push(ESCAPES[code] ?? "\uFFFD", at, at + 2);
  return at + 2;
}

/** From a line break at `at`: the start of the next line's content (its blanks skipped) and how many empty lines came between. */
function skipLineBreaks(text: string, at: number, end: number): { next: number; emptyLines: number } {
  let emptyLines = -1;
  let next = at;
  while (next < end && (text[next] === "\n" || text[next] === "\r")) {
    next += text[next] === "\r" && text[next + 1] === "\n" ? 2 : 1;
    emptyLines++;
    while (next < end && (text[next] === " " || text[next] === "\t")) next++;
  }
  return { next, emptyLines };
}

/** `end` moved back over the blanks and line breaks that end `[start, end)`. */
function trimEnd(text: string, start: number, end: number): number {
  let stop = end;
  while (stop > start && /[ \t\r\n]/.test(text[stop - 1] as string)) stop--;
  return stop;
}

/** One line of a block scalar: where it starts and ends (before its line break), and where its line break ends. */
interface Line {
  start: number;
  end: number;
}

/**
 * A `|` or `>` block scalar's value from its source `[start, end)` (header
 * included): each line's indentation taken off, lines joined by line breaks
 * (`|`) or folded (`>`: a line break between two lines that are not more
 * indented is a space), trailing line breaks as the value's chomping keeps
 * them. The indentation is the first content line's, or, with an explicit
 * indentation indicator, the smallest of them all.
 */
function blockScalar(text: string, start: number, end: number, value: string, folded: boolean): ScalarSourceMap | null {
  const headerEnd = text.indexOf("\n", start);
  if (headerEnd === -1 || headerEnd >= end) return value === "" ? new Decoded().toMap(value, null) : null;
  const header = text
    .slice(start, headerEnd)
    .replace(/\s+#.*$/, "")
    .trim();
  const lines = splitLines(text, headerEnd + 1, end);
  const content = lines.filter((line) => text.slice(line.start, line.end).trim() !== "");
  const indents = content.map((line) => leadingSpaces(text, line));
  const indent = /\d/.test(header) ? Math.min(...indents) : (indents[0] ?? 0);
  const out = new Decoded();
  let previous: { line: Line; moreIndented: boolean } | null = null;
  let emptyLines = 0;
  for (const line of lines) {
    const length = line.end - line.start;
    const blank = text.slice(line.start, line.end).trim() === "";
    if (blank && length <= indent) {
      emptyLines++;
      continue;
    }
    if (leadingSpaces(text, line) < indent) return null;
    const from = line.start + indent;
    const moreIndented = text[from] === " " || text[from] === "\t";
    const gapStart = previous === null ? headerEnd + 1 : previous.line.end;
    if (previous === null) {
      if (emptyLines > 0) out.push("\n".repeat(emptyLines), gapStart, from);
    } else if (folded && !previous.moreIndented && !moreIndented) {
      out.push(emptyLines === 0 ? " " : "\n".repeat(emptyLines), gapStart, from);
    } else {
      out.push("\n".repeat(emptyLines + 1), gapStart, from);
    }
    for (let at = from; at < line.end; at++) out.push(text[at] as string, at, at + 1);
    previous = { line, moreIndented };
    emptyLines = 0;
  }
  return out.toMap(value, { start: previous?.line.end ?? headerEnd + 1, end });
}

/** The lines of `[start, end)`, without their line breaks. */
function splitLines(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let at = start;
  while (at < end) {
    const newline = text.indexOf("\n", at);
    const stop = newline === -1 || newline >= end ? end : newline;
    lines.push({ start: at, end: stop > at && text[stop - 1] === "\r" ? stop - 1 : stop });
    at = stop + 1;
  }
  return lines;
}

function leadingSpaces(text: string, line: Line): number {
  let at = line.start;
  while (at < line.end && text[at] === " ") at++;
  return at - line.start;
}
