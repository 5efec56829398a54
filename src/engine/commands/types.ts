/** What a slash command comment says: the commands, and why a command line could not be read. */

/** A command, its arguments as written (names are resolved against the config by whoever runs it). */
export type Command =
  /** `/promote <image> to <env>`: open or refresh that promotion PR. */
  | { name: "promote"; image: string; environment: string }
  /** `/promote` alone, on a promotion PR: merge it now if the gate passes. */
  | { name: "promote-this" }
  /** `/rollback <env> [<image>] [to <version>]`: null where left out. */
  | { name: "rollback"; environment: string; image: string | null; version: string | null }
  /** `/hold <env> [reason]`: the reason is the rest of the line, outer quotes removed; null when absent. */
  | { name: "hold"; environment: string; reason: string | null }
  | { name: "unhold"; environment: string }
  | { name: "where"; image: string | null }
  | { name: "check" }
  | { name: "help" };

/** The command words, as typed after `/` (in any case). */
export type CommandName = "promote" | "rollback" | "hold" | "unhold" | "where" | "check" | "help";

/** One command line of a comment: parsed, or why not. `line` is 1-based; `text` the line as written (trimmed). */
export type CommandLine = { ok: true; line: number; text: string; command: Command } | { ok: false; line: number; text: string; problem: CommandProblem };

/** Why a command line could not be read. */
export interface CommandProblem {
  kind: "unknown-command" | "usage";
  /** One sentence for the reply, e.g. "unknown command /promot" or "/hold needs an environment: /hold <env> [reason]". */
  message: string;
  /** The nearest command for an unknown one, when one is close. */
  suggestion?: CommandName;
  /** The usage line of the command concerned (for an unknown command: of the suggestion), e.g. "/rollback <env> [<image>] [to <version>]". */
  usage?: string;
}
