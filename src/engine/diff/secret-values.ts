/**
 * Where the secret values of a parsed YAML file are: the spans of text a diff
 * must never show, each with an identity that is the same in every version of
 * the file, so that two versions can be compared value by value without
 * showing either.
 *
 * Secret values are:
 * - in a Kubernetes `Secret` (a document, or an item of a `*List`): every
 *   value under `data` and `stringData` (merge keys `<<` followed), and the
 *   `kubectl.kubernetes.io/last-applied-configuration` annotation, which
 *   repeats them;
 * - in a SOPS-encrypted document (one with a top-level `sops` mapping): every
 *   `ENC[...]` scalar at any depth, and in the `sops` block the `mac` and
 *   every `enc` (the data key encrypted for each age, PGP, KMS... recipient);
 * - in a kustomization (`kind` absent, `Kustomization` or `Component`): the
 *   value part of each `secretGenerator[].literals[]` entry (`key=value`).
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from "yaml";
import type { YamlSource } from "../images/yaml-source.js";

/** One secret value: the span of text that shows it, and what identifies it across versions of the file. */
export interface SecretValue {
  /** The value's document identity and key path, e.g. `["v1/Secret/prod/db","data","password"]` as JSON. */
  id: string;
  /** The span `[start, end)` to hide: a scalar's characters (inside its quotes), a block scalar from its `|`/`>` header to its last line. */
  start: number;
  end: number;
}

type KeyPath = readonly (string | number)[];

const ENCRYPTED = /^ENC\[[\s\S]*\]$/;
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const SOPS_SECRET_KEYS = new Set(["mac", "enc"]);
const KUSTOMIZATION_KINDS = new Set(["Kustomization", "Component"]);

/** Every secret value of `source`, in document order, each span once. */
export function findSecretValues(source: YamlSource): SecretValue[] {
  const found = new SecretCollector(source.text);
  source.documents.forEach((doc, index) => {
    const root = doc.contents;
    if (!isMap(root)) return;
    const docId = objectIdentity(doc, root) ?? `document ${index}`;
    for (const secret of secretObjects(doc, root, docId)) found.secretObject(doc, secret.node, secret.id);
    const sops = children(doc, root, "sops").filter(isMap);
    if (sops.length > 0) found.sopsDocument(doc, root, sops, docId);
    const kind = plainString(doc, child(doc, root, "kind"));
    if (kind === undefined || KUSTOMIZATION_KINDS.has(kind)) {
      for (const generators of children(doc, root, "secretGenerator")) found.generatorLiterals(doc, generators, docId);
    }
  });
  return found.values;
}

/** Collects secret values, each span once, with ids made unique by an occurrence count. */
class SecretCollector {
  readonly values: SecretValue[] = [];
  private readonly spans = new Set<string>();
  private readonly ids = new Map<string, number>();

  constructor(private readonly text: string) {}

  /** The values under `data` and `stringData` of a Secret, and its last-applied annotation. */
  secretObject(doc: Document.Parsed, secret: YAMLMap, id: string): void {
    // Every occurrence of a key, not only the first: a duplicate `data:` must not show.
    for (const key of ["data", "stringData"]) for (const data of children(doc, secret, key)) this.entries(doc, data, [id, key], new Set());
    for (const metadata of children(doc, secret, "metadata")) {
      for (const annotations of children(doc, metadata, "annotations")) {
        for (const applied of children(doc, annotations, LAST_APPLIED)) this.value(doc, applied, [id, "metadata", "annotations", LAST_APPLIED]);
      }
    }
  }

  /** Every `ENC[...]` scalar of a SOPS document, and the `mac` and `enc` values of its `sops` block. */
  sopsDocument(doc: Document.Parsed, root: YAMLMap, sops: YAMLMap[], docId: string): void {
    this.encrypted(doc, root, [docId]);
    for (const block of sops) this.sopsKeys(doc, block, [docId, "sops"]);
  }

  /** The value part (after `=`) of each `secretGenerator[].literals[]` entry. */
  generatorLiterals(doc: Document.Parsed, generators: Node, docId: string): void {
    if (!isSeq(generators)) return;
    generators.items.forEach((generator, index) => {
      const name = plainString(doc, child(doc, generator, "name")) ?? index;
      const lists = children(doc, generator, "literals").filter(isSeq);
      lists.flatMap((list) => list.items).forEach((literal, position) => {
        const node = resolve(doc, literal);
        if (!isScalar(node)) return;
        const span = valueSpan(this.text, node);
        if (!span) return;
        const raw = this.text.slice(span.start, span.end);
        const equals = isBlockScalar(node) ? -1 : raw.indexOf("=");
        const key = equals === -1 ? position : raw.slice(0, equals);
        this.add([docId, "secretGenerator", name, "literals", key], equals === -1 ? span : { start: span.start + equals + 1, end: span.end });
      });
    });
  }

  /** The values of mapping `node` (through aliases and merge keys `<<`), or `node` itself when it is not a mapping. */
  private entries(doc: Document.Parsed, node: unknown, path: KeyPath, seen: Set<unknown>): void {
    const target = resolve(doc, node);
    if (target === undefined || seen.has(target)) return;
    seen.add(target);
    if (!isMap(target)) {
      this.value(doc, target, path);
      return;
    }
    target.items.forEach((pair, index) => {
      const key = keyText(pair.key) ?? index;
      if (key !== "<<") {
        this.value(doc, pair.value, [...path, key]);
        return;
      }
      const bases = resolve(doc, pair.value);
      for (const base of isSeq(bases) ? bases.items : [bases]) this.entries(doc, base, path, seen);
    });
  }

  /** Every scalar under `node` that is `ENC[...]`, aliases not followed (their anchors are visited where they stand). */
  private encrypted(doc: Document.Parsed, node: unknown, path: KeyPath): void {
    if (isScalar(node)) {
      if (typeof node.value === "string" && ENCRYPTED.test(node.value)) this.value(doc, node, path);
    } else if (isMap(node)) {
      node.items.forEach((pair, index) => this.encrypted(doc, pair.value, [...path, keyText(pair.key) ?? index]));
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => this.encrypted(doc, item, [...path, index]));
    }
  }

  /** The `mac` and `enc` values anywhere in the `sops` block. */
  private sopsKeys(doc: Document.Parsed, node: unknown, path: KeyPath): void {
    if (isMap(node)) {
      node.items.forEach((pair, index) => {
        const key = keyText(pair.key) ?? index;
        if (typeof key === "string" && SOPS_SECRET_KEYS.has(key)) this.value(doc, pair.value, [...path, key]);
        else this.sopsKeys(doc, pair.value, [...path, key]);
      });
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => this.sopsKeys(doc, item, [...path, index]));
    }
  }

  /** The value `node` (its anchor's node when it is an alias) at `path`. */
  private value(doc: Document.Parsed, node: unknown, path: KeyPath): void {
    const target = resolve(doc, node);
    const span = target === undefined ? null : valueSpan(this.text, target);
    if (span) this.add(path, span);
  }

  private add(path: KeyPath, span: { start: number; end: number }): void {
    const spanKey = `${span.start}:${span.end}`;
    if (this.spans.has(spanKey)) return;
    this.spans.add(spanKey);
    const base = JSON.stringify(path);
    const count = this.ids.get(base) ?? 0;
    this.ids.set(base, count + 1);
    this.values.push({ id: count === 0 ? base : `${base}#${count}`, ...span });
  }
}

/** The Secret objects of a document: the document itself, or the items of a `*List`. */
function secretObjects(doc: Document.Parsed, root: YAMLMap, docId: string): { node: YAMLMap; id: string }[] {
  if (isSecret(doc, root)) return [{ node: root, id: docId }];
  const kind = plainString(doc, child(doc, root, "kind"));
  const items = child(doc, root, "items");
  if (!kind?.endsWith("List") || !isSeq(items)) return [];
  return items.items.flatMap((item, index) => {
    const node = resolve(doc, item);
    if (!isMap(node) || !isSecret(doc, node)) return [];
    return [{ node, id: objectIdentity(doc, node) ?? `${docId} items ${index}` }];
  });
}

/** True when a `kind` of `node` (any, should the key be repeated) is `Secret`. */
function isSecret(doc: Document.Parsed, node: YAMLMap): boolean {
  return children(doc, node, "kind").some((kind) => plainString(doc, kind) === "Secret");
}

/** `apiVersion/kind/namespace/name` of a Kubernetes object whose kind and name are written in clear; undefined otherwise. */
function objectIdentity(doc: Document.Parsed, node: YAMLMap): string | undefined {
  const kind = plainString(doc, child(doc, node, "kind"));
  const metadata = child(doc, node, "metadata");
  const name = plainString(doc, child(doc, metadata, "name"));
  if (kind === undefined || name === undefined) return undefined;
  const apiVersion = plainString(doc, child(doc, node, "apiVersion")) ?? "";
  return `${apiVersion}/${kind}/${plainString(doc, child(doc, metadata, "namespace")) ?? ""}/${name}`;
}

/** The value under the first `key` of mapping `node` (through an alias), or undefined. */
function child(doc: Document.Parsed, node: unknown, key: string): Node | undefined {
  return children(doc, node, key)[0];
}

/** The values under every `key` of mapping `node` (through aliases): more than one when the key is repeated. */
function children(doc: Document.Parsed, node: unknown, key: string): Node[] {
  const map = resolve(doc, node);
  if (!isMap(map)) return [];
  return map.items.flatMap((pair) => {
    const value = keyText(pair.key) === key ? resolve(doc, pair.value) : undefined;
    return value === undefined ? [] : [value];
  });
}

/** The node an alias names, or `node` itself. */
function resolve(doc: Document.Parsed, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(doc) as Node | undefined;
  return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
}

/** A string scalar that is not encrypted, or undefined. */
function plainString(doc: Document.Parsed, node: unknown): string | undefined {
  const target = resolve(doc, node);
  if (!isScalar(target) || typeof target.value !== "string" || ENCRYPTED.test(target.value)) return undefined;
  return target.value;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) && key.value !== null && key.value !== undefined ? String(key.value) : undefined;
}

function isBlockScalar(node: Scalar): boolean {
  return node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
}

/**
 * The span that shows `node`'s value: inside the quotes of a quoted scalar
 * (even when empty), the whole of anything else but its final line break (so
 * the next line stays in place). Null for a value not written at all (`key:`).
 */
function valueSpan(text: string, node: Node): { start: number; end: number } | null {
  const [start, end] = node.range ?? [0, 0];
  if (isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE")) return { start: start + 1, end: end - 1 };
  if (end <= start) return null;
  const lineBreak = /\r?\n$/.exec(text.slice(start, end));
  return { start, end: end - (lineBreak?.[0].length ?? 0) };
}
