import { describe, expect, it } from "vitest";
import { issuesOf, withEnvironments } from "../config/config-issues.js";
import { configWith } from "./helpers.js";

describe("config validation of CEL rules", () => {
  it("rejects an expression that does not compile, at policies[i].cel", () => {
    expect(
      issuesOf(
        withEnvironments(`policies:
  - builtin: no-latest-tag
  - name: prod-replicas
    cel: "object.spec.replicas >="
    message: at least 2 replicas
  - name: typo
    cel: "objekt.spec.replicas >= 2"
    message: at least 2 replicas
  - name: not-a-condition
    cel: "object.spec.replicas + 1"
    message: at least 2 replicas
`),
      ),
    ).toEqual([
      "policies[1].cel: does not compile: a syntax error (column 24)",
      "policies[2].cel: does not compile: an unknown variable (only object, and the variable a macro names, are known) (column 1)",
      "policies[3].cel: expected a condition that is true or false, got an expression of type int",
    ]);
  });

  it("rejects an expression longer than 1000 characters, once", () => {
    const cel = `object.metadata.name != "${"x".repeat(1000)}"`;
    expect(issuesOf(withEnvironments(`policies:\n  - { name: long, cel: '${cel}', message: m }\n`))).toEqual([
      "policies[0].cel: expected an expression of at most 1000 characters",
    ]);
  });

  it("accepts an expression that compiles", () => {
    expect(configWith('  - { name: r, cel: "object.spec.replicas >= 2", message: m }\n').policies).toHaveLength(1);
  });
});
