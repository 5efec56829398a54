/**
 * The one reply Promenade writes to a comment with commands: what each
 * command line did or why it was refused, notes (the holds issue changed by
 * hand), and the help when a command was not understood. Found again by its
 * marker, so a second delivery of the same comment edits the reply instead
 * of adding one.
 */
import { plainText } from "./markdown.js";

/** The hidden marker of the reply to comment `commentId`. */
export function commandReplyMarker(commentId: number): string {
  return `<!-- promenade:reply ${commentId} -->`;
}

/** One command line and how it went. */
export interface CommandLineResult {
  /** The line as written. */
  text: string;
  ok: boolean;
  /** What was done, or why not (Markdown). */
  message: string;
}

/** The help in a reply: shown as it is (for `/help`), or folded (after a command that was not understood). */
export interface ReplyHelp {
  text: string;
  folded: boolean;
}

/**
 * The reply to comment `commentId`: each line quoted (inert: the reply
 * mentions nobody the comment did) with its outcome, then `notes` (Markdown),
 * then the help when given.
 */
export function renderCommandReply(commentId: number, results: readonly CommandLineResult[], help?: ReplyHelp, notes: readonly string[] = []): string {
  const parts = [...results.map((result) => `> ${plainText(result.text)}\n\n${outcome(result)}`), ...notes];
  if (help !== undefined) parts.push(help.folded ? `<details><summary>The commands</summary>\n\n${help.text.trim()}\n\n</details>` : help.text.trim());
  return `${commandReplyMarker(commentId)}\n${parts.join("\n\n")}\n`;
}

/** 🚀 or 😕 and the message; a message of several lines (a table) starts on its own line. */
function outcome(result: CommandLineResult): string {
  const mark = result.ok ? "🚀" : "😕";
  return result.message.includes("\n") || result.message.startsWith("|") ? `${mark}\n\n${result.message}` : `${mark} ${result.message}`;
}
