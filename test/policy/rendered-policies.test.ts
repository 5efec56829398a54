import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { evaluatePolicies, type PolicyReport } from "../../src/engine/policy/index.js";
import { findKustomizeTool, type KustomizeTool, renderKustomization } from "../../src/render-manifests/kustomize.js";
import { memoryReader } from "../render-manifests/fake-tools.js";
import {
  BASE_DEPLOYMENT,
  fakeKubectlDir,
  KUSTOMIZATION,
  overlayFiles,
  PULL_POLICY_PATCH,
  PULL_POLICY_RULE,
  realTool,
  renderedOverlay,
  REPLICAS_PATCH,
  REPLICAS_RULE,
  type Variant,
} from "./overlay-fixture.js";

const CONFIG = parseConfig(`environments:
  production: { path: deploy/production }
policies:
  - builtin: require-resource-limits
  - builtin: no-privileged
  - builtin: no-latest-tag
${REPLICAS_RULE}${PULL_POLICY_RULE}`);

/** Each finding as `file:line [policy] object`. */
function findings(report: PolicyReport): string[] {
  return report.results.flatMap((result) => result.findings.map((f) => `${f.file}:${f.line} [${f.policy}] ${f.object ?? "-"}`));
}

describe("policies without a renderer", () => {
  it("do not judge the overlay's patch files as objects: no false replicas or limits errors, and a note names them", async () => {
    const report = await evaluatePolicies(CONFIG, "production", memoryReader(overlayFiles()));
    expect(findings(report)).toEqual([]);
    expect(report.notJudged).toEqual([
      {
        file: PULL_POLICY_PATCH,
        reason: `kustomize patch named in patchesStrategicMerge of ${KUSTOMIZATION}: not a whole object, so its objects are judged only on the rendered manifests (its image references are judged)`,
      },
      {
        file: REPLICAS_PATCH,
        reason: `kustomize patch named in patches of ${KUSTOMIZATION}: not a whole object, so its objects are judged only on the rendered manifests (its image references are judged)`,
      },
    ]);
    expect(report.renderedBy).toBeUndefined();
  });

  it("still judge the image references of a patch file, and the objects of the environment's other files", async () => {
    const files = overlayFiles();
    files[PULL_POLICY_PATCH] = (files[PULL_POLICY_PATCH] as string).replace("- name: proxy\n", "- name: proxy\n          image: ghcr.io/acme/proxy:latest\n");
    files["deploy/production/one-off.yaml"] =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: one\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers: []\n";
    const report = await evaluatePolicies(CONFIG, "production", memoryReader(files));
    expect(findings(report)).toEqual([
      `${PULL_POLICY_PATCH}:10 [no-latest-tag] Deployment/api`,
      "deploy/production/one-off.yaml:1 [prod-replicas] Deployment/one",
    ]);
  });
});

/** The renderers the rendered path is shown with: a fake kubectl always, and the machine's tool when it has one. */
const real = realTool;
const RENDERERS: { name: string; tool: (variant: Variant) => Promise<KustomizeTool> }[] = [
  { name: "a fake kubectl", tool: async (variant) => (await findKustomizeTool({ PATH: await fakeKubectlDir(variant) })) as KustomizeTool },
  ...(real === null ? [] : [{ name: real.label, tool: () => Promise.resolve(real) }]),
];

describe.each(RENDERERS)("policies on the manifests rendered by $name", ({ tool }) => {
  async function judged(variant: Variant): Promise<PolicyReport> {
    const reader = memoryReader(overlayFiles(variant));
    const outcome = await renderKustomization(await tool(variant), reader, "deploy/production");
    if (outcome.status !== "rendered") throw new Error(`not rendered: ${JSON.stringify(outcome)}`);
    return evaluatePolicies(CONFIG, "production", reader, { rendered: { tool: outcome.tool, output: outcome.output } });
  }

  it("judge the environment as it runs: 10 replicas with the base's limits pass, and nothing is left unjudged", async () => {
    const report = await judged({});
    expect(findings(report)).toEqual([]);
    expect(report.results.map((result) => `${result.policy} ${result.checked}`)).toEqual([
      "require-resource-limits 2",
      "no-privileged 2",
      "no-latest-tag 2",
      "prod-replicas 1",
      "pinned-pull-policy 1",
    ]);
    expect(report.notJudged).toBeUndefined();
    expect(report.renderedBy).toMatch(/kustomize/);
  });

  it("catch a base that sets imagePullPolicy: Always, at the base's object", async () => {
    const report = await judged({ apiPullPolicy: "Always" });
    expect(findings(report)).toEqual([`${BASE_DEPLOYMENT}:2 [pinned-pull-policy] Deployment/shop/api`]);
  });

  it("point at the line to edit: a value at the patch that sets it, an image's tag at the kustomization's images entry", async () => {
    const report = await judged({ privilegedProxy: true, apiTag: "latest" });
    expect(findings(report)).toEqual([`${PULL_POLICY_PATCH}:12 [no-privileged] Deployment/shop/api`, `${KUSTOMIZATION}:9 [no-latest-tag] Deployment/shop/api`]);
  });

  it("point a container's finding at the container's entry in the resource, though its rendered entry shares the line of its image", async () => {
    const report = await judged({ apiWithoutLimits: true });
    expect(findings(report)).toEqual([`${BASE_DEPLOYMENT}:15 [require-resource-limits] Deployment/shop/api`]);
  });
});

describe("findings on rendered objects", () => {
  it("find an object renamed by a name prefix in its base, and put one that no file defines (generated) at the kustomization", async () => {
    const config = parseConfig(`environments:
  production: { path: deploy/production }
policies:
  - name: pinned-pull-policy
    match: { kind: Deployment }
    cel: 'object.spec.template.spec.containers.all(c, !has(c.imagePullPolicy) || c.imagePullPolicy != "Always")'
    message: containers do not pull on every start
  - name: labelled-config
    match: { kind: ConfigMap }
    cel: "has(object.metadata.labels)"
    message: config maps are labelled
`);
    const output = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings-5f8k
  namespace: shop
---
${renderedOverlay({ apiPullPolicy: "Always" }).replace("  name: api\n", "  name: prod-api\n")}`;
    const reader = memoryReader(overlayFiles({ apiPullPolicy: "Always" }));
    const report = await evaluatePolicies(config, "production", reader, { rendered: { tool: "kustomize v5.5.0", output } });
    expect(findings(report)).toEqual([
      `${BASE_DEPLOYMENT}:2 [pinned-pull-policy] Deployment/shop/prod-api`,
      `${KUSTOMIZATION}:1 [labelled-config] ConfigMap/shop/settings-5f8k`,
    ]);
  });
});
