/**
 * The lines of a comment body where a command may stand. A command starts a
 * line (at most three spaces before its `/`), so block quotes (`>`), list
 * items and mentions (`@promenade /promote`) never hold one, nor do indented
 * code (four spaces or a tab), fenced code (``` or ~~~, to its closing fence
 * or the end of the body) and HTML comments (`<!-- … -->`, also over several
 * lines: Promenade's own hidden markers).
 */

/** A line that starts with `/`, outside code and HTML comments. */
export interface CandidateLine {
  /** 1-based line number in the body. */
  line: number;
  /** The line as written, trimmed. */
  text: string;
  /** The line without its HTML comments, trimmed: what is parsed. */
  content: string;
}

/** A fence opening a code block; a backtick fence's info string holds no backtick. */
const OPENING_FENCE = /^[ \t]*(`{3,}(?=[^`]*$)|~{3,})/;
/** A line that only holds a fence. */
const CLOSING_FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
/** At most three spaces, then `/`: four spaces or a tab make indented code. */
const SLASH_START = /^ {0,3}\//;

/** The lines of `body` that start with `/` outside code blocks, block quotes and HTML comments, in order. CRLF and lone CR end lines too. */
export function candidateLines(body: string): CandidateLine[] {
  const candidates: CandidateLine[] = [];
  let fence: string | null = null;
  let inComment = false;
  body
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .forEach((text, index) => {
      if (fence !== null) {
        if (closesFence(text, fence)) fence = null;
        return;
      }
      const startedInComment = inComment;
      if (!startedInComment) {
        const opening = OPENING_FENCE.exec(text)?.[1];
        if (opening !== undefined) {
          fence = opening;
          return;
        }
      }
      const visible = withoutComments(text, inComment);
      inComment = visible.open;
      if (!startedInComment && SLASH_START.test(text)) candidates.push({ line: index + 1, text: text.trim(), content: visible.text.trim() });
    });
  return candidates;
}

/** Whether `line` closes a code block opened by `fence`: the same character, at least as many. */
function closesFence(line: string, fence: string): boolean {
  const closing = CLOSING_FENCE.exec(line)?.[1];
  return closing !== undefined && closing[0] === fence[0] && closing.length >= fence.length;
}

/** `line` without its HTML comments, starting inside one when `open`; `open` after: whether a comment runs on past the line. */
function withoutComments(line: string, open: boolean): { text: string; open: boolean } {
  let text = "";
  let at = 0;
  let inside = open;
  for (;;) {
    if (inside) {
      const end = line.indexOf("-->", at);
      if (end === -1) return { text, open: true };
      at = end + 3;
      inside = false;
    } else {
      const start = line.indexOf("<!--", at);
      if (start === -1) return { text: text + line.slice(at), open: false };
      text += line.slice(at, start);
      at = start + 4;
      inside = true;
    }
  }
}
