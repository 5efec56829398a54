/** Kubernetes image volumes: `volumes: [{name, image: {reference: "repo:tag", pullPolicy?}}]` of a pod spec. */
import { isMap, isScalar, type YAMLMap } from "yaml";
import { imageStringReference } from "./detect-image-string.js";
import type { FoundReference } from "./found-reference.js";
import type { YamlSource } from "./yaml-source.js";

/** The reference of one entry of a `volumes:` list, or null when it is not an image volume. */
export function imageVolumeReference(source: YamlSource, volume: YAMLMap): FoundReference | null {
  const image = volume.get("image", true);
  const reference = isMap(image) ? image.get("reference", true) : undefined;
  return isScalar(reference) ? imageStringReference(source, reference, "image-volume") : null;
}
