import type { Config } from "../config/schema.js";
import { InputError } from "../errors.js";
import { findImageReferences } from "../images/find-references.js";
import type { ImageReference } from "../images/reference.js";
import { classifyBump } from "../plan/classify-bump.js";
import { environmentVersions } from "../plan/environment-versions.js";
import type { Version } from "../plan/promotion.js";
import { sameVersion } from "../plan/same-version.js";
import type { ChangedFile, ImageVersionChange } from "./review.js";

/**
 * The image versions a pull request moves: the versions the changed files
 * name before and after (as environmentVersions reads them: the newest when
 * references disagree), for each image whose version differs, sorted by
 * image. Files that do not parse on a side count as naming nothing there
 * (their problem is reported apart).
 */
export function imageVersionChanges(config: Pick<Config, "images">, files: readonly ChangedFile[]): ImageVersionChange[] {
  const before = environmentVersions(
    config,
    files.flatMap((file) => referencesIn(file.path, file.before)),
  );
  const after = environmentVersions(
    config,
    files.flatMap((file) => referencesIn(file.path, file.after)),
  );
  const images = [...new Set([...before.keys(), ...after.keys()])].sort();
  return images.flatMap((image): ImageVersionChange[] => {
    const from = versionOf(before.get(image));
    const to = versionOf(after.get(image));
    if (from !== null && to !== null && sameVersion(from, to)) return [];
    const bump = to === null ? "removed" : from === null ? "added" : classifyBump(from, to);
    return [{ image, from, to, bump }];
  });
}

function versionOf(version: Version | undefined): Version | null {
  return version === undefined ? null : { tag: version.tag, digest: version.digest };
}

function referencesIn(file: string, text: string | null): ImageReference[] {
  if (text === null) return [];
  try {
    return findImageReferences(file, text);
  } catch (error) {
    if (error instanceof InputError) return [];
    throw error;
  }
}
