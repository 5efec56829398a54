import { describe, expect, it } from "vitest";
import { celCompileError, compileCel, MAX_CEL_LENGTH } from "../../src/engine/policy/cel-expression.js";

describe("celCompileError", () => {
  it("accepts conditions over object", () => {
    expect(celCompileError("object.spec.replicas >= 2")).toBeNull();
    expect(celCompileError('object.metadata.name.startsWith("api-") && has(object.spec.template)')).toBeNull();
    expect(celCompileError("object.spec.template.spec.containers.all(c, has(c.resources.limits.memory))")).toBeNull();
    // A field's value may turn out true or false only when evaluated.
    expect(celCompileError("object.spec.paused")).toBeNull();
  });

  it("says where an expression does not parse, without quoting it", () => {
    expect(celCompileError("object.spec.replicas >=")).toBe("does not compile: a syntax error (column 24)");
    expect(celCompileError("object.spec.replicas >= 2 &&\n  object.x ==")).toBe("does not compile: a syntax error (line 2, column 14)");
    expect(celCompileError("   ")).toMatch(/^does not compile: a syntax error/);
    expect(celCompileError('object.kind == "s3cr3t')).toBe("does not compile: a syntax error (column 16)");
  });

  it("rejects variables other than object, and expressions that cannot type-check", () => {
    expect(celCompileError("s3cr3t.spec.replicas >= 2")).toBe(
      "does not compile: an unknown variable (only object, and the variable a macro names, are known) (column 1)",
    );
    expect(celCompileError('size(object.spec) > "s3cr3t"')).toBe("does not compile: values whose types do not fit together (column 1)");
    expect(celCompileError("object.spec.containers.all(1, true)")).toMatch(/^does not compile: a macro \(all, exists, exists_one, map, filter\)/);
  });

  it("rejects an expression longer than the limit before parsing it", () => {
    expect(MAX_CEL_LENGTH).toBe(1000);
    const long = `object.kind == "${"a".repeat(MAX_CEL_LENGTH)}"`;
    expect(celCompileError(long)).toBe("expected an expression of at most 1000 characters");
    expect(celCompileError("(".repeat(MAX_CEL_LENGTH + 1))).toBe("expected an expression of at most 1000 characters");
    // Within the length, the library's own limits still hold.
    expect(celCompileError("(".repeat(MAX_CEL_LENGTH))).toMatch(/^does not compile: too large or nested too deeply/);
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
