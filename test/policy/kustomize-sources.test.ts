import { describe, expect, it } from "vitest";
import { kustomizeSources } from "../../src/engine/policy/index.js";
import { memoryReader } from "../render-manifests/fake-tools.js";

describe("kustomizeSources", () => {
  it("reads the environment's kustomization, then those it names, breadth first: patch files before resource files", async () => {
    const reader = memoryReader({
      "env/kustomization.yaml": `resources:
  - ../base
  - extra.yaml
  - https://example.com/remote.yaml
  - github.com/acme/base?ref=v1
  - /etc/passwd
  - ../../outside
patches:
  - path: replicas.yaml
  - patch: |-
      - op: replace
        path: /spec/replicas
        value: 3
patchesJson6902:
  - target: { kind: Deployment, name: api }
    path: json-patch.yaml
patchesStrategicMerge:
  - pull-policy.yaml
  - |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: api }
`,
      "env/extra.yaml": "apiVersion: v1\nkind: ConfigMap\n",
      "env/replicas.yaml": "spec: { replicas: 2 }\n",
      "env/json-patch.yaml": "- op: remove\n  path: /spec/paused\n",
      "env/pull-policy.yaml": "spec: {}\n",
      "env/sub/kustomization.yml": "resources: [config.yaml]\n",
      "env/sub/config.yaml": "apiVersion: v1\nkind: ConfigMap\n",
      "base/kustomization.yaml": "resources: [deployment.yaml, ../env/sub]\npatchesStrategicMerge: [base-patch.yaml]\n",
      "base/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\n",
      "base/base-patch.yaml": "spec: {}\n",
    });
    expect(await kustomizeSources(reader, "env")).toEqual({
      kustomization: "env/kustomization.yaml",
      kustomizations: ["env/kustomization.yaml", "env/sub/kustomization.yml", "base/kustomization.yaml"],
      files: [
        { file: "env/replicas.yaml", patch: true },
        { file: "env/json-patch.yaml", patch: true },
        { file: "env/pull-policy.yaml", patch: true },
        { file: "env/extra.yaml", patch: false },
        { file: "env/sub/config.yaml", patch: false },
        { file: "base/base-patch.yaml", patch: true },
        { file: "base/deployment.yaml", patch: false },
      ],
      patches: [
        { file: "env/replicas.yaml", field: "patches", kustomization: "env/kustomization.yaml" },
        { file: "env/json-patch.yaml", field: "patchesJson6902", kustomization: "env/kustomization.yaml" },
        { file: "env/pull-policy.yaml", field: "patchesStrategicMerge", kustomization: "env/kustomization.yaml" },
        { file: "base/base-patch.yaml", field: "patchesStrategicMerge", kustomization: "base/kustomization.yaml" },
      ],
      directories: ["env", "env/sub", "base"],
    });
  });

  it("finds nothing for a directory without kustomizations, and passes over one that does not parse", async () => {
    const reader = memoryReader({ "plain/app.yaml": "kind: ConfigMap\n", "broken/kustomization.yaml": "resources: [\n" });
    expect(await kustomizeSources(reader, "plain")).toEqual({ kustomization: null, kustomizations: [], files: [], patches: [], directories: [] });
    expect(await kustomizeSources(reader, "broken")).toEqual({
      kustomization: "broken/kustomization.yaml",
      kustomizations: ["broken/kustomization.yaml"],
      files: [],
      patches: [],
      directories: ["broken"],
    });
  });
});
