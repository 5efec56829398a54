/**
 * Kustomize `images:` entries `{name, newName?, newTag?, digest?}`, in a
 * kustomization or component, and in a Flux Kustomization's `spec.images`.
 * Besides the keys, the version may be written in `newTag: 1.2@sha256:…`, or
 * in `newName` (`newName: postgres:11`, `newName: repo@sha256:…`). A tag in
 * `name` (`name: postgres:11` with `digest:`) selects which images of the
 * resources the entry applies to: it is reported as the entry's tag but never
 * rewritten; a new tag goes into a `newTag:` key.
 */
import { isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap } from "yaml";
import { nextVersion, splitTagDigest } from "./found-reference.js";
import type { Detector } from "./detectors.js";
import type { FoundReference } from "./found-reference.js";
import { isTag, normalizeImageName, parseImage, type ParsedImage } from "./image-name.js";
import { insertKey, removeKey } from "./map-edit.js";
import { rewriteScalar } from "./scalar-edit.js";
import { allEdits, type TextEdit } from "./text-edit.js";
import { scalarText, stringValue, type YamlSource } from "./yaml-source.js";

function pairOf(map: YAMLMap, key: string): (Pair & { value: Scalar }) | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.value) ? (pair as Pair & { value: Scalar }) : undefined;
}

/** Where a part of the version is written: the `newTag` value, `newName`, the `digest` key, or nowhere yet. */
type Slot = "newTag" | "name" | "digest" | "none";

/** `prefix` and `value`, or nothing when `value` is null. */
function part(prefix: string, value: string | null): string {
  return value === null ? "" : `${prefix}${value}`;
}

function entryReference(source: YamlSource, entry: YAMLMap): FoundReference | null {
  const name = pairOf(entry, "name");
  const nameText = name ? stringValue(name.value) : null;
  const named = nameText === null ? null : parseImage(nameText);
  if (!name || nameText === null || named === null) return null;
  const newName = pairOf(entry, "newName");
  const newNameText = newName ? stringValue(newName.value) : null;
  // The string naming the image the entry runs; a newName that is no image reference (a template) is kept whole as the name.
  const holder = newName && newNameText !== null ? newName : name;
  const written: ParsedImage = newNameText === null ? named : (parseImage(newNameText) ?? { name: newNameText, tag: null, digest: null });
  const newTag = pairOf(entry, "newTag");
  const digest = pairOf(entry, "digest");
  const newTagText = newTag ? scalarText(newTag.value) : null;
  const inTag = splitTagDigest(newTagText);
  // A templated tag (`${TAG}`) is filled in by something else: not ours to write.
  if (inTag.tag !== null && !isTag(inTag.tag)) return null;
  const inNewName = (value: string | null) => newNameText !== null && value !== null;
  const tagSlot: Slot = newTag ? "newTag" : inNewName(written.tag) ? "name" : "none";
  const digestSlot: Slot = digest ? "digest" : inTag.digest !== null ? "newTag" : inNewName(written.digest) ? "name" : "none";
  const current = {
    tag: newTag ? inTag.tag : written.tag,
    digest: digest ? scalarText(digest.value) : (inTag.digest ?? (newNameText !== null ? written.digest : null)),
  };
  const names = [normalizeImageName(written.name), normalizeImageName(named.name)];
  const lineNode = newTag?.value ?? (written.tag !== null ? holder.value : undefined) ?? digest?.value ?? holder.value;
  const at = lineNode.range?.[0] ?? 0;
  return {
    ref: { file: source.file, line: source.lineOf(at), shape: "kustomize-images", image: names[0] ?? null, ...current },
    names: [...new Set(names)],
    anchor: at,
    edit(target) {
      const next = nextVersion(current, target);
      // A tag or digest with no place yet joins the other part in `newName`, else gets a key of its own.
      const tagTo: Slot = tagSlot === "none" && digestSlot === "name" ? "name" : tagSlot;
      const digestTo: Slot = digestSlot === "none" && next.digest !== null ? (tagSlot === "name" ? "name" : "digest") : digestSlot;
      const edits: (TextEdit[] | null)[] = [];
      if (newTag) {
        const text = `${next.tag ?? ""}${digestTo === "newTag" ? part("@", next.digest) : ""}`;
        if (text !== (newTagText ?? "")) edits.push(rewriteScalar(source, newTag.value, newTagText, text));
      } else if (tagTo === "none" && next.tag !== null && next.tag !== current.tag) {
        edits.push([insertKey(source, entry, "newTag", next.tag)]);
      }
      if (tagTo === "name" || digestTo === "name") {
        const tag = tagTo === "name" ? next.tag : written.tag;
        const text = `${written.name}${part(":", tag)}${part("@", digestTo === "name" ? next.digest : written.digest)}`;
        edits.push(rewriteScalar(source, holder.value, newNameText, text));
      }
      if (digestTo === "digest" && next.digest !== current.digest) {
        if (next.digest === null) edits.push(digest ? removeKey(source, entry, digest) : []);
        else edits.push(digest ? rewriteScalar(source, digest.value, current.digest, next.digest) : [insertKey(source, entry, "digest", next.digest)]);
      }
      return allEdits(edits);
    },
  };
}

/** The references of a kustomize `images:` list. */
function imagesReferences(source: YamlSource, images: unknown): FoundReference[] {
  if (!isSeq(images)) return [];
  return images.items.flatMap((entry) => {
    const found = isMap(entry) ? entryReference(source, entry) : null;
    return found ? [found] : [];
  });
}

const KUSTOMIZATION_FILES = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** Kustomize `images:` at the top of a kustomization or component, and in a Flux Kustomization's spec. */
export const kustomizeImages = {
  /** `kustomization.yaml` (or a Flux Kustomization's `spec.images`): `images: [{name, newName?, newTag?, digest?}]`. */
  shapes: ["kustomize-images"],
  level: "document",
  detect(source: YamlSource, root: YAMLMap): FoundReference[] {
    const kind = stringValue(root.get("kind", true));
    const apiVersion = stringValue(root.get("apiVersion", true)) ?? "";
    if (kind === "Kustomization" && apiVersion.startsWith("kustomize.toolkit.fluxcd.io/")) {
      const spec = root.get("spec", true);
      return isMap(spec) ? imagesReferences(source, spec.get("images", true)) : [];
    }
    const isKustomization =
      ((kind === "Kustomization" || kind === "Component") && apiVersion.startsWith("kustomize.config.k8s.io/")) ||
      (kind === null && KUSTOMIZATION_FILES.test(source.file));
    return isKustomization ? imagesReferences(source, root.get("images", true)) : [];
  },
} as const satisfies Detector;
