import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RenderRefusal } from "../../src/engine/review/review.js";
import { findKustomizeTool, type RenderOutcome, renderKustomization } from "../../src/render-manifests/kustomize.js";
import { fakeToolDir, memoryReader, printingBuild } from "./fake-tools.js";

/** A fake kustomize that prints what it was given and writes its working directory to `<recordDir>/last-cwd`. */
const recordDir = await fakeToolDir({});
const tool = await findKustomizeTool({ PATH: await fakeToolDir({ kustomize: printingBuild(recordDir) }) });

/** `files` rendered at `dir` with the fake tool, and whether the tool ran. */
async function render(files: Record<string, string>, dir = "deploy/dev"): Promise<{ outcome: RenderOutcome; ran: boolean }> {
  const record = path.join(recordDir, "last-cwd");
  rmSync(record, { force: true });
  const outcome = await renderKustomization(tool, memoryReader(files), dir);
  return { outcome, ran: existsSync(record) };
}

/** A base the dev overlay may build on. */
const BASE = {
  "deploy/base/kustomization.yaml": "resources: [deployment.yaml]\n",
  "deploy/base/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n",
};

/** The repository with `kustomization` as the dev overlay's kustomization.yaml, and `more` files. */
function overlay(kustomization: string, more: Record<string, string> = {}): Record<string, string> {
  return { ...BASE, "deploy/dev/kustomization.yaml": kustomization, ...more };
}

/** Expects `files` to be refused at `dir` with `refusal`, without running the tool. */
async function expectRefused(files: Record<string, string>, refusal: RenderRefusal, dir = "deploy/dev"): Promise<void> {
  const { outcome, ran } = await render(files, dir);
  expect(outcome).toEqual({ status: "refused", refusal });
  expect(ran).toBe(false);
}

const KUSTOMIZATION = "deploy/dev/kustomization.yaml";
const remote = (field: string, entry: string): RenderRefusal => ({ file: KUSTOMIZATION, problem: `\`${field}\` entry names a remote location`, entry });

describe("rendering refused before the tool runs", () => {
  it.each([
    "http://127.0.0.1:8080/x.yaml",
    "https://raw.githubusercontent.com/acme/base/main/deployment.yaml",
    "HTTP://INTERNAL.EXAMPLE/x.yaml",
    "git@github.com:acme/base.git",
    "github.com/acme/base?ref=v1.0.0",
    "github.com/acme/base",
    "ssh://git@git.example.com/acme/base.git",
    "git::https://git.example.com/acme/base",
    "s3::https://s3.amazonaws.com/bucket/base",
    "gh:acme/base",
    "file:///etc/kubernetes",
    "gitlab.example.com/acme/base//deploy?ref=main",
    "  https://example.com/x.yaml",
  ])("a remote resource: %s", async (entry) => {
    await expectRefused(overlay(`resources:\n  - ../base\n  - ${JSON.stringify(entry)}\n`), remote("resources", entry));
  });

  it("a resource that is neither a file nor a directory of the repository (kustomize would clone it)", async () => {
    await expectRefused(overlay("resources: [../base, example.com/acme/base]\n"), {
      file: KUSTOMIZATION,
      problem: "`resources` entry is not a file or directory of the repository",
      entry: "example.com/acme/base",
    });
  });

  it.each([
    ["bases", "bases: [https://example.com/base]\n", "https://example.com/base"],
    ["components", "components: [github.com/acme/components/tls?ref=v2]\n", "github.com/acme/components/tls?ref=v2"],
    ["crds", "crds: [http://10.0.0.1/crd.json]\n", "http://10.0.0.1/crd.json"],
    ["configurations", "configurations: [http://10.0.0.1/config.yaml]\n", "http://10.0.0.1/config.yaml"],
    ["patchesStrategicMerge", "patchesStrategicMerge: [http://10.0.0.1/patch.yaml]\n", "http://10.0.0.1/patch.yaml"],
    ["patches[].path", "patches:\n  - path: http://10.0.0.1/patch.yaml\n", "http://10.0.0.1/patch.yaml"],
    [
      "patchesJson6902[].path",
      "patchesJson6902:\n  - target: {kind: Deployment, name: api}\n    path: https://10.0.0.1/ops.yaml\n",
      "https://10.0.0.1/ops.yaml",
    ],
    ["replacements[].path", "replacements:\n  - path: http://10.0.0.1/replacement.yaml\n", "http://10.0.0.1/replacement.yaml"],
    ["openapi.path", "openapi:\n  path: http://10.0.0.1/schema.json\n", "http://10.0.0.1/schema.json"],
    [
      "configMapGenerator[].files",
      "configMapGenerator:\n  - name: app\n    files: [settings=http://10.0.0.1/settings.json]\n",
      "http://10.0.0.1/settings.json",
    ],
    ["configMapGenerator[].env", "configMapGenerator:\n  - name: app\n    env: http://10.0.0.1/app.env\n", "http://10.0.0.1/app.env"],
    ["secretGenerator[].envs", "secretGenerator:\n  - name: app\n    envs: [http://10.0.0.1/secret.env]\n", "http://10.0.0.1/secret.env"],
  ])("a remote entry of %s", async (field, kustomization, entry) => {
    await expectRefused(overlay(`resources: [../base]\n${kustomization}`), remote(field, entry));
  });

  it.each([
    ["resources", "resources: [../../../../etc]\n", "../../../../etc", "leads outside the repository"],
    ["resources", "resources: [/etc/kubernetes/admin.conf]\n", "/etc/kubernetes/admin.conf", "is an absolute path"],
    [
      "configMapGenerator[].files",
      "configMapGenerator:\n  - name: x\n    files: [passwd=../../../etc/passwd]\n",
      "../../../etc/passwd",
      "leads outside the repository",
    ],
    ["patches[].path", "patches:\n  - path: /etc/shadow\n", "/etc/shadow", "is an absolute path"],
  ])("a path out of the repository in %s", async (field, kustomization, entry, problem) => {
    await expectRefused(overlay(kustomization), { file: KUSTOMIZATION, problem: `\`${field}\` entry ${problem}`, entry });
  });

  it.each([
    ["helmCharts", "helmCharts:\n  - name: redis\n    repo: https://charts.example.com\n    version: 1.0.0\n"],
    ["helmChartInflationGenerator", "helmChartInflationGenerator:\n  - chartName: redis\n    chartRepoUrl: https://charts.example.com\n"],
  ])("Helm chart inflation: %s", async (field, kustomization) => {
    await expectRefused(overlay(`resources: [../base]\n${kustomization}`), { file: KUSTOMIZATION, problem: `\`${field}\` inflates a Helm chart` });
  });

  it("a HelmChartInflationGenerator among the generators, inline or in a file", async () => {
    const config =
      "apiVersion: builtin\nkind: HelmChartInflationGenerator\nmetadata: {name: redis}\nchartName: redis\nchartRepoUrl: https://charts.example.com\n";
    const problem = "`kind: HelmChartInflationGenerator` inflates a Helm chart";
    await expectRefused(overlay(`generators:\n  - |\n${config.replace(/^/gm, "    ")}`), { file: KUSTOMIZATION, problem });
    await expectRefused(overlay("generators: [helm.yaml]\n", { "deploy/dev/helm.yaml": config }), { file: "deploy/dev/helm.yaml", problem });
  });

  it("a generator or transformer config that reads a remote file, and a generator directory", async () => {
    const inline = "generators:\n  - |\n    apiVersion: builtin\n    kind: ConfigMapGenerator\n    metadata: {name: g}\n    files: [http://10.0.0.1/x.yaml]\n";
    await expectRefused(overlay(inline), remote("files", "http://10.0.0.1/x.yaml"));
    const transformer = "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: t}\npath: https://10.0.0.1/patch.yaml\n";
    await expectRefused(overlay("transformers: [patch.yaml]\n", { "deploy/dev/patch.yaml": transformer }), {
      file: "deploy/dev/patch.yaml",
      problem: "`path` entry names a remote location",
      entry: "https://10.0.0.1/patch.yaml",
    });
    await expectRefused(overlay("validators: [http://10.0.0.1/v.yaml]\n"), remote("validators", "http://10.0.0.1/v.yaml"));
    await expectRefused(
      overlay("generators: [gen]\n", { "deploy/dev/gen/kustomization.yaml": "resources: [cm.yaml]\n", "deploy/dev/gen/cm.yaml": "kind: ConfigMapGenerator\n" }),
      {
        file: KUSTOMIZATION,
        problem: "`generators` entry is a directory, whose generated configs cannot be checked before rendering",
        entry: "gen",
      },
    );
  });

  it("a remote resource of a local base, of a base's base, and of a component", async () => {
    const nested = (more: Record<string, string>) =>
      overlay("resources: [../base]\ncomponents: [../components/tls]\n", { "deploy/components/tls/kustomization.yaml": "kind: Component\n", ...more });
    await expectRefused(nested({ "deploy/base/kustomization.yaml": "resources: [deployment.yaml, http://10.0.0.1/x.yaml]\n" }), {
      file: "deploy/base/kustomization.yaml",
      problem: "`resources` entry names a remote location",
      entry: "http://10.0.0.1/x.yaml",
    });
    await expectRefused(
      nested({
        "deploy/base/kustomization.yaml": "resources: [deployment.yaml, core]\n",
        "deploy/base/core/kustomization.yml": "bases: [git@github.com:acme/core]\n",
      }),
      {
        file: "deploy/base/core/kustomization.yml",
        problem: "`bases` entry names a remote location",
        entry: "git@github.com:acme/core",
      },
    );
    await expectRefused(nested({ "deploy/components/tls/Kustomization": "kind: Component\nresources: [https://10.0.0.1/cert.yaml]\n" }), {
      file: "deploy/components/tls/Kustomization",
      problem: "`resources` entry names a remote location",
      entry: "https://10.0.0.1/cert.yaml",
    });
  });

  it("reads keys as kustomize does: any case (Go's case folding), given twice, merged in with <<, in any document", async () => {
    const url = "http://10.0.0.1/x.yaml";
    await expectRefused(overlay(`Resources: [${url}]\n`), remote("resources", url));
    await expectRefused(overlay(`re\u017fources: [${url}]\n`), remote("resources", url));
    await expectRefused(overlay(`resources: [../base]\nresources: [${url}]\n`), remote("resources", url));
    await expectRefused(overlay(`<<: {resources: [${url}]}\n`), remote("resources", url));
    await expectRefused(overlay(`resources: [../base]\n---\nresources: [${url}]\n`), remote("resources", url));
  });

  it("refuses what it cannot check: an entry that is not a plain string, a kustomization that is not YAML", async () => {
    await expectRefused(overlay("resources: [!!binary aHR0cDovLzEwLjAuMC4xL3gueWFtbA==]\n"), {
      file: KUSTOMIZATION,
      problem: "`resources` entry is not a plain string",
      entry: "aHR0cDovLzEwLjAuMC4xL3gueWFtbA==",
    });
    await expectRefused(overlay("resources: [../base\n"), {
      file: KUSTOMIZATION,
      problem: "cannot be read as YAML (line 2), so what it names cannot be checked",
    });
  });

  it("keeps the entry as written, up to 200 characters", async () => {
    const long = `http://10.0.0.1/${"a".repeat(300)}`;
    const { outcome } = await render(overlay(`resources: [${long}]\n`));
    expect(outcome.status === "refused" && outcome.refusal.entry).toBe(`${long.slice(0, 199)}…`);
  });
});

describe("rendering a kustomization that stays in the repository", () => {
  it("runs the tool for local bases, components, patches, generators and inline configs", async () => {
    const kustomization = [
      "resources: [../base, ./extra.yaml]",
      "components: [../components/tls]",
      "patches:",
      "  - path: patch.yaml",
      "  - patch: |-",
      "      - op: replace",
      "        path: /spec/replicas",
      "        value: 2",
      "    target: {kind: Deployment}",
      "patchesStrategicMerge:",
      "  - '{apiVersion: apps/v1, kind: Deployment, metadata: {name: api, annotations: {owner: sre@acme.example}}}'",
      "  - |",
      "    apiVersion: apps/v1",
      "    kind: Deployment",
      "    metadata: {name: api}",
      "configMapGenerator:",
      "  - name: app",
      "    files: [settings=settings.yaml]",
      "    envs: [app.env]",
      "transformers:",
      "  - |",
      "    apiVersion: builtin",
      "    kind: LabelTransformer",
      "    metadata: {name: labels}",
      "    labels: {docs: 'https://wiki.acme.example/api'}",
      "    fieldSpecs: [{path: metadata/labels, create: true}]",
      "",
    ].join("\n");
    const files = overlay(kustomization, {
      "deploy/dev/extra.yaml": "kind: ConfigMap\n",
      "deploy/dev/patch.yaml": "kind: Deployment\n",
      "deploy/components/tls/kustomization.yaml": "kind: Component\nresources: [../../base]\n",
    });
    const { outcome, ran } = await render(files);
    expect(outcome.status).toBe("rendered");
    expect(ran).toBe(true);
  });

  it("follows a cycle of bases once", async () => {
    const { outcome } = await render({ "a/kustomization.yaml": "resources: [../b]\n", "b/kustomization.yaml": "resources: [../a]\n" }, "a");
    expect(outcome.status).toBe("rendered");
  });
});
