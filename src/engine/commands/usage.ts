/** The commands' usage lines and what they do, for problem messages and the `/help` reply. */
import type { CommandName } from "./types.js";

/** The usage line of each command. */
const USAGE: Record<CommandName, string> = {
  promote: "/promote <image> to <env>",
  rollback: "/rollback <env> [<image>] [to <version>]",
  hold: "/hold <env> [reason]",
  unhold: "/unhold <env>",
  where: "/where [<image>]",
  check: "/check",
  help: "/help",
};

/** Every command word, in the order help lists them. */
export const COMMAND_NAMES: readonly CommandName[] = Object.keys(USAGE) as CommandName[];

/** The usage line of `name`, e.g. "/hold <env> [reason]". */
export function commandUsage(name: CommandName): string {
  return USAGE[name];
}

/** One way to write a command, as `/help` lists it. */
export interface CommandForm {
  usage: string;
  /** Where it may be used, e.g. "a promotion PR". */
  where: string;
  /** What it does. */
  does: string;
}

/** Every form of every command, in help order. */
export const COMMAND_FORMS: readonly CommandForm[] = [
  { usage: USAGE.promote, where: "any issue or PR", does: "open or refresh the PR that promotes the image to the environment" },
  { usage: "/promote", where: "a promotion PR", does: "merge it now if its gate passes, else say what is missing" },
  { usage: USAGE.rollback, where: "anywhere", does: "open a PR that puts the previous (or named) version back; soak is skipped, approvals are not" },
  { usage: USAGE.hold, where: "anywhere", does: "stop promotions into the environment; its gate fails while it is held" },
  { usage: USAGE.unhold, where: "anywhere", does: "resume promotions into the environment" },
  { usage: USAGE.where, where: "anywhere", does: "show which version runs in which environment" },
  { usage: USAGE.check, where: "a PR", does: "re-run the policy and gate checks" },
  { usage: USAGE.help, where: "anywhere", does: "show this help" },
];
