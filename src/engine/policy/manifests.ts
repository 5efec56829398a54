/**
 * The Kubernetes objects of a YAML file, for the policies that look at
 * objects (CEL rules, container rules): every document that is a mapping with
 * a string `apiVersion` and `kind`, with its kind, name, namespace and lines,
 * its YAML node (to find the line of any field) and its data as plain values
 * for CEL.
 *
 * Not objects: Helm values, kustomization.yaml and Kustomize components
 * (`kustomize.config.k8s.io/*`, build instructions rather than objects sent to
 * a cluster), and anything else without `apiVersion` and `kind`. A `List`
 * (`kind: List`, or any `*List` kind with `items`) is expanded: each of its
 * items is an object of its own, and the list itself is none.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type YAMLMap } from "yaml";
import type { YamlSource } from "../images/yaml-source.js";
import { plainData } from "./plain-data.js";

/** One Kubernetes object of a YAML file. */
export interface Manifest {
  file: string;
  /** 1-based line where the object starts (its first key, normally `apiVersion`). */
  line: number;
  /** 1-based line where the object ends. */
  endLine: number;
  apiVersion: string;
  kind: string;
  /** `metadata.name`, or null. */
  name: string | null;
  /** `metadata.namespace`, or null. */
  namespace: string | null;
  /**
   * `Kind/name` or `Kind/namespace/name` (the name being `metadata.generateName`
   * when there is no `metadata.name`), or `Kind` for an object without either.
   */
  label: string;
  /** The object as plain data, for CEL: mappings are objects, integers bigints (CEL `int`), other numbers numbers (CEL `double`). */
  object: Record<string, unknown>;
  /** The object's YAML node, for `fieldOf` and `lineOfNode`. */
  node: YAMLMap;
  /** The document the node belongs to, to resolve aliases. */
  document: Document.Parsed;
  /** 1-based line of a character offset of the file. */
  lineOf(offset: number): number;
}

const KUSTOMIZE_BUILD_API = "kustomize.config.k8s.io/";

/**
 * Every Kubernetes object of a parsed YAML file (`parseYamlSource`, which
 * throws InputError for a file that does not parse or whose aliases expand
 * too much), in file order.
 */
export function loadManifests(source: YamlSource): Manifest[] {
  const manifests: Manifest[] = [];
  for (const document of source.documents) collect(document.contents, document, source, manifests);
  return manifests;
}

function collect(node: unknown, document: Document.Parsed, where: { file: string; lineOf: (offset: number) => number }, into: Manifest[]): void {
  if (!isMap(node) || !node.range) return;
  const apiVersion = textOf(node.get("apiVersion", true));
  const kind = textOf(node.get("kind", true));
  if (apiVersion === null || kind === null || apiVersion.startsWith(KUSTOMIZE_BUILD_API)) return;
  const items = node.get("items", true);
  if (kind.endsWith("List") && isSeq(items)) {
    for (const item of items.items) collect(item, document, where, into);
    return;
  }
  const object = plainData(node, document) as Record<string, unknown>;
  const metadata = fieldOf(document, node, "metadata");
  const field = (key: string): string | null => (isMap(metadata) ? textOf(resolveAlias(document, metadata.get(key, true))) : null);
  const name = field("name");
  const namespace = field("namespace");
  into.push({
    file: where.file,
    line: where.lineOf(node.range[0]),
    endLine: where.lineOf(Math.max(node.range[0], node.range[1] - 1)),
    apiVersion,
    kind,
    name,
    namespace,
    label: objectLabel(kind, namespace, name ?? field("generateName")),
    object,
    node,
    document,
    lineOf: where.lineOf,
  });
}

function objectLabel(kind: string, namespace: string | null, name: string | null): string {
  if (name === null) return kind;
  return namespace === null ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

/** A non-empty string scalar's value, or null. */
function textOf(node: unknown): string | null {
  return isScalar(node) && typeof node.value === "string" && node.value !== "" ? node.value : null;
}

/**
 * The node at `keys` below `node` (a mapping of `document`), following
 * aliases; undefined when a key is missing or a step is not a mapping.
 */
export function fieldOf(document: Document.Parsed, node: unknown, ...keys: string[]): unknown {
  let current = resolveAlias(document, node);
  for (const key of keys) {
    if (!isMap(current)) return undefined;
    current = resolveAlias(document, current.get(key, true));
  }
  return current;
}

/** The node an alias stands for, or `node` itself. */
export function resolveAlias(document: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(document) : node;
}

/** 1-based line where `node` (a node of `manifest`'s file) starts, or the object's line when it has no position. */
export function lineOfNode(manifest: Manifest, node: unknown): number {
  const range = (node as { range?: unknown } | null)?.range;
  return Array.isArray(range) && typeof range[0] === "number" ? manifest.lineOf(range[0]) : manifest.line;
}
