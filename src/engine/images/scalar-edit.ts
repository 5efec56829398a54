/**
 * Byte-minimal rewrites of one scalar: only the characters that differ
 * between the old and the new value change, in the scalar's own quoting style.
 */
import { parse, type Scalar } from "yaml";
import type { TextEdit } from "./text-edit.js";
import type { YamlSource } from "./yaml-source.js";

/** The source span of a node: [start, end of its value). */
function span(node: Scalar): [number, number] {
  const range = node.range ?? [0, 0, 0];
  return [range[0], range[1]];
}

/**
 * Where the characters of `value` start in the source, when the source holds
 * them verbatim (plain scalars, quoted scalars without escapes, one-line block
 * scalars). Null when the value is written with escapes or folds.
 */
export function verbatimOffset(source: YamlSource, node: Scalar, value: string): number | null {
  const [start, end] = span(node);
  const raw = source.text.slice(start, end);
  if (node.type === "PLAIN") return raw === value ? start : null;
  if (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") {
    return raw.slice(1, -1) === value ? start + 1 : null;
  }
  const at = raw.lastIndexOf(value);
  return at === -1 || value === "" ? null : start + at;
}

/** True when `value`, written plain, would not read back as that same string in YAML 1.1 or 1.2. */
export function needsQuotes(value: string): boolean {
  if (value === "") return true;
  try {
    return parse(value, { version: "1.2" }) !== value || parse(value, { version: "1.1" }) !== value;
  } catch {
    return true;
  }
}

/** `value` as a YAML scalar that reads back as a string. */
export function yamlString(value: string): string {
  return needsQuotes(value) ? JSON.stringify(value) : value;
}

/**
 * The edits that turn scalar `node`, whose text is `oldValue` (null when the
 * scalar is empty or null), into `newValue`. Returns null when the scalar is
 * written in a way that cannot be edited byte-minimally (escapes, folds).
 */
export function rewriteScalar(source: YamlSource, node: Scalar, oldValue: string | null, newValue: string): TextEdit[] | null {
  if (oldValue === newValue) return [];
  const [start, end] = span(node);
  if (oldValue === null) return [fillEmptyScalar(source, node, start, end, newValue)];
  if (node.type === "PLAIN" && needsQuotes(newValue)) return [{ start, end, insert: JSON.stringify(newValue) }];
  const at = verbatimOffset(source, node, oldValue);
  if (at === null) return null;
  let prefix = 0;
  while (prefix < oldValue.length && prefix < newValue.length && oldValue[prefix] === newValue[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < oldValue.length - prefix &&
    suffix < newValue.length - prefix &&
    oldValue[oldValue.length - 1 - suffix] === newValue[newValue.length - 1 - suffix]
  )
    suffix++;
  return [{ start: at + prefix, end: at + oldValue.length - suffix, insert: newValue.slice(prefix, newValue.length - suffix) }];
}

/** Writes a value into a scalar that is empty (`""`, `''`), null (`null`, `~`) or absent (`key:`). */
function fillEmptyScalar(source: YamlSource, node: Scalar, start: number, end: number, value: string): TextEdit {
  if (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") return { start: start + 1, end: end - 1, insert: value };
  const written = yamlString(value);
  return start === end ? insertAfterKey(source.text, start, written) : { start, end, insert: written };
}

const BLANK = /^[ \t\r\n]?$/;

/**
 * Writes `written` where a mapping key has no value (`key:`, `key:  # note`):
 * one blank after the colon, then the value, then a blank only when a comment
 * would otherwise touch it.
 */
function insertAfterKey(text: string, at: number, written: string): TextEdit {
  let colon = at;
  while (colon > 0 && (text[colon - 1] === " " || text[colon - 1] === "\t")) colon--;
  colon--;
  const spaced = text[colon] === ":" && (text[colon + 1] === " " || text[colon + 1] === "\t");
  const start = text[colon] !== ":" ? at : spaced ? colon + 2 : colon + 1;
  const before = spaced || text[start - 1] === " " ? "" : " ";
  const after = BLANK.test(text[start] ?? "") ? "" : " ";
  return { start, end: start, insert: `${before}${written}${after}` };
}
