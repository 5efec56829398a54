/**
 * Reading the nodes of a parsed YAML document for secret masking: keys
 * through aliases and merge keys `<<`, strings written in clear, object
 * identities, and the span of text that shows a value.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from "yaml";

/** A value encrypted by SOPS. */
export const ENCRYPTED = /^ENC\[[\s\S]*\]$/;

/** The value under the first `key` of mapping `node` (through an alias and merge keys), or undefined. */
export function child(doc: Document.Parsed, node: unknown, key: string): Node | undefined {
  return children(doc, node, key)[0];
}

/**
 * The values under every `key` of mapping `node`, through aliases and merge
 * keys `<<` (the mapping's own keys first): more than one when the key is
 * repeated or also merged in.
 */
export function children(doc: Document.Parsed, node: unknown, key: string, seen = new Set<unknown>()): Node[] {
  const map = resolve(doc, node);
  if (!isMap(map) || seen.has(map)) return [];
  seen.add(map);
  const own: Node[] = [];
  const merged: Node[] = [];
  for (const pair of map.items) {
    const name = keyText(pair.key);
    if (name === key) {
      const value = resolve(doc, pair.value);
      if (value !== undefined) own.push(value);
    } else if (name === "<<") {
      const bases = resolve(doc, pair.value);
      for (const base of isSeq(bases) ? bases.items : [bases]) merged.push(...children(doc, base, key, seen));
    }
  }
  return [...own, ...merged];
}

/** The node an alias names, or `node` itself. */
export function resolve(doc: Document.Parsed, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(doc) as Node | undefined;
  return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
}

/** A string scalar that is not encrypted, or undefined. */
export function plainString(doc: Document.Parsed, node: unknown): string | undefined {
  const target = resolve(doc, node);
  if (!isScalar(target) || typeof target.value !== "string" || ENCRYPTED.test(target.value)) return undefined;
  return target.value;
}

/** The text of a scalar key, or undefined for a key that is missing or a collection. */
export function keyText(key: unknown): string | undefined {
  return isScalar(key) && key.value !== null && key.value !== undefined ? String(key.value) : undefined;
}

export function isBlockScalar(node: Scalar): boolean {
  return node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
}

/** `apiVersion/kind/namespace/name` of a Kubernetes object whose kind and name are written in clear; undefined otherwise. */
export function objectIdentity(doc: Document.Parsed, node: YAMLMap): string | undefined {
  const kind = plainString(doc, child(doc, node, "kind"));
  const metadata = child(doc, node, "metadata");
  const name = plainString(doc, child(doc, metadata, "name"));
  if (kind === undefined || name === undefined) return undefined;
  const apiVersion = plainString(doc, child(doc, node, "apiVersion")) ?? "";
  return `${apiVersion}/${kind}/${plainString(doc, child(doc, metadata, "namespace")) ?? ""}/${name}`;
}

/**
 * The span that shows `node`'s value: inside the quotes of a quoted scalar
 * (even when empty), the whole of anything else but its final line break (so
 * the next line stays in place). Null for a value not written at all (`key:`).
 */
export function valueSpan(text: string, node: Node): { start: number; end: number } | null {
  const [start, end] = node.range ?? [0, 0];
  if (isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE")) return { start: start + 1, end: end - 1 };
  if (end <= start) return null;
  const lineBreak = /\r?\n$/.exec(text.slice(start, end));
  return { start, end: end - (lineBreak?.[0].length ?? 0) };
}
