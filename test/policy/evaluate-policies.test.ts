import { describe, expect, it } from "vitest";
import { ConfigError, InputError, UsageError } from "../../src/engine/errors.js";
import { evaluatePolicies, hasErrors, type PolicyReport } from "../../src/engine/policy/index.js";
import type { RepoReader } from "../../src/engine/repo/reader.js";
import { MemoryReader } from "../plan/helpers.js";
import { configWith, fixture, fixtureReader } from "./helpers.js";

const POLICIES = `  - builtin: no-latest-tag
  - builtin: allowed-registries
    registries: [ghcr.io/acme]
    severity: warning
  - builtin: require-digest
    environments: [dev]
  - name: prod-replicas
    environments: [production]
    match: { kind: Deployment }
    cel: "object.spec.replicas >= 2"
    message: production Deployments run at least 2 replicas
  - builtin: no-privileged
`;

/** Each result as `policy: checked, file:line …` for a compact comparison. */
function outline(report: PolicyReport): string[] {
  return report.results.map((r) => `${r.policy} (${r.severity}, ${r.checked} ${r.checkedUnit}s): ${r.findings.map((f) => `${f.file}:${f.line}`).join(" ")}`);
}

describe("evaluatePolicies", () => {
  it("runs the policies that apply to the environment, in config order, findings in file and line order", async () => {
    const reader = fixtureReader("values.yaml", "deployment-bad.yaml", "deployment-good.yaml", "cronjob.yaml");
    const report = await evaluatePolicies(configWith(POLICIES), "production", reader);
    expect(report.environment).toBe("production");
    expect(outline(report)).toEqual([
      "no-latest-tag (error, 8 references): deploy/deployment-bad.yaml:29 deploy/deployment-bad.yaml:34 deploy/values.yaml:5",
      "allowed-registries (warning, 8 references): deploy/deployment-bad.yaml:34 deploy/values.yaml:10",
      "prod-replicas (error, 2 objects): deploy/deployment-bad.yaml:13",
      "no-privileged (error, 6 containers): deploy/deployment-bad.yaml:36",
    ]);
    expect(report.results[2]).toEqual({
      policy: "prod-replicas",
      severity: "error",
      description: "production Deployments run at least 2 replicas",
      checked: 2,
      checkedUnit: "object",
      findings: [
        {
          policy: "prod-replicas",
          severity: "error",
          message: "production Deployments run at least 2 replicas",
          file: "deploy/deployment-bad.yaml",
          line: 13,
          object: "Deployment/web",
        },
      ],
    });
    expect(hasErrors(report)).toBe(true);
  });

  it("sorts a rule's findings by line even when the file lists init containers last", async () => {
    const reader = new MemoryReader({
      "deploy/job.yaml": fixture("cronjob.yaml").replace("cpu: 500m", "cpu: null"),
    });
    const config = configWith("  - builtin: require-resource-limits\n");
    const report = await evaluatePolicies(config, "production", reader);
    expect(report.results[0]?.findings.map((f) => f.line)).toEqual([16, 23]);
  });

  it("reads only the environment's directory", async () => {
    const reader = new MemoryReader({
      "dev/deployment.yaml": fixture("deployment-good.yaml"),
      "deploy/values.yaml": fixture("values.yaml"),
    });
    const report = await evaluatePolicies(configWith(POLICIES), "dev", reader);
    expect(outline(report)).toEqual([
      "no-latest-tag (error, 2 references): ",
      "allowed-registries (warning, 2 references): ",
      "require-digest (error, 2 references): ",
      "no-privileged (error, 2 containers): ",
    ]);
    expect(hasErrors(report)).toBe(false);
  });

  it("has no errors when every finding is a warning", async () => {
    const config = configWith("  - { builtin: no-latest-tag, severity: warning }\n");
    const report = await evaluatePolicies(config, "production", fixtureReader("values.yaml"));
    expect(report.results[0]?.findings).toHaveLength(1);
    expect(hasErrors(report)).toBe(false);
  });

  it("reads nothing when no policy applies", async () => {
    const unreadable: RepoReader = {
      listFiles: () => Promise.reject(new Error("listed")),
      readFile: () => Promise.reject(new Error("read")),
    };
    const config = configWith("  - { builtin: no-latest-tag, environments: [production] }\n");
    expect(await evaluatePolicies(config, "dev", unreadable)).toEqual({ environment: "dev", results: [] });
  });

  it("throws UsageError for an unknown environment", async () => {
    await expect(evaluatePolicies(configWith(POLICIES), "prod", fixtureReader())).rejects.toThrow(UsageError);
  });

  it("throws InputError naming the file and line of a file that does not parse", async () => {
    const reader = new MemoryReader({ "deploy/a.yaml": fixture("values.yaml"), "deploy/b.yaml": "apiVersion: v1\nkind: [\n" });
    const error = await evaluatePolicies(configWith(POLICIES), "production", reader).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: "deploy/b.yaml", line: 3 });
  });

  it("throws ConfigError for a CEL expression of an unvalidated config that does not compile", async () => {
    const config = configWith(POLICIES);
    const broken = { ...config, policies: [{ name: "x", cel: "object.", message: "m", severity: "error" as const }] };
    const error = await evaluatePolicies(broken, "production", fixtureReader()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]?.path).toBe("policies[0].cel");
  });
});
