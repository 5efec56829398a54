import { nextEnvironments } from "../config/environment-graph.js";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { admitVersion } from "./admit-version.js";
import { imagePromotion } from "./build-promotion.js";
import { environmentVersions } from "./environment-versions.js";
import { groupPromotions } from "./group-promotions.js";
import { imagePolicyFor } from "./image-policy.js";
import { imageSlugs } from "./image-slug.js";
import { promotedImages, referencesOf, type EnvironmentReferences } from "./promoted-images.js";
import type { Promotion, Trigger } from "./promotion.js";
import { replacement } from "./replacement.js";

/**
 * The promotions a change to environment `changedEnv` starts (SPEC section
 * 4, "Environment changed"): for every environment T with `from:
 * changedEnv` (fan-out), each promoted image that both run, whose version in
 * `changedEnv` the config admits and that replaces T's version (replacement:
 * newer, or different without an order; never older, so T is not rolled
 * back by a rollback of its source). Ordered by target (config order), then
 * image; grouped as the config says. `envRefs` must hold `changedEnv`, its
 * targets and, when the config has no `images` list, the root environments.
 * Throws UsageError for an unknown environment and MissingEnvironmentError
 * for missing references.
 */
export function planEnvironmentChange(config: Config, envRefs: EnvironmentReferences, changedEnv: string): Promotion[] {
  if (!Object.hasOwn(config.environments, changedEnv)) {
    throw new UsageError(`unknown environment '${changedEnv}' (known: ${Object.keys(config.environments).join(", ")})`);
  }
  const targets = nextEnvironments(config, changedEnv);
  if (targets.length === 0) return [];
  const promoted = promotedImages(config, envRefs);
  const slugs = imageSlugs(promoted);
  const source = environmentVersions(config, referencesOf(envRefs, changedEnv));
  const trigger: Trigger = { kind: "environment-change", environment: changedEnv };
  const promotions = targets.flatMap((environment) => {
    const running = environmentVersions(config, referencesOf(envRefs, environment));
    return promoted.flatMap((image) => {
      const offered = source.get(image);
      const current = running.get(image);
      if (offered === undefined || current === undefined) return [];
      const policy = imagePolicyFor(config, image);
      const toVersion = admitVersion(policy, offered) === null ? replacement(policy, offered, current) : null;
      if (toVersion === null) return [];
      const slug = slugs.get(image) as string;
      return [imagePromotion({ environment, from: changedEnv, image, slug, fromVersion: current, toVersion, trigger })];
    });
  });
  return groupPromotions(config, promotions);
}
