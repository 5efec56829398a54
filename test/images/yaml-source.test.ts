import { describe, expect, it } from "vitest";
import { isMap, isScalar, type Scalar } from "yaml";
import { InputError } from "../../src/engine/errors.js";
import { findImageReferences } from "../../src/engine/images/find-references.js";
import { lineIndex, parseYamlSource, scalarText, stringValue } from "../../src/engine/images/yaml-source.js";
import { fixture } from "./line-diff.js";
import { inputError } from "./input-error.js";

/** Nine levels of nine aliases each: 9^9 (387 million) strings once expanded. */
const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map((key, i) => `${key}: &${key} [${new Array<string>(9).fill(`*${"abcdefgh"[i] ?? ""}`).join(",")}]`),
  "containers:",
  "- image: ghcr.io/acme/api:1.0",
  "",
].join("\n");

describe("parseYamlSource: invalid YAML", () => {
  it.each([
    ["a nested compact mapping", "a: 1\nb: 2\nc: d: e\n", 3],
    ["an unterminated flow sequence in a later document", "a: 1\n---\nb: 2\nc: [\n", 5],
    ["a bad indent, CRLF", "a: 1\r\nb:\r\n  - x\r\n c: d\r\n", 4],
    ["a tab as indentation", "a:\n\tb: c\n", 2],
  ])("%s: InputError with the file and line", (_label, text, line) => {
    const error = inputError(() => parseYamlSource("deploy/dev/values.yaml", text));
    expect(error.file).toBe("deploy/dev/values.yaml");
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^deploy/dev/values\\.yaml:${line}: not valid YAML: \\S`));
    // One line only: no code frame in the message.
    expect(error.message).not.toContain("\n");
  });

  it("findImageReferences reports the same error", () => {
    const error = inputError(() => findImageReferences("values.yaml", "image:\n  repository: ghcr.io/acme/api\n  tag: [1.0\n"));
    expect(error.message).toMatch(/^values\.yaml:\d+: not valid YAML/);
  });

  it("an alias without its anchor is an error at the alias's line, not a YAML bomb", () => {
    const error = inputError(() => parseYamlSource("a.yaml", "x: 1\n---\na: 1\nb: *nope\n"));
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/^a\.yaml:4: /);
    expect(error.message).toMatch(/alias/i);
    expect(error.message).not.toMatch(/bomb|expand/i);
  });
});

describe("parseYamlSource: alias bombs", () => {
  it("refuses a billion-laughs document quickly, without expanding it, at the alias that crosses the limit", () => {
    const started = performance.now();
    const error = inputError(() => parseYamlSource("bomb.yaml", BILLION_LAUGHS));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.file).toBe("bomb.yaml");
    // a..e expand to 74,718 nodes in all; f's aliases (9 × 66,430) cross 100,000.
    expect(error.line).toBe(6);
    expect(error.message).toMatch(/^bomb\.yaml:6: refused: aliases expand too much \(more than 100000 nodes/);
  });

  it("refuses it in a later document, at that alias's line", () => {
    const error = inputError(() => parseYamlSource("bomb.yaml", `a: 1\n---\n${BILLION_LAUGHS}`));
    expect(error.line).toBe(8);
  });

  it("refuses an alias inside its own anchor", () => {
    expect(inputError(() => parseYamlSource("loop.yaml", "a: &a\n  b: [*a]\n")).message).toMatch(/^loop\.yaml:2: refused: aliases expand too much/);
  });

  it("findImageReferences refuses it too", () => {
    expect(() => findImageReferences("bomb.yaml", BILLION_LAUGHS)).toThrow(InputError);
  });

  it("parses a harmless file with a few anchors, aliases and a merge key", () => {
    const source = parseYamlSource("values.yaml", fixture("helm-anchor.yaml"));
    expect(source.documents).toHaveLength(1);
    expect(source.documents[0]?.toJS()).toEqual({
      image: { registry: "docker.io", repository: "acme/logs", tag: "v1.5.2", pullPolicy: "IfNotPresent" },
      defaults: { resources: {}, nodeSelector: {} },
      gateway: { "<<": { resources: {}, nodeSelector: {} }, replicas: 2 },
      loki: { config: null, image: { registry: "docker.io", repository: "acme/logs", tag: "v1.5.2", pullPolicy: "IfNotPresent" } },
    });
  });

  it("parses a file that uses one anchor many (but not too many) times", () => {
    const text = `base: &b {cpu: 1}\nlist:\n${"- *b\n".repeat(200)}`;
    expect(parseYamlSource("many.yaml", text).documents).toHaveLength(1);
  });

  it("does not mistake a `*` in a string or comment for an alias", () => {
    const text = 'schedule: "*/5 * * * *" # every * minutes\nglob: src/**/*.ts\n';
    expect(parseYamlSource("cron.yaml", text).documents[0]?.toJS()).toEqual({ schedule: "*/5 * * * *", glob: "src/**/*.ts" });
  });
});

describe("parseYamlSource: files that parse", () => {
  it("keeps every document of a multi-document file, and an empty file has none", () => {
    expect(parseYamlSource("m.yaml", fixture("multi-doc.yaml")).documents).toHaveLength(3);
    expect(parseYamlSource("m.yaml", fixture("crlf-pods.yaml")).documents).toHaveLength(2);
    expect(parseYamlSource("e.yaml", "").documents).toHaveLength(0);
    expect(parseYamlSource("c.yaml", "# only a comment\n").documents).toHaveLength(0);
  });

  it("accepts duplicate keys (kustomize and Helm files have them; the last one wins)", () => {
    expect(parseYamlSource("d.yaml", "a: 1\na: 2\n").documents[0]?.toJS()).toEqual({ a: 2 });
  });

  it("lineOf maps offsets to 1-based lines, CRLF and a missing final newline included", () => {
    const text = "a: 1\r\nb: 2\nc: 3";
    const source = parseYamlSource("l.yaml", text);
    expect([0, 4, 5, 6, 10, 11, text.length].map((offset) => source.lineOf(offset))).toEqual([1, 1, 1, 2, 2, 3, 3]);
    expect(lineIndex("")(0)).toBe(1);
  });
});

describe("scalarText and stringValue", () => {
  const values = (text: string): Scalar[] => {
    const contents = parseYamlSource("s.yaml", text).documents[0]?.contents;
    if (!isMap(contents)) throw new Error("test bug: not a map");
    return contents.items.flatMap((pair): Scalar[] => (isScalar(pair.value) ? [pair.value] : []));
  };

  it("gives the text as written for plain scalars, the value for quoted ones, null for empty ones", () => {
    const text = 'a: 1.10\nb: 16\nc: "8.3"\nd: \'1.10\'\ne: ""\nf: null\ng: ~\nh:\ni: v1\nj: true\nk: >-\n  folded\n';
    expect(values(text).map(scalarText)).toEqual(["1.10", "16", "8.3", "1.10", null, null, null, null, "v1", "true", "folded"]);
  });

  it("names only non-empty strings", () => {
    const text = 'a: ghcr.io/acme/api\nb: " padded "\nc: ""\nd: 16\ne: true\nf: null\n';
    expect(values(text).map(stringValue)).toEqual(["ghcr.io/acme/api", "padded", null, null, null, null]);
  });
});
