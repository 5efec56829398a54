/**
 * Argo CD sources (Application, ApplicationSet template, image-updater
 * `.argocd-source-*.yaml`): `kustomize.images` strings and `helm.parameters`
 * that set an image tag. `helm.valuesObject` is walked as Helm values.
 */
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from "yaml";
import { imageStringReference } from "./detect-image-string.js";
import { nextVersion, splitTagDigest, versionString } from "./found-reference.js";
import type { Detector } from "./detectors.js";
import type { FoundReference } from "./found-reference.js";
import { isTag, normalizeImageName, parseImage } from "./image-name.js";
import { rewriteScalar } from "./scalar-edit.js";
import { scalarText, stringValue, type YamlSource } from "./yaml-source.js";

/** `kustomize.images: ["name=newName:tag", "name:tag"]`. */
function argoKustomizeImages(source: YamlSource, kustomize: unknown): FoundReference[] {
  const images = isMap(kustomize) ? kustomize.get("images", true) : undefined;
  if (!isSeq(images)) return [];
  return images.items.flatMap((item) => {
    const found = isScalar(item) ? imageStringReference(source, item, "argocd-kustomize-images", true) : null;
    return found ? [found] : [];
  });
}

interface Parameter {
  name: string;
  value: Scalar;
}

function parameters(helm: unknown): Parameter[] {
  const list = isMap(helm) ? helm.get("parameters", true) : undefined;
  if (!isSeq(list)) return [];
  return list.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const name = stringValue(item.get("name", true));
    const value = (item as YAMLMap).get("value", true);
    return name !== null && isScalar(value) ? [{ name, value }] : [];
  });
}

/** `helm.parameters` entries `X.tag` (with `X.repository` naming the image when present) and `X.image` holding `repo:tag`. */
function argoHelmParameters(source: YamlSource, helm: unknown): FoundReference[] {
  const params = parameters(helm);
  const byName = new Map(params.map((p) => [p.name, p]));
  return params.flatMap((param): FoundReference[] => {
    if (/(^|\.)image$/i.test(param.name)) {
      const found = imageStringReference(source, param.value, "argocd-helm-parameter");
      return found && found.ref.tag !== null ? [found] : [];
    }
    if (!/(^|\.)tag$/i.test(param.name)) return [];
    const prefix = param.name.slice(0, -3);
    const repository = stringValue(byName.get(`${prefix}repository`)?.value ?? byName.get(`${prefix}name`)?.value);
    const parsed = repository === null ? null : parseImage(repository);
    const image = parsed ? normalizeImageName(parsed.name) : null;
    const current = splitTagDigest(scalarText(param.value));
    if (current.tag !== null && !isTag(current.tag)) return [];
    const at = param.value.range?.[0] ?? 0;
    return [
      {
        ref: { file: source.file, line: source.lineOf(at), shape: "argocd-helm-parameter", image, ...current },
        names: image === null ? [] : [image],
        anchor: at,
        // Like a Helm `tag:`, the parameter carries a digest as `tag@digest`.
        edit: (target) => rewriteScalar(source, param.value, scalarText(param.value), versionString(nextVersion(current, target))),
      },
    ];
  });
}

/** The `kustomize:` and `helm:` of an Argo CD source, in any mapping. */
export const argoCdSources = {
  shapes: [
    /** An Argo CD Application's `spec.source(s).kustomize.images` string `name=newName:tag`. */
    "argocd-kustomize-images",
    /** An Argo CD Application's `spec.source(s).helm.parameters` entry naming an image tag. */
    "argocd-helm-parameter",
  ],
  level: "mapping",
  detect(source: YamlSource, map: YAMLMap): FoundReference[] {
    return [...argoKustomizeImages(source, map.get("kustomize", true)), ...argoHelmParameters(source, map.get("helm", true))];
  },
} as const satisfies Detector;
