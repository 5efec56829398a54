/**
 * Questions about the graph of environments that `from` draws. A validated
 * config has no cycles and no overlapping directories, so each answer is
 * well defined. Lists follow the order of the config file.
 */
import { isWithinDirectory, normalizeRepoPath } from "./environment-path.js";
import type { Config } from "./schema.js";

/** Environments without `from`: those that receive newly pushed image versions. */
export function rootEnvironments(config: Config): string[] {
  return Object.entries(config.environments)
    .filter(([, environment]) => environment.from === undefined)
    .map(([name]) => name);
}

/** Environments promoted from `env` (those with `from: env`). */
export function nextEnvironments(config: Config, env: string): string[] {
  return Object.entries(config.environments)
    .filter(([, environment]) => environment.from === env)
    .map(([name]) => name);
}

/**
 * The environment whose directory holds `filePath` (a path relative to the
 * repository root, such as `deploy/overlays/dev/kustomization.yaml`), or
 * undefined when the file belongs to none.
 */
export function environmentForPath(config: Config, filePath: string): string | undefined {
  const file = normalizeRepoPath(filePath);
  let found: { name: string; depth: number } | undefined;
  for (const [name, environment] of Object.entries(config.environments)) {
    const dir = normalizeRepoPath(environment.path);
    if (!isWithinDirectory(dir, file)) continue;
    const depth = dir === "." ? 0 : dir.split("/").length;
    if (found === undefined || depth > found.depth) found = { name, depth };
  }
  return found?.name;
}

/** The directory of `environment` (which the config must have), normalised like every repository path. */
export function environmentDirectory(config: Config, environment: string): string {
  const settings = config.environments[environment];
  if (settings === undefined) throw new Error(`no environment ${environment} in the config`);
  return normalizeRepoPath(settings.path);
}
