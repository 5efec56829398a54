import type { Config } from "../config/schema.js";
import type { ImageReference } from "../images/reference.js";
import { environmentVersions } from "../plan/environment-versions.js";
import { sameVersion } from "../plan/same-version.js";
import type { DriftEntry } from "./review.js";

/**
 * The images that both the source environment and the target environment
 * run, at different versions, apart from `changed` (the images the pull
 * request moves): what would still differ between them once it merged.
 * Sorted by image.
 */
export function environmentDrift(
  config: Pick<Config, "images">,
  sourceRefs: readonly ImageReference[],
  targetRefs: readonly ImageReference[],
  changed: ReadonlySet<string>,
): DriftEntry[] {
  const source = environmentVersions(config, sourceRefs);
  const target = environmentVersions(config, targetRefs);
  return [...source.keys()].sort().flatMap((image): DriftEntry[] => {
    const s = source.get(image);
    const t = target.get(image);
    if (s === undefined || t === undefined || changed.has(image) || sameVersion(s, t)) return [];
    return [{ image, source: { tag: s.tag, digest: s.digest }, target: { tag: t.tag, digest: t.digest } }];
  });
}
