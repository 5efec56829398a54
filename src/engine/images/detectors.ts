/**
 * The one contract every image-reference detector fulfils, and the list
 * discovery runs. Adding a shape is a `detect-<shape>.ts` exporting a
 * `Detector` and one line in `DETECTORS`; `ReferenceShape` derives from it.
 */
import type { Scalar, YAMLMap } from "yaml";
import { argoCdSources } from "./detect-argocd.js";
import { helmValues } from "./detect-helm-values.js";
import { imageKey } from "./detect-image-string.js";
import { imageVolume } from "./detect-image-volume.js";
import { kustomizeImages } from "./detect-kustomize-images.js";
import { marker } from "./detect-marker.js";
import type { FoundReference } from "./found-reference.js";
import type { YamlSource } from "./yaml-source.js";

/** Where a mapping sits in its document. */
export interface MappingContext {
  /** The key the mapping is the value of (for list items, the key of the list); null at a document's root. */
  parentKey: string | null;
  /** The mapping is an item of a list. */
  inList: boolean;
}

/**
 * A detector: the shapes it reports (`as const`, the only place a shape is
 * named) and where it looks.
 * - `document`: once per YAML document whose root is a mapping.
 * - `mapping`: at every mapping of every document, in document order.
 * - `file`: once per file, after the walk; `scalarsByEnd` maps the offset
 *   where a value scalar's text ends to that scalar.
 * Flux image automation documents are not walked: no detector finds anything in them.
 */
export type Detector = { readonly shapes: readonly string[] } & (
  | { readonly level: "document"; detect(source: YamlSource, root: YAMLMap): FoundReference[] }
  | { readonly level: "mapping"; detect(source: YamlSource, map: YAMLMap, context: MappingContext): FoundReference[] }
  | { readonly level: "file"; detect(source: YamlSource, scalarsByEnd: ReadonlyMap<number, Scalar>): FoundReference[] }
);

/**
 * Every detector, in the order discovery runs them at each level. Where two
 * find the same place, the first wins.
 */
export const DETECTORS = [kustomizeImages, helmValues, imageKey, imageVolume, argoCdSources, marker] as const;
