/**
 * Small Markdown pieces shared by what Promenade writes on GitHub: table
 * cells that cannot break the table or inject HTML, code spans and fences
 * that hold any text, version cells.
 */
import { formatVersion } from "../plan/format-version.js";
import type { Version } from "../plan/promotion.js";

/** `text` with `&`, `<` and `>` as entities: never HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `text` safe inside a Markdown table cell: no HTML, no column break, one line. */
export function tableCell(text: string): string {
  return escapeHtml(text)
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}

/** `text` as inline code, also when it holds backticks; safe in a table cell. */
export function codeSpan(text: string): string {
  const escaped = text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const longest = Math.max(0, ...(escaped.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longest + 1);
  return longest === 0 ? `${ticks}${escaped}${ticks}` : `${ticks} ${escaped} ${ticks}`;
}

/** A Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** `text` in a fenced code block of `language`, the fence longer than any backtick run inside. */
export function fenced(text: string, language = ""): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.endsWith("\n") ? text : `${text}\n`}${fence}`;
}

/** `` `1.4.2` ``, with the digest shortened after it when there is one. */
export function versionCell(version: Version): string {
  const shown = `\`${formatVersion(version)}\``;
  return version.tag !== null && version.digest !== null ? `${shown} (\`${formatVersion({ tag: null, digest: version.digest })}\`)` : shown;
}

/** `1 file`, `2 files`. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? word : many}`;
}
