/** The lines of the config file that its problems are about, for messages and check-run annotations. */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { ConfigIssue } from "../errors.js";

/**
 * `issues` with the `line` of each one's place in `text`: the line of its
 * key (or list item), or, for a key that is missing, of the nearest enclosing
 * key that is there. Issues without keys, or whose place is only the whole
 * file, get no line.
 */
export function withLines(text: string, issues: readonly ConfigIssue[]): ConfigIssue[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, merge: true });
  return issues.map((issue) => {
    const offset = issue.keys === undefined ? undefined : placeOf(document, issue.keys);
    return offset === undefined ? issue : { ...issue, line: lineCounter.linePos(offset).line };
  });
}

/** The offset of the key or item at `keys`, or of the deepest enclosing one in the document. */
function placeOf(document: Document, keys: readonly (string | number)[]): number | undefined {
  for (let depth = keys.length; depth > 0; depth--) {
    const parent = depth === 1 ? document.contents : document.getIn(keys.slice(0, depth - 1), true);
    const last = keys[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last);
      const at = (pair?.key as { range?: number[] } | undefined)?.range?.[0];
      if (at !== undefined) return at;
    } else if (isSeq(parent) && typeof last === "number") {
      const at = (parent.items[last] as { range?: number[] } | undefined)?.range?.[0];
      if (at !== undefined) return at;
    }
  }
  return undefined;
}
