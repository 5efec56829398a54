/**
 * Walks every document of a YAML file and hands each place that can hold an
 * image reference to the detector for its shape.
 */
import { isAlias, isMap, isScalar, isSeq, type Scalar, type YAMLMap } from "yaml";
import { argoHelmParameters, argoKustomizeImages } from "./detect-argocd.js";
import { helmValuesReference } from "./detect-helm-values.js";
import { imageStringReference } from "./detect-image-string.js";
import { imageVolumeReference } from "./detect-image-volume.js";
import { kustomizeImagesReferences } from "./detect-kustomize-images.js";
import { markerReferences } from "./detect-marker.js";
import type { FoundReference } from "./found-reference.js";
import { stringValue, type YamlSource } from "./yaml-source.js";

/** Keys whose list items are containers (Kubernetes pod specs). */
const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);
/** Keys whose value is one container (Argo Workflows templates, Envoy Gateway, other operators). */
const CONTAINER_KEYS = new Set(["container", "script"]);
const KUSTOMIZATION_FILES = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

interface Context {
  /** The key this node is the value of (for list items, the key of the list). */
  parentKey: string | null;
  /** The node is a container (its `image:` is a container image). */
  container: boolean;
}

/** Every image reference of a parsed file, one per place, in file order. */
export function discoverReferences(source: YamlSource): FoundReference[] {
  const found: FoundReference[] = [];
  const scalarsByEnd = new Map<number, Scalar>();
  const visit = (node: unknown, context: Context): void => {
    if (isScalar(node) && node.range) scalarsByEnd.set(node.range[1], node);
    else if (isSeq(node)) for (const item of node.items) visit(item, { ...context, container: CONTAINER_LISTS.has(context.parentKey ?? "") });
    else if (isMap(node)) {
      found.push(...mapReferences(source, node, context));
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : null;
        if (!isAlias(pair.value)) visit(pair.value, { parentKey: key, container: CONTAINER_KEYS.has(key ?? "") && isMap(pair.value) });
      }
    }
  };
  for (const doc of source.documents) {
    if (isImageAutomation(doc.contents)) continue;
    if (isMap(doc.contents)) found.push(...documentReferences(source, doc.contents));
    visit(doc.contents, { parentKey: null, container: false });
  }
  if (source.text.includes("promenade:")) found.push(...markerReferences(source, scalarsByEnd));
  return onePerPlace(found);
}

/** References held by one mapping: a Helm block, an `image:` string, an image volume, Argo CD source fields. */
function mapReferences(source: YamlSource, map: YAMLMap, context: Context): FoundReference[] {
  const found: FoundReference[] = [];
  const helm = helmValuesReference(source, map);
  if (helm) found.push(helm);
  const image = map.get("image", true);
  // A kustomize patch `target:` selects by image; it is not a reference.
  if (isScalar(image) && context.parentKey !== "target" && !(helm && !map.has("repository"))) {
    const ref = imageStringReference(source, image, context.container ? "container-image" : "helm-image-string");
    if (ref) found.push(ref);
  }
  const volume = context.parentKey === "volumes" ? imageVolumeReference(source, map) : null;
  if (volume) found.push(volume);
  if (map.has("kustomize")) found.push(...argoKustomizeImages(source, map.get("kustomize", true)));
  if (map.has("helm")) found.push(...argoHelmParameters(source, map.get("helm", true)));
  return found;
}

/** Kustomize `images:` at the top of a kustomization or component, and in a Flux Kustomization's spec. */
function documentReferences(source: YamlSource, root: YAMLMap): FoundReference[] {
  const kind = stringValue(root.get("kind", true));
  const apiVersion = stringValue(root.get("apiVersion", true)) ?? "";
  if (kind === "Kustomization" && apiVersion.startsWith("kustomize.toolkit.fluxcd.io/")) {
    const spec = root.get("spec", true);
    return isMap(spec) ? kustomizeImagesReferences(source, spec.get("images", true)) : [];
  }
  const isKustomization =
    ((kind === "Kustomization" || kind === "Component") && apiVersion.startsWith("kustomize.config.k8s.io/")) ||
    (kind === null && KUSTOMIZATION_FILES.test(source.file));
  return isKustomization ? kustomizeImagesReferences(source, root.get("images", true)) : [];
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
