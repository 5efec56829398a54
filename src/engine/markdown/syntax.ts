/**
 * Small Markdown pieces shared by what Promenade writes on GitHub: text
 * people wrote, made inert (no mention, no reference, no markup); table
 * cells that cannot break the table or inject HTML, code spans and fences
 * that hold any text, version cells.
 */
import { formatVersion } from "../plan/format-version.js";
import type { Version } from "../plan/promotion.js";

/** `text` with `&`, `<` and `>` as entities: never HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A zero-width space, as an entity: after `@` it keeps GitHub from reading a
 * mention, after `#` an issue reference, inside `://` and `www.` a link; the
 * reader sees nothing.
 */
const UNSEEN = "&#8203;";

/**
 * `text` (a reason, a name, a tag: anything a person wrote) as inert
 * Markdown on one line, also inside a table cell: it shows as written, but
 * mentions nobody (`@acme/sre`), links no issue (`#12`), no URL or e-mail
 * address, and carries no HTML, emphasis, link, image, heading, list, quote,
 * math or strikethrough; line breaks become spaces.
 */
export function plainText(text: string): string {
  const inline = escapeHtml(text.replace(/\r\n|\r|\n/g, " "))
    .replace(/[\\`*_[\]|~$]/g, "\\$&")
    .replace(/[@#]/g, `$&${UNSEEN}`)
    .replace(/:\/\//g, `:${UNSEEN}//`)
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}${UNSEEN}.`);
  return noBlockStart(inline);
}

/** `text` that starts no list item, thematic break or heading underline when it starts a line (`1.4.2` and `-rc1` stay as they are). */
function noBlockStart(text: string): string {
  const start = /^(\s*)(\d{1,9}[.)]|[-+=])/.exec(text);
  if (start === null) return text;
  const rest = text.slice(start[0].length);
  if (!/^(\s|$)/.test(rest) && !/^[-=\s]*$/.test(text)) return text;
  const [, space = "", marker = ""] = start;
  return `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}${rest}`;
}

/** `text` as plainText, except its `` `code` `` spans, which stay code (as inert, and safe in a table cell). */
export function plainTextWithCode(text: string): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, " ");
  const spans = /(`+)(.*?[^`])\1(?!`)/g;
  let result = "";
  let from = 0;
  for (const span of oneLine.matchAll(spans)) {
    result += plainText(oneLine.slice(from, span.index)) + codeSpan((span[2] as string).trim());
    from = span.index + span[0].length;
  }
  return result + plainText(oneLine.slice(from));
}

/** `text` safe inside a Markdown table cell: plainText, its lines joined with `<br>`. */
export function tableCell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(plainText)
    .join("<br>");
}

/** `text` as inline code, also when it holds backticks; safe in a table cell. */
export function codeSpan(text: string): string {
  const escaped = text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const longest = longestBacktickRun(escaped);
  const ticks = "`".repeat(longest + 1);
  return longest === 0 ? `${ticks}${escaped}${ticks}` : `${ticks} ${escaped} ${ticks}`;
}

/** A Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** `text` in a fenced code block of `language`, the fence longer than any backtick run inside. */
export function fenced(text: string, language = ""): string {
  const longest = longestBacktickRun(text);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.endsWith("\n") ? text : `${text}\n`}${fence}`;
}

/** The length of the longest run of backticks in `text`, counted in a loop: a diff may hold more runs than a call takes arguments. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  return longest;
}

/** `` `1.4.2` ``, with the digest shortened after it when there is one. */
export function versionCell(version: Version): string {
  const shown = codeSpan(formatVersion(version));
  return version.tag !== null && version.digest !== null ? `${shown} (${codeSpan(formatVersion({ tag: null, digest: version.digest }))})` : shown;
}

/** `1 file`, `2 files`. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? word : many}`;
}
