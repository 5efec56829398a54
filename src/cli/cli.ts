/**
 * The `promenade` command line: picks the command, runs it, and turns every
 * error into an exit code and a one-line reason on standard error, here and
 * nowhere else.
 */
import { readFileSync } from "node:fs";
import { closestMatch } from "../engine/config/suggest.js";
import { ConfigError, PromenadeError, UsageError } from "../engine/errors.js";
import * as check from "./check.js";
import * as images from "./images.js";
import { type CliIo, type CommandRun, EXIT_OK, EXIT_USAGE, oneLine } from "./io.js";
import * as plan from "./plan.js";
import * as setImage from "./set-image.js";
import * as validate from "./validate.js";

interface Command {
  summary: string;
  help: string;
  run: CommandRun;
}

const COMMANDS: Record<string, Command> = {
  images: { summary: images.SUMMARY, help: images.HELP, run: images.run },
  "set-image": { summary: setImage.SUMMARY, help: setImage.HELP, run: setImage.run },
  plan: { summary: plan.SUMMARY, help: plan.HELP, run: plan.run },
  check: { summary: check.SUMMARY, help: check.HELP, run: check.run },
  validate: { summary: validate.SUMMARY, help: validate.HELP, run: validate.run },
};

const HELP = `Usage: promenade <command> [options]

Promotes container image versions through the environments of a GitOps
repository. The command line runs the engine of the Promenade GitHub App on a
local checkout, with no GitHub access.

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(11)} ${command.summary}`)
  .join("\n")}

Options:
  -h, --help    show this help; 'promenade <command> --help' for a command
  --version     print the version

Exit codes: 0 ok; 1 a finding (an invalid config, an error-severity policy
violation, no reference of an image to set); 2 bad usage or unreadable input, with a one-line reason on standard
error naming the file (and line).
`;

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.stderr(`promenade: ${oneLine(failureReason(error))}\n`);
    return EXIT_USAGE;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(HELP);
    return EXIT_USAGE;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    io.stdout(rest[0] === undefined ? HELP : findCommand(rest[0]).help);
    return EXIT_OK;
  }
  if (first === "--version") {
    io.stdout(`${version()}\n`);
    return EXIT_OK;
  }
  return findCommand(first).run(rest, io);
}

function findCommand(name: string): Command {
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command !== undefined) return command;
  if (name.startsWith("-")) throw new UsageError(`unknown option '${name}' (see 'promenade --help')`);
  const match = closestMatch(name, Object.keys(COMMANDS));
  throw new UsageError(`unknown command '${name}'${match === undefined ? "" : ` (did you mean '${match}'?)`}; see 'promenade --help'`);
}

/** The reason printed after `promenade: ` for an error a command threw. */
function failureReason(error: unknown): string {
  if (error instanceof ConfigError) {
    return `${error.file}: invalid config: ${error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")} (run 'promenade validate')`;
  }
  if (error instanceof PromenadeError) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** The version in package.json, two directories up from both src/cli/ and dist/cli/. */
function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const value = (pkg as { version?: unknown }).version;
  if (typeof value !== "string") throw new Error("package.json has no version");
  return value;
}
