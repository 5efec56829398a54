/** Which environments a push or a pull request changes, and what planning their next hops must scan. */
import { environmentForPath, nextEnvironments, rootEnvironments } from "../engine/config/environment-graph.js";
import type { Config } from "../engine/config/schema.js";

/** The environments holding any of `files`, in config order. */
export function changedEnvironments(config: Config, files: readonly string[]): string[] {
  const changed = new Set(files.flatMap((file) => environmentForPath(config, file) ?? []));
  return Object.keys(config.environments).filter((env) => changed.has(env));
}

/** The changed files of each environment holding any of `files`, in config order. */
export function filesByEnvironment(config: Config, files: readonly string[]): Map<string, string[]> {
  const result = new Map<string, string[]>(Object.keys(config.environments).map((environment) => [environment, []]));
  for (const file of files) {
    const environment = environmentForPath(config, file);
    if (environment !== undefined) result.get(environment)?.push(file);
  }
  return new Map([...result].filter(([, mine]) => mine.length > 0));
}

/** Those of `environments` that other environments are promoted from, in their order. */
export function sourceEnvironments(config: Config, environments: readonly string[]): string[] {
  return environments.filter((env) => nextEnvironments(config, env).length > 0);
}

/**
 * The environments planEnvironmentChange needs for `sources`: the sources,
 * their next environments and, when the config lists no `images` (the
 * promoted images are those of the roots), the root environments; in config order.
 */
export function environmentsToScan(config: Config, sources: readonly string[]): string[] {
  const needed = new Set(sources.flatMap((source) => [source, ...nextEnvironments(config, source)]));
  if (config.images === undefined) for (const root of rootEnvironments(config)) needed.add(root);
  return Object.keys(config.environments).filter((env) => needed.has(env));
}
