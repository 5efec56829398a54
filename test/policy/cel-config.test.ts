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
      "policies[1].cel: does not compile: Unexpected token: EOF (column 24)",
      "policies[2].cel: does not compile: Unknown variable: objekt (column 1)",
      "policies[3].cel: does not compile: expected a condition that is true or false, got an expression of type int",
    ]);
  });

  it("accepts an expression that compiles", () => {
    expect(configWith('  - { name: r, cel: "object.spec.replicas >= 2", message: m }\n').policies).toHaveLength(1);
  });
});
