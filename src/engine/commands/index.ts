/** Slash commands: reading them from comment bodies. Pure: no GitHub, no I/O. */
export { parseCommands } from "./parse-commands.js";
export { COMMAND_FORMS, COMMAND_NAMES, commandUsage, type CommandForm } from "./usage.js";
export type { Command, CommandLine, CommandName, CommandProblem } from "./types.js";
