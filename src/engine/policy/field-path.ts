/**
 * Where a field is in an object, as steps that stay the same when kustomize
 * builds the object from its files: keys, and list items by their `name`
 * (containers, as a strategic merge patch matches them) or else by position.
 */
import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import { lineOfNode, type Manifest, resolveAlias } from "./manifests.js";

/** A key, a list item with that `name`, or a list item at that position. */
export type PathStep = string | { name: string } | number;

/** The field of `manifest` that starts on `line`, the outermost one; empty when the line is the object's own or holds no field. */
export function pathAtLine(manifest: Manifest, line: number): PathStep[] {
  if (line === manifest.line) return [];
  let found: PathStep[] = [];
  const visit = (node: unknown, path: PathStep[]): boolean => {
    const current = resolveAlias(manifest.document, node);
    if (isMap(current)) {
      for (const pair of (current as YAMLMap).items) {
        if (!isScalar(pair.key) || typeof pair.key.value !== "string") continue;
        const step = [...path, pair.key.value];
        if (lineOfNode(manifest, pair.key) === line) return ((found = step), true);
        if (visit(pair.value, step)) return true;
      }
    } else if (isSeq(current)) {
      for (const [index, item] of (current as YAMLSeq).items.entries()) {
        const step = [...path, itemStep(manifest, item, index)];
        if (lineOfNode(manifest, resolveAlias(manifest.document, item)) === line) return ((found = step), true);
        if (visit(item, step)) return true;
      }
    }
    return false;
  };
  visit(manifest.node, []);
  return found;
}

/** The line of the field at `path` in `manifest` (of its key, or of the list item), and whether it holds a single value; null when it is not there. */
export function lineOfPath(manifest: Manifest, path: readonly PathStep[]): { line: number; scalar: boolean } | null {
  let node: unknown = manifest.node;
  let line = manifest.line;
  for (const step of path) {
    const current = resolveAlias(manifest.document, node);
    if (typeof step === "string") {
      const pair = isMap(current) ? (current as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === step) : undefined;
      if (pair === undefined) return null;
      line = lineOfNode(manifest, pair.key);
      node = pair.value;
    } else {
      const items = isSeq(current) ? (current as YAMLSeq).items : [];
      const index = typeof step === "number" ? step : items.findIndex((item, i) => sameStep(itemStep(manifest, item, i), step));
      const item = items[index];
      if (item === undefined) return null;
      line = lineOfNode(manifest, resolveAlias(manifest.document, item));
      node = item;
    }
  }
  const value = resolveAlias(manifest.document, node);
  return { line, scalar: !isMap(value) && !isSeq(value) };
}

function itemStep(manifest: Manifest, item: unknown, index: number): PathStep {
  const node = resolveAlias(manifest.document, item);
  const name = isMap(node) ? resolveAlias(manifest.document, (node as YAMLMap).get("name", true)) : undefined;
  return isScalar(name) && typeof name.value === "string" ? { name: name.value } : index;
}

function sameStep(a: PathStep, b: PathStep): boolean {
  return typeof a === "object" && typeof b === "object" ? a.name === b.name : a === b;
}
