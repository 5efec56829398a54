/**
 * Kustomize `images:` entries `{name, newName?, newTag?, digest?}`, in a
 * kustomization or component, and in a Flux Kustomization's `spec.images`.
 */
import { isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap } from "yaml";
import { nextVersion } from "./found-reference.js";
import type { FoundReference } from "./found-reference.js";
import { isImageName, isTag, normalizeImageName } from "./image-name.js";
import { insertKey, removeKey } from "./map-edit.js";
import { rewriteScalar } from "./scalar-edit.js";
import { allEdits, type TextEdit } from "./text-edit.js";
import { scalarText, stringValue, type YamlSource } from "./yaml-source.js";

function pairOf(map: YAMLMap, key: string): (Pair & { value: Scalar }) | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.value) ? (pair as Pair & { value: Scalar }) : undefined;
}

function entryReference(source: YamlSource, entry: YAMLMap): FoundReference | null {
  const name = stringValue(entry.get("name", true));
  if (name === null || !isImageName(name)) return null;
  const newName = stringValue(entry.get("newName", true));
  const newTag = pairOf(entry, "newTag");
  const digest = pairOf(entry, "digest");
  const current = { tag: newTag ? scalarText(newTag.value) : null, digest: digest ? scalarText(digest.value) : null };
  // A templated tag (`${TAG}`) is filled in by something else: not ours to write.
  if (current.tag !== null && !isTag(current.tag)) return null;
  const names = [normalizeImageName(newName ?? name), normalizeImageName(name)];
  const lineNode = newTag?.value ?? digest?.value ?? entry.get(newName === null ? "name" : "newName", true);
  const at = (lineNode as Scalar).range?.[0] ?? 0;
  return {
    ref: { file: source.file, line: source.lineOf(at), shape: "kustomize-images", image: names[0] ?? null, ...current },
    names: [...new Set(names)],
    anchor: at,
    edit(target) {
      const next = nextVersion(current, target);
      const edits: (TextEdit[] | null)[] = [];
      if (next.tag !== current.tag && next.tag !== null) {
        edits.push(newTag ? rewriteScalar(source, newTag.value, current.tag, next.tag) : [insertKey(source, entry, "newTag", next.tag)]);
      }
      if (next.digest !== current.digest) {
        if (next.digest === null) edits.push(digest ? removeKey(source, entry, digest) : []);
        else edits.push(digest ? rewriteScalar(source, digest.value, current.digest, next.digest) : [insertKey(source, entry, "digest", next.digest)]);
      }
      return allEdits(edits);
    },
  };
}

/** The references of a kustomize `images:` list. */
export function kustomizeImagesReferences(source: YamlSource, images: unknown): FoundReference[] {
  if (!isSeq(images)) return [];
  return images.items.flatMap((entry) => {
    const found = isMap(entry) ? entryReference(source, entry) : null;
    return found ? [found] : [];
  });
}
