import { InputError } from "../errors.js";
import { discoverReferences } from "./discover-references.js";
import type { DroppedPin } from "./dropped-pin.js";
import { type FoundReference, nextVersion, versionString } from "./found-reference.js";
import { normalizeImageName, parseImage } from "./image-name.js";
import type { ImageReference, ImageTarget } from "./reference.js";
import { applyEdits, allEdits } from "./text-edit.js";
import { parseYamlSource } from "./yaml-source.js";

/** Result of rewriting one file. */
export interface SetImageResult {
  /** The new file text; identical to the input when nothing matched or nothing changed. */
  text: string;
  /** The references of the target image that were found in the file (before the edit). */
  matched: ImageReference[];
  /** The digest pin the edit drops in this file (the new version has no digest), or null. */
  droppedPin: DroppedPin | null;
}

/** The normalised name of the image `set-image` was asked for. */
function targetName(target: ImageTarget): string {
  return normalizeImageName(parseImage(target.image)?.name ?? target.image);
}

/**
 * False when `text` cannot reference `image`: every shape writes at least the
 * last path component of the name verbatim (in a name, a repository, or a
 * marker comment), so a file without it needs no parsing.
 */
export function mayReference(text: string, image: string): boolean {
  return text.includes(image.slice(image.lastIndexOf("/") + 1));
}

/**
 * Rewrites every reference of `target.image` in one YAML file, changing only
 * the characters of its tag or digest, and keeping its form (nextVersion):
 * a pin the new version cannot fill is dropped and reported. The result is parsed
 * again and checked before it is returned: a file is never given back broken
 * or half-edited. Throws InputError when a file that may hold the image
 * cannot be parsed, or a reference cannot be rewritten byte-minimally.
 */
export function setImage(file: string, text: string, target: ImageTarget): SetImageResult {
  const name = targetName(target);
  if (!mayReference(text, name)) return { text, matched: [], droppedPin: null };
  const matched = discoverReferences(parseYamlSource(file, text)).filter((found) => found.names.includes(name));
  const perReference = matched.map((found) => found.edit(target));
  const stuck = matched[perReference.indexOf(null)];
  if (stuck) {
    throw new InputError(
      file,
      `cannot write ${target.image} into this ${stuck.ref.shape} reference without changing more than its tag or digest (escaped text, or no place for a digest)`,
      stuck.ref.line,
    );
  }
  const result = applyEdits(text, allEdits(perReference) ?? []);
  if (result !== text) verify(file, result, name, target, matched);
  return { text: result, matched: matched.map((found) => found.ref), droppedPin: droppedPin(matched, target, name) };
}

function droppedPin(matched: FoundReference[], target: ImageTarget, image: string): DroppedPin | null {
  const dropped = matched.find(({ ref }) => ref.digest !== null && nextVersion(ref, target).digest === null);
  if (!dropped) return null;
  return { file: dropped.ref.file, line: dropped.ref.line, image, version: versionString(nextVersion(dropped.ref, target)) };
}

/** Checks that the rewritten file parses and that every reference of the image, in order, now carries the version nextVersion gives it. */
function verify(file: string, text: string, name: string, target: ImageTarget, before: FoundReference[]): void {
  const after = discoverReferences(parseYamlSource(file, text)).filter((found) => found.names.includes(name));
  const wrong = after.find(({ ref }, i) => {
    const expected = nextVersion(before[i]?.ref ?? ref, target);
    return ref.tag !== expected.tag || ref.digest !== expected.digest;
  });
  if (after.length !== before.length || wrong) {
    throw new InputError(
      file,
      `rewriting ${target.image} did not give the expected result${wrong ? ` at line ${wrong.ref.line}` : ""}; the file was left as it was`,
      wrong?.ref.line,
    );
  }
}
