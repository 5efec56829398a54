/**
 * Where the secret values of a parsed YAML file are: the spans of text a diff
 * must never show, each with an identity that is the same in every version of
 * the file, so that two versions can be compared value by value without
 * showing either.
 *
 * Secret values are, at any depth of any document (Helm values'
 * `extraObjects`, an OpenShift `Template`'s `objects`, a `List`'s `items`, a
 * HelmRelease's `spec.values`, an Argo CD `helm.valuesObject`...):
 * - in a Kubernetes `Secret` (see isSecret): every value under `data` and
 *   `stringData` (merge keys `<<` followed), and the
 *   `kubectl.kubernetes.io/last-applied-configuration` annotation, which
 *   repeats them;
 * - in a `SealedSecret`: every value under `spec.encryptedData`, `spec.data`
 *   and `spec.template.data`, and the same annotation;
 * - in a patch aimed at a Secret (`{patch, target: {kind: Secret}}`): the
 *   `value` of each JSON patch operation, or `data`/`stringData` of a
 *   strategic merge patch;
 * - in a SOPS-encrypted document (one with a top-level `sops` mapping): every
 *   `ENC[...]` scalar at any depth, and in the `sops` block the `mac` and
 *   every `enc` (the data key encrypted for each age, PGP, KMS... recipient);
 * - in a kustomization (`kind` absent, `Kustomization` or `Component`): the
 *   value part of each `secretGenerator[].literals[]` entry (`key=value`);
 * - in YAML (or JSON) held in a string that mentions one of those (a
 *   kustomize inline `patch: |-`, a chart's `extraDeploy` string, a
 *   last-applied annotation): the same values, found by parsing the string,
 *   hidden inside it. A string that does not parse, holds none of them,
 *   cannot be traced back to its source, or lies beyond the bounds on that
 *   work (MAX_NESTING, MAX_TEXTS) is hidden whole.
 */
import { type Document, isMap, isScalar, isSeq, type Scalar, type YAMLMap } from "yaml";
import { InputError } from "../errors.js";
import { parseYamlSource, type YamlSource } from "../images/yaml-source.js";
import { scalarSourceMap } from "./scalar-source-map.js";
import { type KeyPath, SecretCollector, type SecretValue } from "./secret-collector.js";
import { isSealedSecret, isSecret, isSecretPatch, mayHoldSecrets } from "./secret-kinds.js";
import { child, children, keyText, objectIdentity, plainString, valueSpan } from "./yaml-nodes.js";

export type { SecretValue } from "./secret-collector.js";

/** How deep strings holding YAML are read inside strings holding YAML; deeper ones are hidden whole. */
export const MAX_NESTING = 3;
/** How many strings of one file are read as YAML; the others that may hold secrets are hidden whole. */
export const MAX_TEXTS = 100;
/** How many keys of a value's path make its id; deeper values share their ancestor's path, told apart by their order. */
const MAX_ID_DEPTH = 32;

const KUSTOMIZATION_KINDS = new Set(["Kustomization", "Component"]);

/** Every secret value of `source`, in document order. */
export function findSecretValues(source: YamlSource): SecretValue[] {
  return scanSource(source, { textsLeft: MAX_TEXTS }, 0, false).values.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** What one file's scan shares with the scans of the strings it reads as YAML. */
interface Budget {
  textsLeft: number;
}

/** The secret values of a text, and how many things holding secrets were recognised in it. */
interface SecretScan {
  values: SecretValue[];
  found: number;
}

/** A node's place: its key under its parent, up to the document's id. */
interface PathLink {
  parent: PathLink | null;
  key: string | number;
  depth: number;
}

/**
 * The secret values of `source`, a file or a string's text read `nesting`
 * strings deep; `patch` when the text is a patch aimed at a Secret.
 */
function scanSource(source: YamlSource, budget: Budget, nesting: number, patch: boolean): SecretScan {
  const scanner = new SecretScanner(source, budget, nesting);
  source.documents.forEach((doc, index) => scanner.document(doc, index, patch));
  return { values: scanner.collector.values, found: scanner.found };
}

class SecretScanner {
  readonly collector: SecretCollector;
  found = 0;

  constructor(
    private readonly source: YamlSource,
    private readonly budget: Budget,
    private readonly nesting: number,
  ) {
    this.collector = new SecretCollector(source.text);
  }

  document(doc: Document.Parsed, index: number, patch: boolean): void {
    const root = doc.contents;
    const docId = (isMap(root) ? objectIdentity(doc, root) : undefined) ?? `document ${index}`;
    if (patch && isSeq(root)) this.recognise(() => this.collector.patchOperations(doc, root, docId));
    if (isMap(root)) {
      if (patch) this.recognise(() => this.collector.secretObject(doc, root, docId));
      const sops = children(doc, root, "sops").filter(isMap);
      if (sops.length > 0) this.recognise(() => this.collector.sopsDocument(doc, root, sops, docId));
      const kind = plainString(doc, child(doc, root, "kind"));
      if (kind === undefined || KUSTOMIZATION_KINDS.has(kind)) {
        for (const generators of children(doc, root, "secretGenerator")) this.recognise(() => this.collector.generatorLiterals(doc, generators, docId));
      }
    }
    this.walk(doc, { parent: null, key: docId, depth: 0 });
  }

  /**
   * Every node of the document, depth first without recursion (a deep file
   * cannot exhaust the stack), aliases not followed (their anchors are
   * visited where they stand), nodes already hidden whole skipped.
   */
  private walk(doc: Document.Parsed, root: PathLink): void {
    const stack: { node: unknown; path: PathLink }[] = [{ node: doc.contents, path: root }];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const { node, path } = next;
      if (this.collector.hidden.has(node)) continue;
      if (isMap(node)) {
        this.object(doc, node, path);
        for (let i = node.items.length - 1; i >= 0; i--) {
          const pair = node.items[i];
          const key = keyText(pair?.key) ?? i;
          stack.push({ node: pair?.value, path: link(path, key) }, { node: pair?.key, path: link(path, `key ${i}`) });
        }
      } else if (isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], path: link(path, i) });
      } else if (isScalar(node) && typeof node.value === "string" && mayHoldSecrets(node.value)) {
        this.text(node as Scalar<string>, path, false);
      }
    }
  }

  /** The secret values a mapping holds as a Secret, a SealedSecret or a patch aimed at a Secret. */
  private object(doc: Document.Parsed, node: YAMLMap, path: PathLink): void {
    const id = (): string => objectIdentity(doc, node) ?? (path.parent === null ? String(path.key) : JSON.stringify(keysOf(path)));
    if (isSecret(doc, node)) this.recognise(() => this.collector.secretObject(doc, node, id()));
    else if (isSealedSecret(doc, node)) this.recognise(() => this.collector.sealedSecret(doc, node, id()));
    if (isSecretPatch(doc, node)) {
      for (const patch of children(doc, node, "patch")) {
        if (isScalar(patch) && typeof patch.value === "string") this.text(patch as Scalar<string>, link(path, "patch"), true);
        else this.collector.value(doc, patch, [...keysOf(path), "patch"]);
      }
    }
  }

  /**
   * The secret values inside the YAML held by string `node`, as spans of the
   * file, each identified by the document and its id in the string (so that
   * a named Secret keeps its id when strings are added or moved); the whole
   * string, identified by its key path, when they cannot be found and shown
   * apart.
   */
  private text(node: Scalar<string>, path: PathLink, patch: boolean): void {
    this.found++;
    this.collector.hidden.add(node);
    const keys = keysOf(path);
    const inside = this.inside(node, patch);
    if (inside !== null) {
      for (const { id, start, end } of inside) this.collector.add([keys[0] ?? "", id], { start, end });
      return;
    }
    const whole = valueSpan(this.source.text, node);
    if (whole) this.collector.add(keys, whole);
  }

  /** The secret values of the YAML `node` holds, in the file's offsets; null when the string must be hidden whole. */
  private inside(node: Scalar<string>, patch: boolean): SecretValue[] | null {
    if (this.nesting >= MAX_NESTING || this.budget.textsLeft <= 0) return null;
    this.budget.textsLeft--;
    const map = scalarSourceMap(this.source.text, node);
    if (map === null) return null;
    let text: YamlSource;
    try {
      text = parseYamlSource(this.source.file, node.value);
    } catch (error) {
      if (error instanceof InputError) return null;
      throw error;
    }
    const scan = scanSource(text, this.budget, this.nesting + 1, patch);
    if (scan.found === 0) return null;
    return scan.values.map((value) => ({ id: value.id, ...map.span(value.start, value.end) }));
  }

  /** Runs `collect` on something recognised as holding secrets, and counts it. */
  private recognise(collect: () => void): void {
    collect();
    this.found++;
  }
}

/** The place of `key` under `path`; beyond MAX_ID_DEPTH, `path` itself. */
function link(path: PathLink, key: string | number): PathLink {
  return path.depth >= MAX_ID_DEPTH ? path : { parent: path, key, depth: path.depth + 1 };
}

/** The keys from the document's id down to `path`. */
function keysOf(path: PathLink): KeyPath {
  const keys: (string | number)[] = [];
  for (let at: PathLink | null = path; at !== null; at = at.parent) keys.push(at.key);
  return keys.reverse();
}
