/** What runs each slash command: one handler per kind of command (src/engine/commands/command-specs.ts), so none is left out. */
import type { Command, CommandName } from "../../engine/commands/index.js";
import type { CommandContext, CommandResult } from "./command-context.js";
import { holdCommand, unholdCommand } from "./hold-command.js";
import { promoteCommand } from "./promote-command.js";
import { checkCommand, promoteThisCommand } from "./pull-request-commands.js";
import { rollbackCommand } from "./rollback-command.js";
import { unblockCommand } from "./unblock-command.js";
import { whereCommand } from "./where-command.js";

/** The command of kind `K`. */
type CommandOf<K extends CommandName> = Extract<Command, { name: K }>;

/** A handler for every kind of command: what it did, as data the reply renders. */
type CommandHandlers = { [K in CommandName]: (context: CommandContext, command: CommandOf<K>) => Promise<CommandResult> };

const HANDLERS: CommandHandlers = {
  promote: (context, command) => promoteCommand(context, command.image, command.environment),
  "promote-this": (context) => promoteThisCommand(context),
  rollback: (context, command) => rollbackCommand(context, command.environment, command.image, command.version),
  hold: (context, command) => holdCommand(context, command.environment, command.reason),
  unhold: (context, command) => unholdCommand(context, command.environment),
  unblock: (context, command) => unblockCommand(context, command.image, command.version),
  where: (context, command) => whereCommand(context, command.image),
  check: (context) => checkCommand(context),
  help: () => Promise.resolve({ kind: "help" }),
};

/** Runs `command` with its handler. */
export function runCommand(context: CommandContext, command: Command): Promise<CommandResult> {
  return run(context, command.name, command);
}

/** `command` (of kind `name`) run by the handler of its kind. */
function run<K extends CommandName>(context: CommandContext, name: K, command: CommandOf<K>): Promise<CommandResult> {
  return HANDLERS[name](context, command);
}
