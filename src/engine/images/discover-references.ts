/**
 * Walks every document of a YAML file and runs the detectors of `DETECTORS`
 * where each looks: at a document's root, at every mapping, over the file.
 */
import { isAlias, isMap, isScalar, isSeq, type Scalar } from "yaml";
import { DETECTORS, type MappingContext } from "./detectors.js";
import type { FoundReference } from "./found-reference.js";
import { stringValue, type YamlSource } from "./yaml-source.js";

/** Every image reference of a parsed file, one per place, in file order. */
export function discoverReferences(source: YamlSource): FoundReference[] {
  const found: FoundReference[] = [];
  const scalarsByEnd = new Map<number, Scalar>();
  const visit = (node: unknown, context: MappingContext): void => {
    if (isScalar(node) && node.range) scalarsByEnd.set(node.range[1], node);
    else if (isSeq(node)) for (const item of node.items) visit(item, { parentKey: context.parentKey, inList: true });
    else if (isMap(node)) {
      for (const detector of DETECTORS) if (detector.level === "mapping") found.push(...detector.detect(source, node, context));
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : null;
        if (!isAlias(pair.value)) visit(pair.value, { parentKey: key, inList: false });
      }
    }
  };
  for (const doc of source.documents) {
    if (isImageAutomation(doc.contents)) continue;
    const root = doc.contents;
    if (isMap(root)) for (const detector of DETECTORS) if (detector.level === "document") found.push(...detector.detect(source, root));
    visit(root, { parentKey: null, inList: false });
  }
  for (const detector of DETECTORS) if (detector.level === "file") found.push(...detector.detect(source, scalarsByEnd));
  return onePerPlace(found);
}

/**
 * Flux image automation objects (ImageRepository, ImagePolicy,
 * ImageUpdateAutomation) name the repository to watch, never a version to run:
 * writing a tag into their `spec.image` would break them.
 */
function isImageAutomation(root: unknown): boolean {
  return isMap(root) && (stringValue(root.get("apiVersion", true)) ?? "").startsWith("image.toolkit.fluxcd.io/");
}

/** Keeps the first reference found at each place, in file order. */
function onePerPlace(found: FoundReference[]): FoundReference[] {
  const seen = new Set<number>();
  return found.filter((f) => !seen.has(f.anchor) && seen.add(f.anchor)).sort((a, b) => a.ref.line - b.ref.line || a.anchor - b.anchor);
}
