import { describe, expect, it } from "vitest";
import { celCompileError, compileCel } from "../../src/engine/policy/cel-expression.js";

describe("celCompileError", () => {
  it("accepts conditions over object", () => {
    expect(celCompileError("object.spec.replicas >= 2")).toBeNull();
    expect(celCompileError('object.metadata.name.startsWith("api-") && has(object.spec.template)')).toBeNull();
    expect(celCompileError("object.spec.template.spec.containers.all(c, has(c.resources.limits.memory))")).toBeNull();
    // A field's value may turn out true or false only when evaluated.
    expect(celCompileError("object.spec.paused")).toBeNull();
  });

  it("says why an expression does not parse, and where", () => {
    expect(celCompileError("object.spec.replicas >=")).toBe("Unexpected token: EOF (column 24)");
    expect(celCompileError("object.spec.replicas >= 2 &&\n  object.x ==")).toBe("Unexpected token: EOF (line 2, column 14)");
    expect(celCompileError("   ")).toMatch(/^Unexpected token: EOF/);
  });

  it("rejects variables other than object, and expressions that cannot type-check", () => {
    expect(celCompileError("obj.spec.replicas >= 2")).toBe("Unknown variable: obj (column 1)");
    expect(celCompileError('size(object.spec) > "a"')).toBe("no such overload: int > string (column 1)");
  });

  it("rejects an expression that is not a condition", () => {
    expect(celCompileError("1 + 2")).toBe("expected a condition that is true or false, got an expression of type int");
  });
});

describe("compileCel", () => {
  it("compares YAML integers (bigints) as CEL ints, and other numbers as doubles", () => {
    const atLeastTwo = compileCel("object.spec.replicas >= 2");
    expect(atLeastTwo({ spec: { replicas: 3n } })).toBe(true);
    expect(atLeastTwo({ spec: { replicas: 1n } })).toBe(false);
    expect(compileCel("object.ratio < 1.0")({ ratio: 0.5 })).toBe(true);
  });

  it("throws when the object lacks a field", () => {
    expect(() => compileCel("object.spec.replicas >= 2")({ kind: "Service" })).toThrow(/No such key: spec/);
  });
});
