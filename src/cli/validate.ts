/** `promenade validate`: check `.github/promenade.yml`. */
import { parseArgs } from "node:util";
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import { type CliIo, EXIT_FINDING, EXIT_OK } from "./io.js";
import { HELP_OPTION, parseCommandLine, REPO_OPTION } from "./options.js";
import { openConfiguredRepo } from "./required-config.js";
import { configValidTitle } from "../engine/markdown/config-issue.js";

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
  const opened = await openConfiguredRepo(values.repo, io);
  if (opened === undefined) return EXIT_FINDING;
  io.stdout(`${configValidTitle(opened.config)}\n`);
  return EXIT_OK;
}
