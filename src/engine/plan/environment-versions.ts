import type { Config } from "../config/schema.js";
import type { ImageReference } from "../images/reference.js";
import { compareVersions } from "./compare-versions.js";
import { imagePolicyFor } from "./image-policy.js";
import { naturalOrder } from "./natural-order.js";
import type { Version } from "./promotion.js";

/** The version an environment runs of one image, and the references it was read from. */
export interface RunningVersion extends Version {
  /** Every reference of the image in the environment, in the order given. */
  refs: ImageReference[];
  /**
   * False when the references disagree (different tags, or different
   * digests of one tag); the version is then the newest of them, and a
   * promotion aligns them all.
   */
  consistent: boolean;
}

/**
 * The version each image runs in an environment, from the environment's
 * image references (references that do not name their image are left out).
 * References agree when their tags are equal and the digests they name are
 * equal; a reference without a digest agrees with one that has it, and the
 * version then carries the digest. When they disagree, the newest by the
 * image's order (compareVersions) is taken; versions without an order are
 * ranked by their tags in natural order (`1042` after `999`), then digests,
 * so the choice never depends on the order of files.
 */
export function environmentVersions(config: Pick<Config, "images">, refs: readonly ImageReference[]): Map<string, RunningVersion> {
  const byImage = new Map<string, ImageReference[]>();
  for (const ref of refs) {
    if (ref.image === null) continue;
    const list = byImage.get(ref.image) ?? [];
    list.push(ref);
    byImage.set(ref.image, list);
  }
  const result = new Map<string, RunningVersion>();
  for (const [image, imageRefs] of byImage) {
    const policy = imagePolicyFor(config, image);
    const candidates = distinctVersions(imageRefs);
    const newest = candidates.reduce((best, next) => {
      const order = compareVersions(policy, next, best) || naturalOrder(next, best);
      return order > 0 ? next : best;
    });
    result.set(image, { tag: newest.tag, digest: newest.digest, refs: imageRefs, consistent: candidates.length === 1 });
  }
  return result;
}

/** The different versions among `refs`: one per tag, unless references of that tag name different digests. */
function distinctVersions(refs: readonly ImageReference[]): Version[] {
  const digestsByTag = new Map<string | null, Set<string>>();
  for (const { tag, digest } of refs) {
    const digests = digestsByTag.get(tag) ?? new Set<string>();
    if (digest !== null) digests.add(digest);
    digestsByTag.set(tag, digests);
  }
  return [...digestsByTag].flatMap(([tag, digests]): Version[] =>
    digests.size === 0 ? [{ tag, digest: null }] : [...digests].map((digest) => ({ tag, digest })),
  );
}
