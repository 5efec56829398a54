import { nextEnvironments } from "../config/environment-graph.js";
import type { Config } from "../config/schema.js";
import type { BlockedVersion } from "../markdown/holds.js";
import { UsageError } from "../errors.js";
import { imagePromotion } from "./build-promotion.js";
import { environmentVersions } from "./environment-versions.js";
import { groupPromotions } from "./group-promotions.js";
import { imagePolicyFor } from "./image-policy.js";
import { imageSlugs } from "./image-slug.js";
import { offerVersion } from "./offer-version.js";
import { promotedImages, referencesOf, type EnvironmentReferences } from "./promoted-images.js";
import type { Plan, Promotion, SkippedPromotion, Trigger } from "./promotion.js";

/** What only a command asks of planning. */
export interface EnvironmentChangeOptions {
  /** The image (Docker-normalised) that may move back to an older version: `/promote <image> to <env>` names it. */
  allowOlder?: string;
  /** The blocked versions (the holds issue's): none is proposed where it is blocked, not even by `/promote`. */
  blocks?: readonly BlockedVersion[];
}

/**
 * The promotions a change to environment `changedEnv` starts: for every
 * environment T with `from:
 * changedEnv` (fan-out), each promoted image that both run, whose version in
 * `changedEnv` the config admits and that replaces T's version (offerVersion:
 * newer, or different where the order cannot be told; never older, so T is
 * not rolled back by a rollback of its source, unless the image is
 * `options.allowOlder`), and not blocked in T (`options.blocks`). Ordered by target (config order), then image;
 * grouped as the config says. Each image that one of the two references but
 * that is not promoted is skipped with why, in the same order. `envRefs` must
 * hold `changedEnv`, its targets and, when the config has no `images` list,
 * the root environments. Throws UsageError for an unknown environment and
 * MissingEnvironmentError for missing references.
 */
export function planEnvironmentChange(config: Config, envRefs: EnvironmentReferences, changedEnv: string, options: EnvironmentChangeOptions = {}): Plan {
  if (!Object.hasOwn(config.environments, changedEnv)) {
    throw new UsageError(`unknown environment '${changedEnv}' (known: ${Object.keys(config.environments).join(", ")})`);
  }
  const targets = nextEnvironments(config, changedEnv);
  if (targets.length === 0) return { promotions: [], skipped: [] };
  const promoted = promotedImages(config, envRefs);
  const slugs = imageSlugs(promoted);
  const source = environmentVersions(config, referencesOf(envRefs, changedEnv));
  const trigger: Trigger = { kind: "environment-change", environment: changedEnv };
  const promotions: Promotion[] = [];
  const skipped: SkippedPromotion[] = [];
  for (const environment of targets) {
    const running = environmentVersions(config, referencesOf(envRefs, environment));
    for (const image of promoted) {
      const offered = source.get(image);
      const current = running.get(image);
      if (offered === undefined) {
        if (current !== undefined)
          skipped.push({ environment, image, version: null, reason: "not-referenced", message: `${changedEnv} does not reference the image` });
        continue;
      }
      const policy = imagePolicyFor(config, image);
      const decision = offerVersion({
        environment,
        image,
        policy,
        version: offered,
        running: current,
        allowOlder: options.allowOlder === image,
        ...(options.blocks === undefined ? {} : { blocks: options.blocks }),
      });
      if ("skipped" in decision) skipped.push(decision.skipped);
      else
        promotions.push(
          imagePromotion({ environment, from: changedEnv, image, slug: slugs.get(image) as string, fromVersion: current ?? null, ...decision, trigger }),
        );
    }
  }
  return { promotions: groupPromotions(config, promotions), skipped };
}
