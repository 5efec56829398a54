import { describe, expect, it } from "vitest";
import { isScalar, parseDocument, type Scalar } from "yaml";
import { scalarSourceMap } from "../../src/engine/diff/scalar-source-map.js";

/** The scalar under key `a` of `text`. */
function scalarOf(text: string): Scalar<string> {
  const node = parseDocument(text).get("a", true);
  if (!isScalar(node) || typeof node.value !== "string") throw new Error(`no string under a in ${text}`);
  return node as Scalar<string>;
}

/** The source text that shows `part` (which must occur once) of the value under `a`. */
function sourceOf(text: string, part: string): string {
  const node = scalarOf(text);
  const from = node.value.indexOf(part);
  expect(from).toBeGreaterThanOrEqual(0);
  const map = scalarSourceMap(text, node);
  if (map === null) throw new Error(`no map for ${text}`);
  const { start, end } = map.span(from, from + part.length);
  return text.slice(start, end);
}

/** Each character of the value comes from itself (or the surrogate pair it is half of), an escape, `''`, or the blanks and line breaks a fold turned into it. */
function expectEveryCharacterTraced(text: string): void {
  const node = scalarOf(text);
  const map = scalarSourceMap(text, node);
  expect(map).not.toBeNull();
  for (let i = 0; i < node.value.length; i++) {
    const { start, end } = map?.span(i, i + 1) ?? { start: 0, end: 0 };
    const source = text.slice(start, end);
    const char = node.value[i] as string;
    expect(
      source === char || (source.length === 2 && source.includes(char)) || source.startsWith("\\") || (char === "'" && source === "''") || /^\s+$/.test(source),
      `${JSON.stringify(char)} from ${JSON.stringify(source)}`,
    ).toBe(true);
  }
}

const SCALARS: Record<string, string> = {
  plain: "a: one two\n",
  "plain over lines": "a: one\n  two   \n\n  three\nb: 1\n",
  "single-quoted": "a: 'it''s\n  folded\n\n  here'\n",
  "double-quoted": 'a: "tab\\t é\\u00e9 A\\x41 😀\\U0001F600 \\\\ \\" line\\nbreak \\\n   joined  \n  folded"\n',
  literal: "a: |\n  one\n\n  two\n    more\n",
  "literal, stripped": "a: |-\n  one\n  two\n\n",
  "literal, kept": "a: |+\n  one\n\n\nb: 1\n",
  "literal, CRLF": "a: |\r\n  one\r\n  two\r\n",
  "literal with a header comment": "a: |  # note\n  one\n",
  folded: "a: >\n  one\n  two\n\n  three\n    more\n  four\n",
  "folded after empty lines": "a: >-\n\n  one\n",
  "indentation indicator": "a: |2\n    lead\n  base\n",
};

describe("scalarSourceMap", () => {
  for (const [style, text] of Object.entries(SCALARS)) {
    it(`traces every character of a scalar: ${style}`, () => expectEveryCharacterTraced(text));
  }

  it("gives the source of a part of a value: its text, its indentation and folds, its escapes", () => {
    expect(sourceOf(SCALARS.literal as string, "two\n  more")).toBe("two\n    more");
    expect(sourceOf(SCALARS["plain over lines"] as string, "two\nthree")).toBe("two   \n\n  three");
    expect(sourceOf(SCALARS["double-quoted"] as string, "éé AA 😀😀")).toBe("é\\u00e9 A\\x41 😀\\U0001F600");
    expect(sourceOf(SCALARS["double-quoted"] as string, "line\nbreak joined")).toBe("line\\nbreak \\\n   joined");
    expect(sourceOf(SCALARS["single-quoted"] as string, "it's folded")).toBe("it''s\n  folded");
    expect(sourceOf(SCALARS.folded as string, "two\nthree")).toBe("two\n\n  three");
  });

  it("gives no map when its reading differs from the parser's", () => {
    // Indentation indicator 1: the parser keeps two of the three spaces, the map can only guess.
    const text = "a: |1\n   kept\n   lines\n";
    expect(scalarOf(text).value).toBe("  kept\n  lines\n");
    expect(scalarSourceMap(text, scalarOf(text))).toBeNull();
  });
});
