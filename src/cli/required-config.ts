/** Reading `.github/promenade.yml` for the commands that cannot run without it (validate, check). */
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import type { Config } from "../engine/config/schema.js";
import { ConfigError, InputError } from "../engine/errors.js";
import type { LocalRepo } from "../local/local-repo.js";
import { type CliIo, oneLine } from "./io.js";
import { openRepo } from "./options.js";

/**
 * The repository at `--repo` (`dir`, default: the current directory) and its
 * valid config. When the config is invalid, prints each problem on its own
 * line of standard error (file, line, key path, what was expected) and
 * returns undefined: the caller exits 1. Throws UsageError or InputError
 * (exit 2) when the directory, or its config file, is missing or cannot be
 * read.
 */
export async function openConfiguredRepo(dir: string | undefined, io: CliIo): Promise<{ repo: LocalRepo; config: Config } | undefined> {
  const repo = await openRepo(dir, io.cwd);
  let config: Config | undefined;
  try {
    config = await repo.readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) {
      const where = issue.line === undefined ? error.file : `${error.file}:${issue.line}`;
      io.stderr(`promenade: ${where}: ${issue.path ? `${issue.path}: ` : ""}${oneLine(issue.message)}\n`);
    }
    return undefined;
  }
  if (config === undefined) throw new InputError(CONFIG_PATH, "not found; this repository does not use Promenade (is --repo its root?)");
  return { repo, config };
}
