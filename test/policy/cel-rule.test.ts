import { describe, expect, it } from "vitest";
import type { CelPolicy } from "../../src/engine/config/schema.js";
import { compileCel } from "../../src/engine/policy/cel-expression.js";
import { runCelRule } from "../../src/engine/policy/cel-rule.js";
import { environmentOf } from "./helpers.js";

function rule(cel: string, match?: CelPolicy["match"]): CelPolicy {
  return { name: "replicas", cel, match, message: "Deployments run at least 2 replicas", severity: "error" };
}

function run(policy: CelPolicy, manifests: Parameters<typeof runCelRule>[2]) {
  return runCelRule(policy, compileCel(policy.cel), manifests);
}

describe("CEL rules", () => {
  it("pass objects for which the expression is true", async () => {
    const { manifests } = await environmentOf("deployment-good.yaml", "statefulset.yaml", "values.yaml");
    expect(run(rule("object.spec.replicas >= 2"), manifests)).toEqual({
      description: "Deployments run at least 2 replicas",
      checked: 2,
      checkedUnit: "object",
      violations: [],
    });
  });

  it("report the rule's message at the object's first line when the expression is false", async () => {
    const { manifests } = await environmentOf("deployment-bad.yaml", "list.yaml");
    expect(run(rule("object.spec.replicas >= 2", { kind: "Deployment" }), manifests)).toMatchObject({
      checked: 2,
      violations: [
        { file: "deploy/deployment-bad.yaml", line: 13, object: "Deployment/web", message: "Deployments run at least 2 replicas" },
        { file: "deploy/list.yaml", line: 11, object: "Deployment/worker", message: "Deployments run at least 2 replicas" },
      ],
    });
  });

  it("select objects by kind, name and namespace, each given field equal", async () => {
    const { manifests } = await environmentOf("deployment-good.yaml", "deployment-bad.yaml", "statefulset.yaml");
    const checked = (match: CelPolicy["match"]) => run(rule("true", match), manifests).checked;
    expect(checked(undefined)).toBe(4);
    expect(checked({ kind: "Deployment" })).toBe(2);
    expect(checked({ name: "web" })).toBe(2);
    expect(checked({ namespace: "shop" })).toBe(2);
    expect(checked({ kind: "Deployment", namespace: "shop" })).toBe(1);
    expect(checked({ kind: "deployment" })).toBe(0);
  });

  it("report an object on which the expression cannot be evaluated, without stopping", async () => {
    const { manifests } = await environmentOf("deployment-bad.yaml");
    expect(run(rule("object.spec.replicas >= 2"), manifests).violations).toEqual([
      {
        file: "deploy/deployment-bad.yaml",
        line: 3,
        object: "Service/web",
        message: "could not be evaluated (No such key: replicas); the rule wants: Deployments run at least 2 replicas",
      },
      { file: "deploy/deployment-bad.yaml", line: 13, object: "Deployment/web", message: "Deployments run at least 2 replicas" },
    ]);
  });

  it("report an expression that gives something other than true or false", async () => {
    const { manifests } = await environmentOf("deployment-good.yaml");
    expect(run(rule("object.metadata.labels", undefined), manifests).violations[0]?.message).toBe(
      "could not be evaluated (the expression gave a map, not true or false); the rule wants: Deployments run at least 2 replicas",
    );
  });
});
