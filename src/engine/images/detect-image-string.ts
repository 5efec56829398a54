/**
 * References written as one string: `name[:tag][@digest]`, or Argo CD's
 * `name=newName:tag`; and the `image:` key of a mapping holding one.
 */
import { isScalar, type Scalar, type YAMLMap } from "yaml";
import { helmValuesReference } from "./detect-helm-values.js";
import type { Detector, MappingContext } from "./detectors.js";
import { nextVersion } from "./found-reference.js";
import type { FoundReference } from "./found-reference.js";
import { normalizeImageName, parseImage } from "./image-name.js";
import type { ReferenceShape } from "./reference.js";
import { rewriteScalar, verbatimOffset } from "./scalar-edit.js";
import type { YamlSource } from "./yaml-source.js";

/**
 * The reference held by a string scalar, or null when the string is not an
 * image. With `renames`, a leading `name=` (Argo CD kustomize images) names the
 * image being replaced.
 */
export function imageStringReference(source: YamlSource, node: Scalar, shape: ReferenceShape, renames = false): FoundReference | null {
  if (typeof node.value !== "string") return null;
  const value = node.value;
  const equals = renames ? value.indexOf("=") : -1;
  const prefix = equals === -1 ? "" : value.slice(0, equals + 1);
  const parsed = parseImage(value.slice(prefix.length));
  if (!parsed || (prefix !== "" && !parseImage(prefix.slice(0, -1)))) return null;
  const image = normalizeImageName(parsed.name);
  const names = prefix === "" ? [image] : [image, normalizeImageName(prefix.slice(0, -1))];
  // An image string has no spaces, so it stands on one line: the line where its text starts.
  const at = verbatimOffset(source, node, value) ?? node.range?.[0] ?? 0;
  return {
    ref: { file: source.file, line: source.lineOf(at), shape, image, tag: parsed.tag, digest: parsed.digest },
    names,
    anchor: node.range?.[0] ?? 0,
    edit(target) {
      const next = nextVersion(parsed, target);
      const tag = next.tag === null ? "" : `:${next.tag}`;
      const digest = next.digest === null ? "" : `@${next.digest}`;
      return rewriteScalar(source, node, value, `${prefix}${parsed.name}${tag}${digest}`);
    },
  };
}

/** Keys whose list items are containers (Kubernetes pod specs). */
const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);
/** Keys whose value is one container (Argo Workflows templates, Envoy Gateway, other operators). */
const CONTAINER_KEYS = new Set(["container", "script"]);

/** A mapping's `image: "repo:tag"` string: a container's image, or else a Helm value. */
export const imageKey = {
  shapes: [
    /** `image:` of a container (containers, initContainers, ephemeralContainers, Argo Workflows container/script). */
    "container-image",
    /** A Helm values `image: "repo:tag"` string. */
    "helm-image-string",
  ],
  level: "mapping",
  detect(source: YamlSource, map: YAMLMap, context: MappingContext): FoundReference[] {
    const image = map.get("image", true);
    // A kustomize patch `target:` selects by image; it is not a reference.
    if (!isScalar(image) || context.parentKey === "target") return [];
    // In a Helm block `{image: repo, tag}`, `image:` is the block's name, reported by helmValues.
    if (!map.has("repository") && helmValuesReference(source, map)) return [];
    const container = (context.inList ? CONTAINER_LISTS : CONTAINER_KEYS).has(context.parentKey ?? "");
    const found = imageStringReference(source, image, container ? "container-image" : "helm-image-string");
    return found ? [found] : [];
  },
} as const satisfies Detector;
