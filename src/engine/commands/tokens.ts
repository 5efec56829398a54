/**
 * Arguments of a command line: words split at whitespace, where a "double",
 * 'single' or “curly” quoted part keeps its spaces (quotes may join parts, as
 * in a shell; there are no escapes).
 */

/** One argument. */
export interface Token {
  /** The argument, quotes removed. */
  value: string;
  /** As written, quotes included. */
  raw: string;
  /** Where it starts and ends in the line. */
  start: number;
  end: number;
}

/** The closing quote of each opening quote. */
const QUOTES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ["\u201c", "\u201d"],
  ["\u2018", "\u2019"],
]);

/** The closing quote for `char` when it opens a quoted part. */
export function closingQuote(char: string | undefined): string | undefined {
  return char === undefined ? undefined : QUOTES.get(char);
}

/** The argument of `text` that starts at or after `from`; null at the end of the line; a problem for an unclosed quote or an empty argument. */
export function readToken(text: string, from: number): Token | null | { problem: string } {
  let at = from;
  while (at < text.length && /\s/.test(text.charAt(at))) at++;
  if (at >= text.length) return null;
  const start = at;
  let value = "";
  while (at < text.length && !/\s/.test(text.charAt(at))) {
    const close = closingQuote(text.charAt(at));
    if (close === undefined) {
      value += text.charAt(at);
      at++;
      continue;
    }
    const end = text.indexOf(close, at + 1);
    if (end === -1) return { problem: `unclosed quote in ${text}` };
    value += text.slice(at + 1, end);
    at = end + 1;
  }
  if (value === "") return { problem: `empty argument ${text.slice(start, at)} in ${text}` };
  return { value, raw: text.slice(start, at), start, end: at };
}

/** Every argument of `text` from `from` on, or the first problem. */
export function readTokens(text: string, from: number): Token[] | { problem: string } {
  const tokens: Token[] = [];
  let at = from;
  for (;;) {
    const token = readToken(text, at);
    if (token === null) return tokens;
    if ("problem" in token) return token;
    tokens.push(token);
    at = token.end;
  }
}

/** Whether `token` is the keyword `to` (any case, unquoted). */
export function isTo(token: Token | undefined): boolean {
  return token !== undefined && token.raw.toLowerCase() === "to";
}

/** Whether a word as written is an option (`--force`, unquoted; a lone `--` is none); no command takes one. */
export function isOption(raw: string): boolean {
  return /^--[A-Za-z]/.test(raw);
}
