import { discoverReferences } from "./discover-references.js";
import type { ImageReference } from "./reference.js";
import { parseYamlSource } from "./yaml-source.js";

/** Every image reference in one YAML file. Throws InputError when the file cannot be parsed. */
export function findImageReferences(file: string, text: string): ImageReference[] {
  return discoverReferences(parseYamlSource(file, text)).map((found) => found.ref);
}
