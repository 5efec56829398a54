import { rootEnvironments } from "../config/environment-graph.js";
import type { BlockedVersion } from "../markdown/holds.js";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { normalizeImageName, parseImage } from "../images/image-name.js";
import { imagePromotion } from "./build-promotion.js";
import { environmentVersions } from "./environment-versions.js";
import { groupPromotions } from "./group-promotions.js";
import { imagePolicyFor } from "./image-policy.js";
import { imageSlugs } from "./image-slug.js";
import { offerVersion } from "./offer-version.js";
import { promotedImages, referencesOf, type EnvironmentReferences } from "./promoted-images.js";
import type { ImagePush, Plan, Promotion, SkippedPromotion, Trigger, Version } from "./promotion.js";

/**
 * The promotions a pushed image version starts: one for every root environment that references the image, when
 * the config promotes the image (promotedImages), admits the version and the
 * version replaces what runs there (offerVersion: newer, or different where
 * the order cannot be told; never older) and is not blocked there (`blocks`,
 * the holds issue's). Grouped as the config says. Every
 * root environment that gets no promotion is skipped with why, in config
 * order. `envRefs` must hold the references of every root environment.
 * Throws UsageError when the push does not name an image, a tag and
 * optionally a digest, and MissingEnvironmentError for a missing root.
 */
export function planImagePush(config: Config, envRefs: EnvironmentReferences, push: ImagePush, blocks: readonly BlockedVersion[] = []): Plan {
  const pushed = parsePush(push);
  const promoted = promotedImages(config, envRefs);
  const { image } = pushed;
  const version: Version = { tag: pushed.tag, digest: pushed.digest };
  const roots = rootEnvironments(config);
  if (config.images !== undefined && !promoted.includes(image)) {
    const message = "the config's images do not list it";
    return { promotions: [], skipped: roots.map((environment) => ({ environment, image, version, reason: "not-listed", message })) };
  }
  const policy = imagePolicyFor(config, image);
  const slug = imageSlugs(promoted).get(image) as string;
  const promotions: Promotion[] = [];
  const skipped: SkippedPromotion[] = [];
  for (const environment of roots) {
    const running = environmentVersions(config, referencesOf(envRefs, environment)).get(image);
    const decision = offerVersion({ environment, image, policy, version, running, blocks });
    if ("skipped" in decision) skipped.push(decision.skipped);
    else promotions.push(imagePromotion({ environment, image, slug, fromVersion: running ?? null, ...decision, trigger: pushed }));
  }
  return { promotions: groupPromotions(config, promotions), skipped };
}

/** The push as a trigger, with a Docker-normalised image name; UsageError when it is not `image:tag[@digest]`. */
function parsePush(push: ImagePush): Extract<Trigger, { kind: "push" }> {
  const digest = push.digest ?? null;
  const text = `${push.image}:${push.tag}${digest === null ? "" : `@${digest}`}`;
  const parsed = parseImage(text);
  if (parsed === null || parsed.tag !== push.tag) {
    throw new UsageError(`'${text}' is not an image with a tag (and optionally a digest), like ghcr.io/acme/api:1.4.2`);
  }
  return { kind: "push", image: normalizeImageName(parsed.name), tag: push.tag, digest };
}
