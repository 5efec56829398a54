import type { ImageReference, ImageTarget } from "./reference.js";

/** Result of rewriting one file. */
export interface SetImageResult {
  /** The new file text; identical to the input when nothing matched or nothing changed. */
  text: string;
  /** The references of the target image that were found in the file (before the edit). */
  matched: ImageReference[];
}

/** Rewrites every reference of `target.image` in one YAML file, byte-minimally. Throws InputError when the file cannot be parsed. */
export function setImage(_file: string, _text: string, _target: ImageTarget): SetImageResult {
  throw new Error("being written");
}
