/**
 * Reading a kustomization (or a generator's config) the way kustomize reads
 * it, to check what it names before rendering: every document; keys matched
 * whatever their case, as Go's JSON decoding matches them (`Resources`, and
 * `reſources` with a long s); every value of a key given twice; `<<` merge
 * keys followed; aliases resolved.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type YAMLMap } from "yaml";
import { tooDeepLine } from "../engine/images/yaml-nesting.js";

/** One mapping of a parsed file, with what resolving its aliases takes. */
export interface Mapping {
  map: YAMLMap;
  doc: Document.Parsed;
  /** The file's text, for showing an entry that is not a plain string as written. */
  text: string;
}

/** One entry of a list of paths: the string, or the source text of an entry that is not a plain string (`plain: false`). */
export interface Entry {
  value: string;
  plain: boolean;
}

const STRING_TAG = "tag:yaml.org,2002:str";

/** The mappings among the documents of `text`, or the line of its first YAML error (or of a collection nested too deep to read). */
export function readMappings(text: string): { mappings: Mapping[] } | { errorLine: number } {
  const deep = tooDeepLine(text);
  if (deep !== undefined) return { errorLine: deep };
  const docs = parseAllDocuments(text, { merge: true, uniqueKeys: false });
  const mappings: Mapping[] = [];
  for (const doc of Array.isArray(docs) ? docs : []) {
    const error = doc.errors[0];
    if (error !== undefined) return { errorLine: error.linePos?.[0].line ?? 1 };
    const node = resolved(doc, doc.contents);
    if (isMap(node)) mappings.push({ map: node, doc, text });
  }
  return { mappings };
}

/** The mappings of `entry` when kustomize takes it for inline YAML (a mapping) rather than a path; null otherwise. */
export function inlineMappings(entry: string): Mapping[] | null {
  const read = readMappings(entry);
  return "mappings" in read && read.mappings.length > 0 ? read.mappings : null;
}

/** Every value given to `key` (any case) in `mapping` or what it merges in, aliases resolved. */
export function fieldValues(mapping: Mapping, key: string): unknown[] {
  const values: unknown[] = [];
  const seen = new Set<unknown>();
  const collect = (map: unknown) => {
    if (!isMap(map) || seen.has(map)) return;
    seen.add(map);
    for (const pair of map.items) {
      const name = resolved(mapping.doc, pair.key);
      if (!isScalar(name)) continue;
      if (typeof name.value === "symbol" || name.value === "<<") {
        const merged = resolved(mapping.doc, pair.value);
        for (const source of isSeq(merged) ? merged.items : [merged]) collect(resolved(mapping.doc, source));
      } else if (foldCase(String(name.value)) === foldCase(key)) {
        values.push(resolved(mapping.doc, pair.value));
      }
    }
  };
  collect(mapping.map);
  return values;
}

/** The mappings in `node`: itself, or the items of a sequence. */
export function mappingsIn(mapping: Mapping, node: unknown): Mapping[] {
  const items = isSeq(node) ? node.items.map((item) => resolved(mapping.doc, item)) : [node];
  return items.filter(isMap).map((map) => ({ ...mapping, map }));
}

/** The entries of `node`: a sequence's items, a single scalar, nothing for null. */
export function entriesIn(mapping: Mapping, node: unknown): Entry[] {
  if (node === null || node === undefined || (isScalar(node) && node.value === null && node.tag === undefined)) return [];
  const items = isSeq(node) ? node.items.map((item) => resolved(mapping.doc, item)) : [node];
  return items.map((item) => {
    if (isScalar(item) && typeof item.value === "string" && (item.tag === undefined || item.tag === STRING_TAG)) return { value: item.value, plain: true };
    const range = (item as { range?: [number, number] } | null)?.range;
    return { value: range ? mapping.text.slice(range[0], range[1]) : String(item), plain: false };
  });
}

/** `mapping` and every mapping nested in it, at any depth, each once. */
export function nestedMappings(mapping: Mapping): Mapping[] {
  const found: Mapping[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown) => {
    const item = resolved(mapping.doc, node);
    if (seen.has(item)) return;
    seen.add(item);
    if (isSeq(item)) item.items.forEach(visit);
    if (!isMap(item)) return;
    found.push({ ...mapping, map: item });
    for (const pair of item.items) visit(pair.value);
  };
  visit(mapping.map);
  return found;
}

/** Whether `node` holds anything: not absent, null, or an empty sequence or mapping. */
export function isPresent(node: unknown): boolean {
  if (node === null || node === undefined) return false;
  if (isScalar(node)) return node.value !== null;
  if (isSeq(node) || isMap(node)) return node.items.length > 0;
  return true;
}

/** `text` case-folded as Go's `strings.EqualFold` compares it with an ASCII name: the long s (U+017F) is an `s` and the Kelvin sign (U+212A) a `k`. */
function foldCase(text: string): string {
  return text
    .replace(/\u017f/g, "s")
    .replace(/\u212a/g, "k")
    .toLowerCase();
}

/** `node`, or the node an alias stands for. */
function resolved(doc: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}
