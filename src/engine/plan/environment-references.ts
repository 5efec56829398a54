import { normalizeRepoPath } from "../config/environment-path.js";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import type { ImageReference } from "../images/reference.js";
import type { RepoReader } from "../repo/reader.js";
import { scanImageReferences } from "../repo/scan.js";

/**
 * The image references of each of `environments` (default: every
 * environment of the config, in config order), scanned under their paths
 * through `reader`: the input planning takes. Throws UsageError for an
 * environment the config does not have, and what scanImageReferences throws.
 */
export async function environmentReferences(
  reader: RepoReader,
  config: Config,
  environments: readonly string[] = Object.keys(config.environments),
): Promise<Map<string, ImageReference[]>> {
  const scans = environments.map(async (name) => {
    const environment = Object.hasOwn(config.environments, name) ? config.environments[name] : undefined;
    if (environment === undefined) throw new UsageError(`unknown environment '${name}'`);
    return [name, await scanImageReferences(reader, normalizeRepoPath(environment.path))] as const;
  });
  return new Map(await Promise.all(scans));
}
