/**
 * Parsing a YAML file for discovery and editing: every document, with source
 * offsets kept, errors turned into InputError with a line, and alias bombs
 * refused before anything expands them.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Scalar, visit } from "yaml";
import { InputError } from "../errors.js";

/** How many nodes a document's aliases may expand to before it counts as an alias bomb. */
const MAX_EXPANDED_NODES = 100_000;

/** A parsed file: its text, its documents and a way from offsets to lines. */
export interface YamlSource {
  file: string;
  text: string;
  documents: Document.Parsed[];
  /** 1-based line of a character offset. */
  lineOf(offset: number): number;
}

/** Parses every document of `text`; throws InputError (with the line) when any does not parse. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const documents = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: true });
  const list = Array.isArray(documents) ? documents : [];
  const lineOf = lineIndex(text);
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) throw new InputError(file, `not valid YAML: ${firstLine(error.message)}`, error.linePos?.[0].line ?? lineOf(error.pos[0]));
  }
  if (text.includes("*")) for (const doc of list) refuseAliasBomb(file, doc, lineOf);
  return { file, text, documents: list, lineOf };
}

/**
 * Throws when an alias names no anchor, or when resolving the document's
 * aliases would expand it into more than MAX_EXPANDED_NODES nodes (an alias
 * bomb, e.g. "billion laughs"). Sizes are counted per anchored node and
 * remembered, so the check itself never expands anything.
 */
function refuseAliasBomb(file: string, doc: Document.Parsed, lineOf: (offset: number) => number): void {
  const sizes = new Map<unknown, number>();
  let expanded = 0;
  let problem: { reason: string; offset: number } | undefined;
  visit(doc, {
    Alias(_, alias) {
      const target = alias.resolve(doc);
      const offset = alias.range?.[0] ?? 0;
      if (target === undefined) problem = { reason: `not valid YAML: alias *${alias.source} names no anchor`, offset };
      else expanded += expandedSize(target, doc, sizes);
      if (!problem && expanded > MAX_EXPANDED_NODES) {
        problem = { reason: `refused: aliases expand too much (more than ${MAX_EXPANDED_NODES} nodes; a "YAML bomb"?)`, offset };
      }
      return problem ? visit.BREAK : undefined;
    },
  });
  if (problem) throw new InputError(file, problem.reason, lineOf(problem.offset));
}

/** How many nodes `node` stands for once its aliases are expanded; an alias inside its own anchor counts as infinite. */
function expandedSize(node: unknown, doc: Document.Parsed, sizes: Map<unknown, number>): number {
  const known = sizes.get(node);
  if (known !== undefined) return known;
  sizes.set(node, Number.POSITIVE_INFINITY);
  let size = 1;
  if (isAlias(node)) size = expandedSize(node.resolve(doc), doc, sizes);
  else if (isMap(node)) for (const pair of node.items) size += expandedSize(pair.key, doc, sizes) + expandedSize(pair.value, doc, sizes);
  else if (isSeq(node)) for (const item of node.items) size += expandedSize(item, doc, sizes);
  sizes.set(node, size);
  return size;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

/** A function from a character offset to its 1-based line number. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * The text of a scalar as the user wrote it: the source characters for plain
 * scalars (so `1.10` stays `1.10`), the value for quoted and block scalars.
 * Null for an empty or null scalar (`""`, `~`, `null`, nothing).
 */
export function scalarText(node: Scalar): string | null {
  if (node.value === null || node.value === undefined) return null;
  if (node.type === "PLAIN") {
    const source = (node as Scalar & { source?: string }).source;
    const text = typeof source === "string" ? source : String(node.value);
    return text === "" ? null : text;
  }
  if (typeof node.value !== "string") return String(node.value);
  return node.value === "" ? null : node.value;
}

/** The text of a scalar that can name an image: a non-empty string (not a number or boolean written plain). */
export function stringValue(node: unknown): string | null {
  if (!isScalar(node) || typeof node.value !== "string") return null;
  const text = node.value.trim();
  return text === "" ? null : text;
}
