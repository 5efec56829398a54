/**
 * Helm values image blocks at any depth: `{registry?, repository, tag,
 * digest?|sha?}`, `tag` holding `tag@digest`, and `{image: repo, tag}`.
 */
import { isScalar, type Scalar, type YAMLMap } from "yaml";
import { nextVersion, splitTagDigest, versionString } from "./found-reference.js";
import type { Detector } from "./detectors.js";
import type { FoundReference } from "./found-reference.js";
import { isImageName, isTag, normalizeImageName, parseImage } from "./image-name.js";
import { rewriteScalar } from "./scalar-edit.js";
import { allEdits, type TextEdit } from "./text-edit.js";
import { scalarText, stringValue, type YamlSource } from "./yaml-source.js";

function scalarAt(map: YAMLMap, key: string): Scalar | undefined {
  const node = map.get(key, true);
  return isScalar(node) ? node : undefined;
}

/** The image a block names, or null when it names none (empty repository: the chart's default applies). */
function blockImage(map: YAMLMap): string | null {
  const repository = stringValue(map.get("repository", true));
  if (repository !== null) {
    const registry = stringValue(map.get("registry", true));
    const name = registry === null ? repository : `${registry.replace(/\/+$/, "")}/${repository}`;
    return isImageName(name) ? name : null;
  }
  // `image: repo` with a sibling `tag:` key.
  const image = stringValue(map.get("image", true));
  const parsed = image === null ? null : parseImage(image);
  return parsed && parsed.tag === null && parsed.digest === null ? parsed.name : null;
}

/** The Helm image block held by `map`, or null when the map is not one. */
export function helmValuesReference(source: YamlSource, map: YAMLMap): FoundReference | null {
  const tagNode = scalarAt(map, "tag");
  if (!tagNode) return null;
  const name = blockImage(map);
  if (name === null) return null;
  const digestNode = scalarAt(map, "digest") ?? scalarAt(map, "sha");
  const tagText = scalarText(tagNode);
  const digestText = digestNode ? scalarText(digestNode) : null;
  const inTag = splitTagDigest(tagText);
  // A templated tag (`{{ .Values.x }}`, `${TAG}`) is filled in by something else: not ours to write.
  if (inTag.tag !== null && !isTag(inTag.tag)) return null;
  const current = { tag: inTag.tag, digest: inTag.digest ?? digestText };
  const image = normalizeImageName(name);
  return {
    ref: { file: source.file, line: source.lineOf(tagNode.range?.[0] ?? 0), shape: "helm-values", image, ...current },
    names: [image],
    anchor: tagNode.range?.[0] ?? 0,
    edit(target) {
      const next = nextVersion(current, target);
      // The digest goes into the tag string when the block has no digest key of its own, or already keeps it there.
      const digestInTag = inTag.digest !== null || digestNode === undefined;
      const edits: (TextEdit[] | null)[] = [];
      const newTag = digestInTag ? versionString(next) : (next.tag ?? "");
      if (newTag !== (tagText ?? "")) edits.push(rewriteScalar(source, tagNode, tagText, newTag));
      if (digestNode && !digestInTag && (next.digest ?? "") !== (digestText ?? "")) {
        edits.push(rewriteScalar(source, digestNode, digestText, next.digest ?? ""));
      }
      return allEdits(edits);
    },
  };
}

/** Helm values image blocks, in any mapping. */
export const helmValues = {
  /** A Helm values block `{registry?, repository, tag?, digest?}` at any depth, in a values file or a Flux HelmRelease's `spec.values`. */
  shapes: ["helm-values"],
  level: "mapping",
  detect(source: YamlSource, map: YAMLMap): FoundReference[] {
    const found = helmValuesReference(source, map);
    return found ? [found] : [];
  },
} as const satisfies Detector;
