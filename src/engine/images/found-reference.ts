/**
 * What a detector returns for each reference it finds: the public
 * ImageReference, the names it answers to, and how to rewrite it.
 */
import type { ImageReference, ImageTarget } from "./reference.js";
import type { TextEdit } from "./text-edit.js";

export interface FoundReference {
  ref: ImageReference;
  /** Normalised names `set-image` matches this reference on (a kustomize entry answers to `name` and `newName`). */
  names: string[];
  /** Offset of the node that holds the reference's version, to keep one reference per place when detectors overlap. */
  anchor: number;
  /** The edits that make this reference run `target`; null when it cannot be edited byte-minimally. */
  edit(target: ImageTarget): TextEdit[] | null;
}

/**
 * The tag and digest a reference should carry after `set-image target`,
 * keeping its form: a reference pinned by digest gets the new digest, a
 * tag-only one stays tag-only unless `target.pinDigests` (or the target is a
 * digest alone). A new tag without a digest drops the old pin: left in place
 * it would keep running the old image (setImage reports it).
 */
export function nextVersion(current: { tag: string | null; digest: string | null }, target: ImageTarget): { tag: string | null; digest: string | null } {
  const tag = target.tag ?? current.tag;
  if (target.digest === null) return { tag, digest: target.tag === null ? current.digest : null };
  const pins = current.digest !== null || target.tag === null || target.pinDigests === true;
  return { tag, digest: pins ? target.digest : null };
}

/** `tag@digest` as one string, leaving out what is null. */
export function versionString(version: { tag: string | null; digest: string | null }): string {
  return `${version.tag ?? ""}${version.digest === null ? "" : `@${version.digest}`}`;
}

/** Splits a tag that carries a digest (`1.2.3@sha256:…`). */
export function splitTagDigest(text: string | null): { tag: string | null; digest: string | null } {
  if (text === null) return { tag: null, digest: null };
  const at = text.indexOf("@");
  if (at === -1) return { tag: text, digest: null };
  const tag = text.slice(0, at);
  return { tag: tag === "" ? null : tag, digest: text.slice(at + 1) || null };
}
