/**
 * Parsing a YAML file for discovery and editing: every document, with source
 * offsets kept, errors turned into InputError with a line, and files nested
 * too deep or aliases that would expand too much (alias bombs) refused before
 * anything recurses into them or expands them.
 */
import { type Alias, Composer, type Document, isAlias, isCollection, isMap, isScalar, isSeq, Parser, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { InputError } from "../errors.js";
import { MAX_NESTING, tooDeepAt, TOO_DEEP } from "./yaml-nesting.js";

/** How many nodes a document's aliases may expand to before it counts as an alias bomb. */
const MAX_EXPANDED_NODES = 100_000;

/** A parsed file: its text, its documents and a way from offsets to lines. */
export interface YamlSource {
  file: string;
  text: string;
  /** Each alias's `resolve()` is pinned to its anchor: constant time, where yaml's own searches the whole document on every call. */
  documents: Document.Parsed[];
  /** 1-based line of a character offset. */
  lineOf(offset: number): number;
}

/**
 * Parses every document of `text`; throws InputError (with the line) when any
 * does not parse, nests collections deeper than MAX_NESTING levels, or holds
 * an alias bomb. The depth is measured on yaml's CST, which yaml builds
 * without recursing, before the documents are composed from it, which does.
 */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineOf = lineIndex(text);
  const tokens = Array.from(new Parser().parse(text));
  const deep = tooDeepAt(tokens);
  if (deep !== undefined) throw new InputError(file, `refused: ${TOO_DEEP}`, lineOf(deep));
  const documents = Array.from(new Composer({ uniqueKeys: false }).compose(tokens));
  for (const doc of documents) {
    const error = doc.errors[0];
    if (error) throw new InputError(file, `not valid YAML: ${firstLine(error.message)}`, lineOf(error.pos[0]));
  }
  if (text.includes("*")) for (const doc of documents) new AliasCheck(file, lineOf).measure(doc.contents, 0);
  return { file, text, documents, lineOf };
}

/** What a node stands for once its aliases are expanded: how many nodes, and how many levels of collections. */
interface Expanded {
  size: number;
  depth: number;
}

/** An alias inside its own anchor: it expands forever. */
const ENDLESS: Expanded = { size: Number.POSITIVE_INFINITY, depth: Number.POSITIVE_INFINITY };

/**
 * One pass over a document, in text order, that throws InputError at the
 * first alias that names no anchor, that takes the document's expanded size
 * past MAX_EXPANDED_NODES nodes (an alias bomb, e.g. "billion laughs"), or
 * that nests it deeper than MAX_NESTING levels once expanded. Each node is
 * measured once, when the walk leaves it, and each alias takes its anchor's
 * measure, so nothing is ever expanded and the check is linear in the
 * document's size. The walk recurses only as deep as the text nests, which
 * parseYamlSource has bounded. Each alias that passes is pinned to its anchor.
 */
class AliasCheck {
  /** Each anchor's node, the latest one of its name so far (an alias names the last anchor before it). */
  private readonly anchors = new Map<string, Scalar | YAMLMap | YAMLSeq>();
  /** The measure of every anchored node the walk has left (what an alias takes). */
  private readonly measured = new Map<unknown, Expanded>();
  /** Nodes the aliases met so far expand to, together. */
  private expanded = 0;

  constructor(
    private readonly file: string,
    private readonly lineOf: (offset: number) => number,
  ) {}

  /** The measure of `node`, found `level` collections deep; anything that is not a node (a missing key or value) counts as one node. */
  measure(node: unknown, level: number): Expanded {
    if (isAlias(node)) return this.alias(node, level);
    const anchored = (isScalar(node) || isCollection(node)) && node.anchor !== undefined ? node : undefined;
    if (anchored?.anchor !== undefined) this.anchors.set(anchored.anchor, anchored);
    let size = 1;
    let deepest = 0;
    const add = (child: unknown) => {
      const inner = this.measure(child, level + 1);
      size += inner.size;
      deepest = Math.max(deepest, inner.depth);
    };
    if (isMap(node)) {
      for (const pair of node.items) {
        add(pair.key);
        add(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(add);
    const result = { size, depth: isCollection(node) ? deepest + 1 : 0 };
    if (anchored !== undefined) this.measured.set(anchored, result);
    return result;
  }

  /** The measure of `alias`'s anchor, which it stands for (an anchor still open, around the alias, expands forever). */
  private alias(alias: Alias, level: number): Expanded {
    const offset = alias.range?.[0] ?? 0;
    const target = this.anchors.get(alias.source);
    if (target === undefined) return this.refuse(`not valid YAML: alias *${alias.source} names no anchor`, offset);
    const expanded = this.measured.get(target) ?? ENDLESS;
    this.expanded += expanded.size;
    if (this.expanded > MAX_EXPANDED_NODES) this.refuse(`refused: aliases expand too much (more than ${MAX_EXPANDED_NODES} nodes; a "YAML bomb"?)`, offset);
    if (level + expanded.depth > MAX_NESTING) this.refuse(`refused: aliases nest deeper than ${MAX_NESTING} levels`, offset);
    alias.resolve = () => target;
    return expanded;
  }

  private refuse(reason: string, offset: number): never {
    throw new InputError(this.file, reason, this.lineOf(offset));
  }
}

/** The first line of a YAML error message, so that a reason is always one line. */
function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
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
