/** What a slash command comment says: the commands, and why a command line could not be read. */
import type { Command, CommandWord } from "./command-specs.js";

/** One command line of a comment: parsed, or why not. `line` is 1-based; `text` the line as written (trimmed). */
export type CommandLine = { ok: true; line: number; text: string; command: Command } | { ok: false; line: number; text: string; problem: CommandProblem };

/** Why a command line could not be read. */
export interface CommandProblem {
  kind: "unknown-command" | "usage";
  /** One sentence for the reply, e.g. "unknown command /promot" or "/hold needs an environment: /hold <env> [reason]". */
  message: string;
  /** The nearest command for an unknown one, when one is close. */
  suggestion?: CommandWord;
  /** The usage line of the command concerned (for an unknown command: of the suggestion), e.g. "/rollback <env> [<image>] [to <version>]". */
  usage?: string;
}
