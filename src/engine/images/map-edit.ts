/** Adding or removing one key of a mapping, in the mapping's own indentation and line endings. */
import { isScalar, type Pair, type YAMLMap } from "yaml";
import { rewriteScalar, yamlString } from "./scalar-edit.js";
import type { TextEdit } from "./text-edit.js";
import type { YamlSource } from "./yaml-source.js";

function nodeEnd(node: unknown): number {
  return (node as { range?: [number, number, number] } | null)?.range?.[1] ?? 0;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The line ending of the line holding `offset`, or of the line before it when that line has none (end of file). */
function lineEnding(text: string, offset: number): string {
  const after = text.indexOf("\n", offset);
  const end = after === -1 ? text.lastIndexOf("\n", offset) : after;
  return end > 0 && text[end - 1] === "\r" ? "\r\n" : "\n";
}

/**
 * Adds `key: value` as the last key of `map`: on a line of its own at the
 * indentation of the map's keys (block style), or before the closing brace
 * (flow style).
 */
export function insertKey(source: YamlSource, map: YAMLMap, key: string, value: string): TextEdit {
  const { text } = source;
  const written = `${key}: ${yamlString(value)}`;
  const last = map.items[map.items.length - 1] as Pair | undefined;
  if (map.flow || !last) {
    const close = text.lastIndexOf("}", map.range?.[1] ?? 0);
    const empty = !last;
    return { start: close, end: close, insert: empty ? written : `, ${written}` };
  }
  const first = map.items[0] as Pair;
  const keyStart = (first.key as { range?: number[] }).range?.[0] ?? 0;
  const indent = " ".repeat(keyStart - lineStart(text, keyStart));
  const after = Math.max(nodeEnd(last.value), nodeEnd(last.key));
  const eol = lineEnding(text, after);
  const newline = text.indexOf("\n", after);
  if (newline === -1) return { start: text.length, end: text.length, insert: `${eol}${indent}${written}` };
  return { start: newline + 1, end: newline + 1, insert: `${indent}${written}${eol}` };
}

/**
 * Removes `pair` from `map`: its whole line(s) when it stands on lines of its
 * own, else its value is emptied (`""`).
 */
export function removeKey(source: YamlSource, map: YAMLMap, pair: Pair): TextEdit[] | null {
  const { text } = source;
  const keyStart = (pair.key as { range?: number[] }).range?.[0] ?? 0;
  const start = lineStart(text, keyStart);
  const ownLine = !map.flow && pair !== map.items[0] && text.slice(start, keyStart).trim() === "";
  if (!ownLine) {
    if (!isScalar(pair.value)) return null;
    return rewriteScalar(source, pair.value, String(pair.value.value ?? ""), "");
  }
  const newline = text.indexOf("\n", nodeEnd(pair.value));
  if (newline !== -1) return [{ start, end: newline + 1, insert: "" }];
  // The last line of a file without a final newline: take the line break before it instead.
  const previous = start - (text[start - 2] === "\r" ? 2 : 1);
  return [{ start: Math.max(0, previous), end: text.length, insert: "" }];
}
