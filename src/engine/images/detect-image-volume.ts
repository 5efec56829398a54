/** Kubernetes image volumes: `volumes: [{name, image: {reference: "repo:tag", pullPolicy?}}]` of a pod spec. */
import { isMap, isScalar, type YAMLMap } from "yaml";
import { imageStringReference } from "./detect-image-string.js";
import type { Detector, MappingContext } from "./detectors.js";
import type { FoundReference } from "./found-reference.js";
import type { YamlSource } from "./yaml-source.js";

/** The entries of a `volumes:` list that are image volumes. */
export const imageVolume = {
  /** A Kubernetes image volume: `volumes[].image.reference` of a pod spec. */
  shapes: ["image-volume"],
  level: "mapping",
  detect(source: YamlSource, volume: YAMLMap, context: MappingContext): FoundReference[] {
    const image = context.parentKey === "volumes" ? volume.get("image", true) : undefined;
    const reference = isMap(image) ? image.get("reference", true) : undefined;
    const found = isScalar(reference) ? imageStringReference(source, reference, "image-volume") : null;
    return found ? [found] : [];
  },
} as const satisfies Detector;
