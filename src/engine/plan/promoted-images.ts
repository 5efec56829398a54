import { rootEnvironments } from "../config/environment-graph.js";
import type { Config } from "../config/schema.js";
import { normalizeImageName } from "../images/image-name.js";
import type { ImageReference } from "../images/reference.js";
import { MissingEnvironmentError } from "./errors.js";

/** Image references per environment name, as planning receives them. */
export type EnvironmentReferences = ReadonlyMap<string, readonly ImageReference[]>;

/**
 * The images Promenade promotes, Docker-normalised and sorted: those listed
 * in `images`, or, when the config has no `images`, every image referenced
 * in a root environment. An image the config does not list
 * is never promoted when the list exists. Throws MissingEnvironmentError
 * when the list is absent and `envRefs` lacks a root environment.
 */
export function promotedImages(config: Config, envRefs: EnvironmentReferences): string[] {
  const images = new Set<string>();
  if (config.images !== undefined) {
    for (const policy of config.images) images.add(normalizeImageName(policy.name));
  } else {
    for (const env of rootEnvironments(config)) {
      for (const ref of referencesOf(envRefs, env)) if (ref.image !== null) images.add(ref.image);
    }
  }
  return [...images].sort();
}

/** The references of `env` in `envRefs`; throws MissingEnvironmentError when they were not given. */
export function referencesOf(envRefs: EnvironmentReferences, env: string): readonly ImageReference[] {
  const refs = envRefs.get(env);
  if (refs === undefined) throw new MissingEnvironmentError(env);
  return refs;
}
