/** `requires.healthy` and `requires.healthChecks`: where they may be written, and what they must hold. */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { issuesOf } from "./config-issues.js";

/** A config whose staging environment (from dev) has `requires` written as the flow mapping `requires`. */
function withRequires(requires: string): string {
  return `environments:\n  dev: { path: deploy/dev }\n  staging: { path: deploy/staging, from: dev, requires: ${requires} }\n`;
}

describe("requires.healthy and requires.healthChecks", () => {
  it("accepts healthy alone, and with the names of the signals", () => {
    expect(parseConfig(withRequires("{ healthy: true }")).environments.staging?.requires).toMatchObject({ healthy: true });
    expect(parseConfig(withRequires('{ healthy: true, healthChecks: ["kustomization/apps", e2e-dev] }')).environments.staging?.requires).toMatchObject({
      healthy: true,
      healthChecks: ["kustomization/apps", "e2e-dev"],
    });
  });

  it("leaves healthy out when it is not written (no health requirement)", () => {
    expect(parseConfig(withRequires("{ approvals: 1 }")).environments.staging?.requires?.healthy).toBeUndefined();
  });

  it("rejects healthy on an environment without from, at its key path", () => {
    expect(issuesOf("environments:\n  dev: { path: deploy/dev, requires: { healthy: true } }\n")).toEqual([
      'environments.dev.requires.healthy: expected no healthy on an environment without "from": health is reported by the environment it is promoted from',
    ]);
  });

  it("accepts healthy: false on a root environment (it asks for nothing)", () => {
    expect(parseConfig("environments:\n  dev: { path: deploy/dev, requires: { healthy: false } }\n").environments.dev?.requires?.healthy).toBe(false);
  });

  it.each([
    ["healthChecks without healthy", '{ healthChecks: ["kustomization/apps"] }'],
    ["healthChecks with healthy: false", '{ healthy: false, healthChecks: ["kustomization/apps"] }'],
  ])("rejects %s", (_, requires) => {
    expect(issuesOf(withRequires(requires))).toEqual([
      "environments.staging.requires.healthChecks: expected healthy: true alongside healthChecks (healthChecks name the signals that requirement waits for)",
    ]);
  });

  it.each([
    ["'yes'", "environments.staging.requires.healthy: expected true or false, got text"],
    ["1", "environments.staging.requires.healthy: expected true or false, got a number"],
  ])("rejects healthy %s", (value, issue) => {
    expect(issuesOf(withRequires(`{ healthy: ${value} }`))).toEqual([issue]);
  });

  it.each([
    ["[]", "environments.staging.requires.healthChecks: expected at least one name (leave healthChecks out to use deployments)"],
    [
      "kustomization/apps",
      'environments.staging.requires.healthChecks: expected a list of commit status contexts or check run names, like ["kustomization/apps"], got text',
    ],
    ["['']", "environments.staging.requires.healthChecks[0]: expected the name of a commit status or check run"],
  ])("rejects healthChecks %s", (value, issue) => {
    expect(issuesOf(withRequires(`{ healthy: true, healthChecks: ${value} }`))).toEqual([issue]);
  });
});
