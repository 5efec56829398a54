/**
 * YAML written to hurt the reader: nesting deep enough to exhaust the stack
 * (which aborts node, exit 134, when it happens inside V8's regular
 * expression compiler), and aliases by the thousand. Each is refused with its
 * reason and line, or read in time linear in its size, and the test process
 * survives. Without the depth guard the first tests here abort the runner
 * itself; that is the proof they can fail.
 */
import { describe, expect, it } from "vitest";
import { Alias, isAlias, isSeq, parseAllDocuments, visit } from "yaml";
import { readConfigYaml } from "../../src/engine/config/parse-config.js";
import { maskSecrets, unparseableNote } from "../../src/engine/diff/mask-secrets.js";
import { ConfigError } from "../../src/engine/errors.js";
import { findImageReferences } from "../../src/engine/images/find-references.js";
import { MAX_NESTING } from "../../src/engine/images/yaml-nesting.js";
import { parseYamlSource } from "../../src/engine/images/yaml-source.js";
import { readMappings } from "../../src/render-manifests/kustomization-yaml.js";
import { inputError } from "./input-error.js";

const deepFlow = (levels: number) => `a: ${"[".repeat(levels)}${"]".repeat(levels)}\n`;
const deepFlowMaps = (levels: number) => `a: ${"{a: ".repeat(levels)}1${"}".repeat(levels)}\n`;
const deepSequence = (levels: number) => `${"- ".repeat(levels)}x\n`;
const deepMapping = (levels: number) => `${Array.from({ length: levels }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} x\n`;
const deepExplicitKeys = (levels: number) => `${"? ".repeat(levels)}x\n`;

describe("parseYamlSource: collections nested too deep", () => {
  it.each([
    ["flow sequences", deepFlow(10_000), 1],
    ["flow mappings", deepFlowMaps(10_000), 1],
    ["block sequences on one line", deepSequence(10_000), 1],
    ["block mappings indented one more space each line", deepMapping(1_000), MAX_NESTING + 1],
    ["explicit keys", deepExplicitKeys(10_000), 1],
  ])("%s: refused at the line of the first collection past the bound", (_label, text, line) => {
    const error = inputError(() => parseYamlSource("deploy/dev/deep.yaml", text));
    expect(error.line).toBe(line);
    expect(error.message).toBe(`deploy/dev/deep.yaml:${line}: refused: nested deeper than ${MAX_NESTING} levels`);
  });

  it(`reads ${MAX_NESTING} levels and refuses one more, in every shape`, () => {
    for (const shape of [deepSequence, deepMapping, deepExplicitKeys]) {
      expect(parseYamlSource("edge.yaml", shape(MAX_NESTING)).documents).toHaveLength(1);
      expect(inputError(() => parseYamlSource("edge.yaml", shape(MAX_NESTING + 1))).reason).toMatch(/nested deeper/);
    }
    // `a:` is a level of its own.
    expect(parseYamlSource("edge.yaml", deepFlow(MAX_NESTING - 1)).documents).toHaveLength(1);
    expect(inputError(() => parseYamlSource("edge.yaml", deepFlow(MAX_NESTING))).reason).toMatch(/nested deeper/);
  });

  it("the reported crash: masking both versions of a deep file returns, the file kept as it is (nothing in it looks secret)", () => {
    const before = deepFlow(1_000);
    const after = deepFlow(10_000);
    expect(maskSecrets("x.yaml", before, after)).toEqual({ before, after, masked: 0 });
  });

  it("a deep file that may hold secrets is hidden whole, as any file that cannot be read", () => {
    const text = `kind: Secret\ndata:\n  a: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`;
    expect(maskSecrets("secret.yaml", null, text)).toEqual({ before: null, after: unparseableNote("secret.yaml"), masked: 1 });
  });

  it("discovery reports it as a file that cannot be read", () => {
    expect(inputError(() => findImageReferences("values.yaml", deepSequence(10_000))).reason).toBe(`refused: nested deeper than ${MAX_NESTING} levels`);
  });

  it("the config and kustomization readers refuse it too, with its line", () => {
    let thrown: unknown;
    try {
      readConfigYaml(`version: 1\nenvironments: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).issues).toEqual([{ path: "", message: `line 2: nested deeper than ${MAX_NESTING} levels` }]);
    expect(readMappings(`resources:\n${deepSequence(10_000)}`)).toEqual({ errorLine: 2 });
  });

  it("reads a real-looking Helm values file nested 22 levels deep, and finds its image", () => {
    const text = [
      "# Values for the acme platform umbrella chart, production.",
      "global:",
      "  platform:",
      "    regions:",
      "      eu-west-1:",
      "        clusters:",
      "          primary:",
      "            tenants:",
      "              payments:",
      "                services:",
      "                  checkout:",
      "                    deployments:",
      "                      api:",
      "                        pod:",
      "                          containers:",
      "                            app:",
      "                              sidecars:",
      "                                proxy:",
      "                                  image:",
      "                                    repository: ghcr.io/acme/mesh-proxy",
      '                                    tag: "1.31.2" # promoted by Promenade',
      "                                  env:",
      "                                    - name: UPSTREAM",
      "                                      valueFrom: {configMapKeyRef: {name: mesh, keys: [upstream]}}",
      "                                  resources:",
      "                                    limits: {cpu: 500m, memory: 256Mi}",
      "",
    ].join("\n");
    const [document] = parseYamlSource("values.yaml", text).documents;
    expect(document?.getIn(["global", "platform", "regions", "eu-west-1", "clusters", "primary", "tenants", "payments"])).toBeDefined();
    expect(findImageReferences("values.yaml", text)).toEqual([expect.objectContaining({ line: 21, image: "ghcr.io/acme/mesh-proxy", tag: "1.31.2" })]);
  });
});

describe("parseYamlSource: many aliases", () => {
  it("reads 30,000 aliases of one anchor in time linear in their number, each resolving to the anchor", () => {
    // The check used to walk the whole document for each alias: some 3 minutes for this file.
    const text = `base: &b {cpu: 1}\nlist:\n${"- *b\n".repeat(30_000)}`;
    const started = performance.now();
    const [document] = parseYamlSource("many.yaml", text).documents;
    expect(performance.now() - started).toBeLessThan(15_000);
    const list = document?.get("list");
    if (document === undefined || !isSeq(list)) throw new Error("test bug: no list");
    expect(list.items).toHaveLength(30_000);
    const base = document.get("base");
    expect(list.items.every((item) => isAlias(item) && item.resolve(document) === base)).toBe(true);
  }, 30_000);

  it("masks a Secret whose 8,000 values are aliases of one secret, in time linear in their number", () => {
    // Each alias resolved by a walk of the whole document took some 40 s here.
    const text = `kind: Secret\ndata:\n  first: &token c2VjcmV0LXRva2Vu\n${Array.from({ length: 8_000 }, (_, i) => `  copy${i}: *token\n`).join("")}`;
    const started = performance.now();
    const masked = maskSecrets("tokens.yaml", null, text);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(masked.after).not.toContain("c2VjcmV0LXRva2Vu");
    expect(masked.after).toContain("  copy7999: *token\n");
  }, 30_000);

  it("every alias resolves to the node yaml itself resolves it to: the latest anchor of its name before it", () => {
    const text = [
      "a: &x one",
      "b: *x",
      "c: &x {k: &y [1, 2], l: *y}",
      "d: [*x, *y, &x three, *x]",
      "? &k key",
      ": *k",
      "---",
      "e: &x other-document",
      "f: *x",
      "",
    ].join("\n");
    const ours = parseYamlSource("anchors.yaml", text).documents;
    const theirs = parseAllDocuments(text);
    const resolved = (documents: typeof ours, own: boolean) =>
      documents.map((document) => {
        const targets: (string | undefined)[] = [];
        visit(document, {
          Alias(_, alias) {
            const range = (own ? Alias.prototype.resolve.call(alias, document) : alias.resolve(document))?.range;
            targets.push(range ? text.slice(range[0], range[1]) : undefined);
          },
        });
        return targets;
      });
    expect(resolved(ours, false)).toEqual(resolved(theirs as typeof ours, true));
    expect(resolved(ours, false)).toEqual([["one", "[1, 2]", "{k: &y [1, 2], l: *y}", "[1, 2]", "three", "key"], ["other-document"]]);
  });

  it("refuses aliases that nest the document deeper than the bound once expanded, at the alias that does it", () => {
    // Each anchor wraps the one before in 150 levels: 36 of them stay under the expansion limit, and would
    // nest 5,400 levels deep, more than the code that walks the data can take.
    const wrap = (inner: string) => `${"[".repeat(150)}${inner}${"]".repeat(150)}`;
    const lines = ["a0: &a0 " + wrap("x"), ...Array.from({ length: 35 }, (_, i) => `a${i + 1}: &a${i + 1} ${wrap(`*a${i}`)}`)];
    const error = inputError(() => parseYamlSource("chain.yaml", `${lines.join("\n")}\n`));
    expect(error.message).toBe(`chain.yaml:2: refused: aliases nest deeper than ${MAX_NESTING} levels`);
  });

  it("reads aliases that nest within the bound once expanded", () => {
    const text = "a: &a {b: {c: 1}}\nd: &d {e: *a}\nf: {g: *d}\n";
    const [document] = parseYamlSource("shallow.yaml", text).documents;
    expect(document?.toJS()).toEqual({ a: { b: { c: 1 } }, d: { e: { b: { c: 1 } } }, f: { g: { e: { b: { c: 1 } } } } });
  });
});
