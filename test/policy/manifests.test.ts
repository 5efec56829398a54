import { isScalar } from "yaml";
import { describe, expect, it } from "vitest";
import { parseYamlSource } from "../../src/engine/images/yaml-source.js";
import { fieldOf, lineOfNode, loadManifests as loadParsed } from "../../src/engine/policy/manifests.js";
import { fixture } from "./helpers.js";

function loadManifests(file: string, text: string) {
  return loadParsed(parseYamlSource(file, text));
}

/** Where each object of a fixture is, and what it is called. */
function summary(name: string) {
  return loadManifests(`deploy/${name}`, fixture(name)).map(({ file, line, endLine, kind, name: objectName, namespace, label }) => ({
    file,
    line,
    endLine,
    kind,
    name: objectName,
    namespace,
    label,
  }));
}

describe("loadManifests", () => {
  it("finds every object of a multi-document file, with its lines and label", () => {
    expect(summary("deployment-bad.yaml")).toEqual([
      { file: "deploy/deployment-bad.yaml", line: 3, endLine: 11, kind: "Service", name: "web", namespace: null, label: "Service/web" },
      { file: "deploy/deployment-bad.yaml", line: 13, endLine: 36, kind: "Deployment", name: "web", namespace: null, label: "Deployment/web" },
    ]);
  });

  it("names a namespaced object Kind/namespace/name", () => {
    expect(summary("deployment-good.yaml").map((m) => m.label)).toEqual(["Deployment/shop/api"]);
  });

  it("gives the object as plain data with integers as bigints (CEL ints) and quoted numbers as strings", () => {
    const [deployment] = loadManifests("d.yaml", fixture("deployment-good.yaml"));
    expect(deployment?.object.spec).toMatchObject({
      replicas: 3n,
      template: { spec: { containers: [{ ports: [{ containerPort: 8080n }], resources: { limits: { cpu: "1" } } }] } },
    });
    expect(loadManifests("f.yaml", "apiVersion: v1\nkind: X\nratio: 0.5\nbig: 12345678901234567890\n")[0]?.object).toEqual({
      apiVersion: "v1",
      kind: "X",
      ratio: 0.5,
      big: 12345678901234567890n,
    });
  });

  it("expands a List into its items", () => {
    expect(summary("list.yaml").map(({ label, line, endLine }) => ({ label, line, endLine }))).toEqual([
      { label: "ConfigMap/settings", line: 5, endLine: 10 },
      { label: "Deployment/worker", line: 11, endLine: 21 },
    ]);
  });

  it("finds no object in Helm values and kustomizations", () => {
    expect(summary("values.yaml")).toEqual([]);
    expect(summary("kustomization.yaml")).toEqual([]);
    expect(loadManifests("x.yaml", "kind: Deployment\nspec: {}\n---\n- apiVersion: v1\n  kind: Pod\n---\n")).toEqual([]);
  });

  it("labels an object by generateName when it has no name, and by its kind alone when it has neither", () => {
    const text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n---\napiVersion: v1\nkind: Namespace\n";
    expect(loadManifests("x.yaml", text).map((m) => [m.label, m.name])).toEqual([
      ["Job/migrate-", null],
      ["Namespace", null],
    ]);
  });
});

describe("fieldOf and lineOfNode", () => {
  it("find a field through mappings and aliases, and its line", () => {
    const text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nx: &sc\n  privileged: true\nspec:\n  securityContext: *sc\n";
    const [pod] = loadManifests("p.yaml", text);
    if (pod === undefined) throw new Error("no object");
    const privileged = fieldOf(pod.document, pod.node, "spec", "securityContext", "privileged");
    expect(isScalar(privileged) && privileged.value).toBe(true);
    expect(lineOfNode(pod, privileged)).toBe(6);
    expect(fieldOf(pod.document, pod.node, "spec", "missing", "x")).toBeUndefined();
    expect(lineOfNode(pod, undefined)).toBe(1);
  });
});
