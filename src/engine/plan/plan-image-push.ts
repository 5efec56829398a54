import { rootEnvironments } from "../config/environment-graph.js";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { normalizeImageName, parseImage } from "../images/image-name.js";
import { admitVersion } from "./admit-version.js";
import { imagePromotion } from "./build-promotion.js";
import { environmentVersions } from "./environment-versions.js";
import { groupPromotions } from "./group-promotions.js";
import { imagePolicyFor } from "./image-policy.js";
import { imageSlugs } from "./image-slug.js";
import { promotedImages, referencesOf, type EnvironmentReferences } from "./promoted-images.js";
import type { ImagePush, Promotion, Trigger, Version } from "./promotion.js";
import { replacement } from "./replacement.js";

/**
 * The promotions a pushed image version starts (SPEC section 4, "Image
 * pushed"): one for every root environment that references the image, when
 * the config promotes the image (promotedImages), admits the version
 * (admitVersion) and the version replaces what runs there (replacement:
 * strictly newer, or, without an order, different). Grouped as the config
 * says. `envRefs` must hold the references of every root environment.
 * Throws UsageError when the push does not name an image, a tag and
 * optionally a digest, and MissingEnvironmentError for a missing root.
 */
export function planImagePush(config: Config, envRefs: EnvironmentReferences, push: ImagePush): Promotion[] {
  const pushed = parsePush(push);
  const promoted = promotedImages(config, envRefs);
  const { image } = pushed;
  if (!promoted.includes(image)) return [];
  const policy = imagePolicyFor(config, image);
  const version: Version = { tag: pushed.tag, digest: pushed.digest };
  if (admitVersion(policy, version) !== null) return [];
  const slug = imageSlugs(promoted).get(image) as string;
  const promotions = rootEnvironments(config).flatMap((environment) => {
    const running = environmentVersions(config, referencesOf(envRefs, environment)).get(image);
    const toVersion = running === undefined ? null : replacement(policy, version, running);
    if (running === undefined || toVersion === null) return [];
    return [imagePromotion({ environment, image, slug, fromVersion: running, toVersion, trigger: pushed })];
  });
  return groupPromotions(config, promotions);
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
