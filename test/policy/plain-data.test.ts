import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { parseYamlSource } from "../../src/engine/images/yaml-source.js";
import { plainData } from "../../src/engine/policy/plain-data.js";

function plain(text: string): unknown {
  const [document] = parseYamlSource("x.yaml", text).documents;
  if (document === undefined) throw new Error("no document");
  return plainData(document.contents, document);
}

describe("plainData", () => {
  it("makes integers bigints (CEL ints), exactly, and leaves other numbers as numbers", () => {
    expect(plain("a: 3\nb: -7\nc: +5\nd: 0x1F\ne: 0o17\nf: 12345678901234567890\ng: !!int 4\n")).toEqual({
      a: 3n,
      b: -7n,
      c: 5n,
      d: 31n,
      e: 15n,
      f: 12345678901234567890n,
      g: 4n,
    });
    expect(plain("a: 1.0\nb: 1e3\nc: .5\nd: .inf\ne: '3'\nf: \"4\"\ng: true\nh: ~\n")).toEqual({
      a: 1,
      b: 1000,
      c: 0.5,
      d: Number.POSITIVE_INFINITY,
      e: "3",
      f: "4",
      g: true,
      h: null,
    });
  });

  it("gives the same data as the yaml library's toJS with intAsBigInt", () => {
    const text = "spec:\n  replicas: 3\n  ratio: 0.25\n  list: [1, two, 3.5, null, {x: 0x10}]\n  &a anchor: {k: 1}\n  copy: *a\n";
    const [reference] = parseAllDocuments(text, { intAsBigInt: true });
    expect(plain(text)).toEqual(reference?.toJS());
  });

  it("keeps a __proto__ key as data", () => {
    const data = plain("__proto__: { polluted: 1 }\n") as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
