import type { ImageReference } from "./reference.js";

/** Every image reference in one YAML file (SPEC section 3). Throws InputError when the file cannot be parsed. */
export function findImageReferences(_file: string, _text: string): ImageReference[] {
  throw new Error("being written");
}
