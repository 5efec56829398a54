/**
 * Parsing a YAML file for discovery and editing: every document, with source
 * offsets kept, errors turned into InputError with a line, and alias bombs
 * refused before anything expands them.
 */
import { type Document, isScalar, parseAllDocuments, type Scalar, visit } from "yaml";
import { InputError } from "../errors.js";

/** How many times aliases may be expanded in one document before it counts as an alias bomb. */
const MAX_ALIAS_COUNT = 1_000;

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
 * aliases would expand it beyond MAX_ALIAS_COUNT nodes (an alias bomb).
 */
function refuseAliasBomb(file: string, doc: Document.Parsed, lineOf: (offset: number) => number): void {
  let unresolved: { source: string; offset: number } | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      unresolved = { source: node.source, offset: node.range?.[0] ?? 0 };
      return visit.BREAK;
    },
  });
  if (unresolved) throw new InputError(file, `not valid YAML: alias *${unresolved.source} names no anchor`, lineOf(unresolved.offset));
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof Error && /excessive alias count/i.test(error.message))) throw error;
    const line = doc.range ? lineOf(doc.range[0]) : undefined;
    throw new InputError(file, `refused: aliases expand too much (more than ${MAX_ALIAS_COUNT} expansions; a "YAML bomb"?)`, line);
  }
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
