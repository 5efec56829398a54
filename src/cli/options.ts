/** Argument parsing and the options several commands share. */
import fs from "node:fs/promises";
import path from "node:path";
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import { UsageError } from "../engine/errors.js";
import { resolveScanDir } from "../engine/repo/scan.js";
import { LocalRepo } from "../local/local-repo.js";

/** `--repo`, `--env`, `--path` and `--help`, for `util.parseArgs`. */
export const REPO_OPTION = { repo: { type: "string" } } as const;
export const SCOPE_OPTIONS = { env: { type: "string" }, path: { type: "string" } } as const;
export const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

/**
 * Runs `parse` (a strict `util.parseArgs` call) and turns its errors (unknown
 * option, missing value, unexpected argument) into a one-line UsageError.
 */
export function parseCommandLine<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) throw error;
    const sentence = ((error as Error).message.split(". ")[0] ?? "").replace(/\.$/, "");
    throw new UsageError(`${sentence.charAt(0).toLowerCase()}${sentence.slice(1)} (see 'promenade ${command} --help')`);
  }
}

/** The repository at `--repo` (default: the current directory); UsageError when it is not a directory. */
export async function openRepo(repo: string | undefined, cwd: string): Promise<LocalRepo> {
  const root = path.resolve(cwd, repo ?? ".");
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`--repo ${repo ?? "."}: no such directory`);
  return new LocalRepo(root);
}

/**
 * The directory chosen by `--env` or `--path` (`""`: the whole repository).
 * The config is read only for `--env`, the one option that needs it.
 */
export async function scanDir(repo: LocalRepo, scope: { env?: string; path?: string }): Promise<string> {
  const config = scope.env !== undefined && scope.path === undefined ? await repo.readConfig() : undefined;
  return resolveScanDir(config, scope);
}

/** True when the repository has a config file (valid or not). */
export async function hasConfigFile(repo: LocalRepo): Promise<boolean> {
  return fs.lstat(path.join(repo.root, CONFIG_PATH)).then(
    () => true,
    () => false,
  );
}

/** How a scanned directory is named in messages. */
export function describeDir(dir: string): string {
  return dir === "" ? "the repository" : dir;
}
