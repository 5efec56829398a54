/** `promenade validate`: check `.github/promenade.yml`. */
import { parseArgs } from "node:util";
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import type { Config } from "../engine/config/schema.js";
import { ConfigError, InputError } from "../engine/errors.js";
import { type CliIo, EXIT_FINDING, EXIT_OK, oneLine } from "./io.js";
import { HELP_OPTION, openRepo, parseCommandLine, REPO_OPTION } from "./options.js";
import { configValidTitle } from "../engine/render/config-issue.js";

export const SUMMARY = `validate ${CONFIG_PATH}`;

export const HELP = `Usage: promenade validate [--repo DIR]

Validates ${CONFIG_PATH}: its YAML, every key and value, and the
environment graph. Prints "valid: N environments", or each problem with its
key path on standard error.

Options:
  --repo DIR    the repository checkout (default: the current directory)
  -h, --help    show this help

Exit codes: 0 valid; 1 invalid (each problem on standard error); 2 bad
usage, or no ${CONFIG_PATH} in the repository, or a file that cannot be read.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine("validate", () => parseArgs({ args, strict: true, options: { ...REPO_OPTION, ...HELP_OPTION } }));
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const repo = await openRepo(values.repo, io.cwd);
  let config: Config | undefined;
  try {
    config = await repo.readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) {
      const where = issue.line === undefined ? error.file : `${error.file}:${issue.line}`;
      io.stderr(`promenade: ${where}: ${issue.path ? `${issue.path}: ` : ""}${oneLine(issue.message)}\n`);
    }
    return EXIT_FINDING;
  }
  if (config === undefined) throw new InputError(CONFIG_PATH, "not found; this repository does not use Promenade (is --repo its root?)");
  io.stdout(`${configValidTitle(config)}\n`);
  return EXIT_OK;
}
