import { describe, expect, it } from "vitest";
import { deepMerge } from "../../src/engine/config/deep-merge.js";

describe("deepMerge", () => {
  it("merges mappings key by key, the own config's keys winning", () => {
    expect(
      deepMerge(
        { environments: { dev: { path: "base/dev", autoMerge: true } }, commands: { minimumPermission: "admin" } },
        { environments: { dev: { path: "deploy/dev" }, prod: { path: "deploy/prod" } } },
      ),
    ).toEqual({
      environments: { dev: { path: "deploy/dev", autoMerge: true }, prod: { path: "deploy/prod" } },
      commands: { minimumPermission: "admin" },
    });
  });

  it("replaces lists and scalars whole", () => {
    expect(deepMerge({ labels: ["a", "b"], group: "image" }, { labels: ["c"], group: "environment" })).toEqual({ labels: ["c"], group: "environment" });
  });

  it("takes the own value when either side is not a mapping", () => {
    expect(deepMerge({ a: 1 }, [1])).toEqual([1]);
    expect(deepMerge("base", { a: 1 })).toEqual({ a: 1 });
    expect(deepMerge({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
  });

  it("keeps a key named __proto__ as data, never as the prototype", () => {
    const own = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const merged = deepMerge({}, own) as Record<string, unknown>;
    expect(Object.hasOwn(merged, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
