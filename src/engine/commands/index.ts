/** Slash commands: reading them from comment bodies. Pure: no GitHub, no I/O. */
export { parseCommands } from "./parse-commands.js";
export type { Command, CommandName } from "./command-specs.js";
export type { CommandLine, CommandProblem } from "./types.js";
