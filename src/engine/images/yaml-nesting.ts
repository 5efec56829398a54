/**
 * Refusing YAML nested too deep to read. The `yaml` library builds its nodes
 * recursively, and so does nearly everything that walks them: a file of ten
 * thousand `[` (or `- ` on one line, or keys indented one more space each
 * line) exhausts the stack, and when that happens inside V8's regular
 * expression compiler the process aborts instead of throwing. yaml's own
 * lexer and parser keep their nesting on the heap, so the depth is measured
 * on their output (the CST), in one pass, before any node is built.
 */
import { CST, LineCounter, Parser } from "yaml";

/** How many collections (mappings, sequences, flow or block) may nest; real files stay far below (Helm values nest some 15 levels). */
export const MAX_NESTING = 200;

/** What is wrong with a file nested too deep. */
export const TOO_DEEP = `nested deeper than ${MAX_NESTING} levels`;

/**
 * The offset of the first collection (in text order) nested deeper than
 * MAX_NESTING levels among the CST `tokens` of a file, or undefined when
 * there is none. Walks with its own stack, never the call stack.
 */
export function tooDeepAt(tokens: readonly CST.Token[]): number | undefined {
  const pending: { token: CST.Token | null | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 })).reverse();
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { token, depth } = next;
    if (token?.type === "document") pending.push({ token: token.value, depth });
    else if (CST.isCollection(token)) {
      if (depth >= MAX_NESTING) return token.offset;
      for (let i = token.items.length - 1; i >= 0; i--) {
        const item = token.items[i];
        pending.push({ token: item?.value, depth: depth + 1 }, { token: item?.key, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/**
 * The 1-based line of the first collection of the YAML `text` nested deeper
 * than MAX_NESTING levels, or undefined when there is none: for code that
 * hands the text to `yaml` itself, at the cost of one more pass of yaml's
 * parser, which never recurses.
 */
export function tooDeepLine(text: string): number | undefined {
  const lines = new LineCounter();
  const offset = tooDeepAt(Array.from(new Parser(lines.addNewLine).parse(text)));
  return offset === undefined ? undefined : lines.linePos(offset).line;
}
