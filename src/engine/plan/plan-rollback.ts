import type { Config } from "../config/schema.js";
import { orderLists } from "./build-promotion.js";
import { classifyBump } from "./classify-bump.js";
import { compareVersions } from "./compare-versions.js";
import { formatVersion } from "./format-version.js";
import { imagePolicyFor } from "./image-policy.js";
import { shortImageName } from "./image-slug.js";
import { promotionBranch } from "./promotion-names.js";
import type { Promotion, Version } from "./promotion.js";

/** What a rollback puts back: `image` in `environment`, from the version it runs to an earlier one. */
export interface RollbackInput {
  environment: string;
  image: string;
  /** The image's branch slug (imageSlugs). */
  slug: string;
  current: Version;
  target: Version;
}

/**
 * The promotion that rolls `environment` back to `target` of `image`: its
 * own branch `promenade/<env>/rollback-<slug>` (so it never overwrites an
 * open forward promotion), titled `Roll back api to 1.4.0 in production`,
 * triggered as a rollback (the gate skips soak for it, and nothing else).
 * It records whether `target` is older than `current` (a downgrade, as
 * rollbacks are) or cannot be told to be, so that the PR body says so.
 */
export function planRollback(config: Config, input: RollbackInput): Promotion {
  const environment = config.environments[input.environment];
  const order = compareVersions(imagePolicyFor(config, input.image), input.target, input.current);
  const images = [{ image: input.image, fromVersion: input.current, toVersion: input.target, bump: classifyBump(input.current, input.target) }];
  return {
    environment: input.environment,
    ...(environment?.from === undefined ? {} : { from: environment.from }),
    images,
    branch: promotionBranch(input.environment, `rollback-${input.slug}`),
    title: `Roll back ${shortImageName(input.image)} to ${formatVersion(input.target)} in ${input.environment}`,
    trigger: { kind: "rollback" },
    ...orderLists(order !== null && order < 0 ? [input.image] : [], order === null ? [input.image] : []),
  };
}
