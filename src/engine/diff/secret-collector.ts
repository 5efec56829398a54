/**
 * Collecting the secret values of one parsed YAML file, object by object:
 * the spans to hide, each once, with ids made unique by an occurrence count,
 * and the nodes already hidden whole (so a walk need not look inside them).
 */
import { type Document, isMap, isScalar, isSeq, type Node, type YAMLMap } from "yaml";
import { child, children, ENCRYPTED, isBlockScalar, keyText, plainString, resolve, valueSpan } from "./yaml-nodes.js";

/** One secret value: the span of text that shows it, and what identifies it across versions of the file. */
export interface SecretValue {
  /** The value's document identity and key path, e.g. `["v1/Secret/prod/db","data","password"]` as JSON. */
  id: string;
  /** The span `[start, end)` to hide: a scalar's characters (inside its quotes), a block scalar from its `|`/`>` header to its last line. */
  start: number;
  end: number;
}

export type KeyPath = readonly (string | number)[];

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const SOPS_SECRET_KEYS = new Set(["mac", "enc"]);

export class SecretCollector {
  readonly values: SecretValue[] = [];
  /** Nodes whose whole text is hidden. */
  readonly hidden = new Set<unknown>();
  private readonly spans = new Set<string>();
  private readonly ids = new Map<string, number>();

  constructor(private readonly text: string) {}

  /** The values under `data` and `stringData` of a Secret, and its last-applied annotation. */
  secretObject(doc: Document.Parsed, secret: YAMLMap, id: string): void {
    // Every occurrence of a key, not only the first: a duplicate `data:` must not show.
    for (const key of ["data", "stringData"]) for (const data of children(doc, secret, key)) this.entries(doc, data, [id, key], new Set());
    this.lastApplied(doc, secret, id);
  }

  /** The values of a SealedSecret's `spec.encryptedData`, `spec.data` (its older form) and `spec.template.data`, and its last-applied annotation. */
  sealedSecret(doc: Document.Parsed, sealed: YAMLMap, id: string): void {
    for (const spec of children(doc, sealed, "spec")) {
      for (const key of ["encryptedData", "data"]) for (const data of children(doc, spec, key)) this.entries(doc, data, [id, "spec", key], new Set());
      for (const template of children(doc, spec, "template")) {
        for (const data of children(doc, template, "data")) this.entries(doc, data, [id, "spec", "template", "data"], new Set());
      }
    }
    this.lastApplied(doc, sealed, id);
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
      lists
        .flatMap((list) => list.items)
        .forEach((literal, position) => {
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

  /** The `value` of each JSON patch operation (`{op, path, value}`) of a list of them. */
  patchOperations(doc: Document.Parsed, operations: Node, docId: string): void {
    if (!isSeq(operations)) return;
    operations.items.forEach((operation, index) => {
      for (const value of children(doc, operation, "value")) this.value(doc, value, [docId, index, "value"]);
    });
  }

  /** The value `node` (its anchor's node when it is an alias) at `path`. */
  value(doc: Document.Parsed, node: unknown, path: KeyPath): void {
    const target = resolve(doc, node);
    const span = target === undefined ? null : valueSpan(this.text, target);
    if (target !== undefined) this.hidden.add(target);
    if (span) this.add(path, span);
  }

  /** A span at `path`. */
  add(path: KeyPath, span: { start: number; end: number }): void {
    const spanKey = `${span.start}:${span.end}`;
    if (this.spans.has(spanKey)) return;
    this.spans.add(spanKey);
    const base = JSON.stringify(path);
    const count = this.ids.get(base) ?? 0;
    this.ids.set(base, count + 1);
    this.values.push({ id: count === 0 ? base : `${base}#${count}`, start: span.start, end: span.end });
  }

  /** The `kubectl.kubernetes.io/last-applied-configuration` annotation, which repeats the object. */
  private lastApplied(doc: Document.Parsed, object: YAMLMap, id: string): void {
    for (const metadata of children(doc, object, "metadata")) {
      for (const annotations of children(doc, metadata, "annotations")) {
        for (const applied of children(doc, annotations, LAST_APPLIED)) this.value(doc, applied, [id, "metadata", "annotations", LAST_APPLIED]);
      }
    }
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
    this.hidden.add(target);
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
}
