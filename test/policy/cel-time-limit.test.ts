import { describe, expect, it } from "vitest";
import type { CelPolicy } from "../../src/engine/config/schema.js";
import { compileCel } from "../../src/engine/policy/cel-expression.js";
import { CEL_RULE_TIME_LIMIT_MS, runCelRule } from "../../src/engine/policy/cel-rule.js";
import { readEnvironmentFiles } from "../../src/engine/policy/environment-files.js";
import { evaluatePolicies } from "../../src/engine/policy/evaluate-policies.js";
import { runWithin } from "../../src/engine/policy/time-limit.js";
import { MemoryReader } from "../plan/helpers.js";
import { configWith, described } from "./helpers.js";

/** Three ConfigMaps, `slow` between `first` and `last`, each with `items` list entries. */
function configMaps(items: number): MemoryReader {
  const list = Array.from({ length: items }, (_, i) => `    - ${i}`).join("\n");
  const map = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  items:\n${list}\n`;
  return new MemoryReader({ "deploy/maps.yaml": [map("first"), map("slow"), map("last")].join("---\n") });
}

/** True for every object, after 2,000³ steps on an object of 2,000 items. */
const CUBIC = "object.data.items.all(a, object.data.items.all(b, object.data.items.all(c, a + b + c >= 0)))";

function rule(cel: string, match?: CelPolicy["match"]): CelPolicy {
  return { name: "cubic", cel, match, message: "the items add up", severity: "error" };
}

describe("runWithin", () => {
  it("runs work to its end, or stops it when the time is up, keeping what it did", () => {
    const done: number[] = [];
    expect(runWithin(1000, () => done.push(1))).toBe(true);
    expect(
      runWithin(20, () => {
        done.push(2);
        for (;;) {
          // A loop that never yields: only the time limit ends it.
        }
      }),
    ).toBe(false);
    expect(done).toEqual([1, 2]);
  });

  it("lets the work's own errors through", () => {
    expect(() =>
      runWithin(1000, () => {
        throw new RangeError("no");
      }),
    ).toThrow("no");
  });
});

describe("CEL rules under a time limit", () => {
  it("stop an expression whose work explodes, with a finding at the object it stopped on", async () => {
    const { manifests } = await readEnvironmentFiles(configMaps(2000), "deploy");
    const quickFirst = rule(`object.metadata.name == "first" || ${CUBIC}`);
    const outcome = runCelRule(quickFirst, compileCel(quickFirst.cel), manifests);
    expect(outcome.checked).toBe(1);
    expect(described(outcome.violations)).toEqual([
      `deploy/maps.yaml:2008 ConfigMap/slow: could not be evaluated (the rule ran past its time limit of ${CEL_RULE_TIME_LIMIT_MS} ms on this environment's objects, leaving this object and 1 more unchecked: simplify the expression or narrow the rule with match); the rule wants: the items add up`,
    ]);
  });

  it("stop a regular expression in CEL that backtracks without end", async () => {
    const reader = new MemoryReader({ "deploy/pod.yaml": `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${"a".repeat(40)}b\n` });
    const { manifests } = await readEnvironmentFiles(reader, "deploy");
    const backtracking = rule('object.metadata.name.matches("^(a+)+$")');
    expect(runCelRule(backtracking, compileCel(backtracking.cel), manifests).violations).toEqual([
      expect.objectContaining({
        object: `Pod/${"a".repeat(40)}b`,
        message: expect.stringMatching(/^could not be evaluated \(the rule ran past its time limit/),
      }),
    ]);
  });

  it("stop one rule without holding up the next, its finding with the rule's severity", async () => {
    const reader = configMaps(2000);
    const config = configWith(
      `  - { name: cubic, cel: '${CUBIC}', message: the items add up }\n  - { name: small, cel: "size(object.data.items) <= 2000", message: small lists, severity: warning }\n`,
    );
    const report = await evaluatePolicies(config, "production", reader);
    expect(report.results.map((result) => [result.policy, result.checked, result.findings.map((finding) => [finding.severity, finding.object])])).toEqual([
      ["cubic", 0, [["error", "ConfigMap/first"]]],
      ["small", 3, []],
    ]);
  });
});
