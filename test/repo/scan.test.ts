import { describe, expect, it } from "vitest";
import { InputError, UsageError } from "../../src/engine/errors.js";
import type { ImageTarget } from "../../src/engine/images/reference.js";
import type { RepoReader } from "../../src/engine/repo/reader.js";
import { resolveScanDir, scanImageReferences, scanTree, setImageInTree } from "../../src/engine/repo/scan.js";
import { BROKEN_NOTES, BROKEN_WITH_IMAGE, JOB_TEMPLATE, localChart } from "./local-chart.js";

/** A repository in memory, counting how many reads run at once. */
class MemoryReader implements RepoReader {
  inFlight = 0;
  maxInFlight = 0;
  readonly reads: string[] = [];

  constructor(
    private readonly files: Record<string, string>,
    private readonly delayMs = 0,
  ) {}

  async listFiles(dir: string): Promise<string[]> {
    const prefix = dir === "" || dir === "." ? "" : `${dir}/`;
    return Object.keys(this.files).filter((file) => file.startsWith(prefix));
  }

  async readFile(path: string): Promise<string> {
    this.reads.push(path);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.inFlight--;
    const text = this.files[path];
    if (text === undefined) throw new InputError(path, "no such file");
    return text;
  }
}

const kustomization = (name: string, tag: string): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: ${name}\n    newTag: "${tag}"\n`;

const values = `image:\n  repository: ghcr.io/acme/api\n  tag: 1.0.0\nsidecar:\n  image:\n    repository: nginx\n    tag: "1.25"\n`;

const API_1_1: ImageTarget = { image: "ghcr.io/acme/api", tag: "1.1.0", digest: null };

describe("scanImageReferences", () => {
  it("lists the references of every YAML file under the directory, by path then line, ignoring other files", async () => {
    const reader = new MemoryReader({
      "deploy/dev/z/values.yaml": values,
      "deploy/dev/a/kustomization.yaml": kustomization("ghcr.io/acme/web", "2.0.0"),
      "deploy/dev/README.md": "image: ghcr.io/acme/readme:1.0\n",
      "deploy/prod/kustomization.yml": kustomization("ghcr.io/acme/api", "0.9.0"),
    });
    const refs = await scanImageReferences(reader, "deploy/dev");
    expect(refs.map((r) => [r.file, r.line, r.image, r.tag])).toEqual([
      ["deploy/dev/a/kustomization.yaml", 5, "ghcr.io/acme/web", "2.0.0"],
      ["deploy/dev/z/values.yaml", 3, "ghcr.io/acme/api", "1.0.0"],
      ["deploy/dev/z/values.yaml", 7, "docker.io/library/nginx", "1.25"],
    ]);
    expect(reader.reads).not.toContain("deploy/dev/README.md");
  });

  it("reads at most 16 files at a time", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 100; i++) files[`svc-${i}/kustomization.yaml`] = kustomization(`ghcr.io/acme/svc-${i}`, "1.0.0");
    const reader = new MemoryReader(files, 2);
    expect(await scanImageReferences(reader, "")).toHaveLength(100);
    expect(reader.maxInFlight).toBe(16);
  });

  it("throws the error of the first file, in path order, that cannot be read", async () => {
    const files: Record<string, string> = {};
    for (let i = 10; i < 60; i++) files[`svc-${i}/values.yaml`] = values;
    const reader = new MemoryReader(files, 1);
    const listed = Object.keys(files);
    reader.listFiles = async () => [...listed, "svc-55/gone.yaml", "svc-20/gone.yaml"];
    await expect(scanImageReferences(reader, "")).rejects.toMatchObject({ name: "InputError", file: "svc-20/gone.yaml" });
  });
});

describe("files that are not YAML", () => {
  const WARNING_NOTES = {
    kind: "not-yaml",
    file: "deploy/dev/notes.yaml",
    line: 3,
    reason: "not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
  };

  it("never reads a Helm chart's templates/, beside its Chart.yaml or under charts/<name>/, at any depth", async () => {
    const reader = new MemoryReader({
      ...localChart("deploy/dev/api"),
      "deploy/dev/config/templates/values.yaml": values,
    });
    const scan = await scanTree(reader, "deploy/dev");
    expect(scan.references.map((r) => [r.file, r.line, r.image, r.tag])).toEqual([
      ["deploy/dev/api/values.yaml", 4, "ghcr.io/acme/api", "1.4.1"],
      ["deploy/dev/config/templates/values.yaml", 3, "ghcr.io/acme/api", "1.0.0"],
      ["deploy/dev/config/templates/values.yaml", 7, "docker.io/library/nginx", "1.25"],
    ]);
    expect(scan.warnings).toEqual([]);
    expect(reader.reads.filter((file) => file.includes("/templates/job") || file.includes("statefulset"))).toEqual([]);
  });

  it("lists the other files' references and a warning for each file that does not parse, saying which are Go templates", async () => {
    const reader = new MemoryReader({
      "deploy/dev/values.yaml": values,
      "deploy/dev/notes.yaml": BROKEN_NOTES,
      "deploy/dev/job.yaml": JOB_TEMPLATE,
      "deploy/dev/commented.yaml": "# see {{ .Values.docs }}\nb: : :\n",
    });
    const scan = await scanTree(reader, "deploy/dev");
    expect(scan.references.map((r) => [r.file, r.line])).toEqual([
      ["deploy/dev/values.yaml", 3],
      ["deploy/dev/values.yaml", 7],
    ]);
    expect(scan.warnings).toEqual([
      { kind: "not-yaml", file: "deploy/dev/commented.yaml", line: 2, reason: "not valid YAML: Nested mappings are not allowed in compact mappings" },
      { kind: "go-template", file: "deploy/dev/job.yaml", reason: "a Go template, not YAML" },
      WARNING_NOTES,
    ]);
    expect(await scanImageReferences(reader, "deploy/dev")).toEqual(scan.references);
  });

  it("sets the image in the chart's values beside templates that name it, with a warning for a broken file that does not", async () => {
    const reader = new MemoryReader({ ...localChart("deploy/dev/api"), "deploy/dev/notes.yaml": BROKEN_NOTES });
    const result = await setImageInTree(reader, "deploy/dev", API_1_1);
    expect(result.changes).toEqual([
      { file: "deploy/dev/api/values.yaml", text: localChart("deploy/dev/api")["deploy/dev/api/values.yaml"]?.replace("tag: 1.4.1", "tag: 1.1.0") },
    ]);
    expect(result.warnings).toEqual([WARNING_NOTES]);
  });

  it("leaves a Go-templated file outside a chart with a warning, even when it names the image", async () => {
    const reader = new MemoryReader({ "deploy/dev/values.yaml": values, "deploy/dev/job.yaml": JOB_TEMPLATE });
    const result = await setImageInTree(reader, "deploy/dev", API_1_1);
    expect(result.changes.map((change) => change.file)).toEqual(["deploy/dev/values.yaml"]);
    expect(result.warnings).toEqual([{ kind: "go-template", file: "deploy/dev/job.yaml", reason: "a Go template, not YAML" }]);
  });

  it("throws when a file that does not parse holds the image, and warns of none", async () => {
    const reader = new MemoryReader({ "deploy/dev/notes.yaml": BROKEN_NOTES, "deploy/dev/values.yaml": BROKEN_WITH_IMAGE });
    await expect(setImageInTree(reader, "deploy/dev", API_1_1)).rejects.toThrow("deploy/dev/values.yaml:1: not valid YAML: Nested mappings");
  });
});

describe("setImageInTree", () => {
  it("returns the new text of each file that changes and every reference of the image, writing nothing", async () => {
    const reader = new MemoryReader({
      "deploy/dev/values.yaml": values,
      "deploy/dev/kustomization.yaml": kustomization("ghcr.io/acme/api", "1.1.0"),
      "deploy/dev/other.yaml": kustomization("ghcr.io/acme/web", "1.0.0"),
    });
    const result = await setImageInTree(reader, "", API_1_1);
    expect(result.changes).toEqual([{ file: "deploy/dev/values.yaml", text: values.replace("tag: 1.0.0", "tag: 1.1.0") }]);
    expect(result.matched.map((r) => [r.file, r.line, r.tag])).toEqual([
      ["deploy/dev/kustomization.yaml", 5, "1.1.0"],
      ["deploy/dev/values.yaml", 3, "1.0.0"],
    ]);
  });

  it("throws, returning no change at all, when a file that may hold the image does not parse", async () => {
    const reader = new MemoryReader({
      "deploy/dev/a.yaml": values,
      "deploy/dev/b.yaml": "image: ghcr.io/acme/api\nb: : :\n",
    });
    await expect(setImageInTree(reader, "deploy/dev", API_1_1)).rejects.toThrow("deploy/dev/b.yaml:2: not valid YAML");
  });

  it("throws, returning no change at all, when any file under the directory cannot be read", async () => {
    const reader = new MemoryReader({ "deploy/dev/a.yaml": values });
    reader.listFiles = async () => ["deploy/dev/a.yaml", "deploy/dev/gone.yaml"];
    await expect(setImageInTree(reader, "deploy/dev", API_1_1)).rejects.toThrow("deploy/dev/gone.yaml: no such file");
  });
});

describe("resolveScanDir", () => {
  const config = {
    environments: {
      dev: { path: "deploy/overlays/dev/" },
      staging: { path: "./deploy/overlays/staging" },
      production: { path: "deploy/overlays/production" },
    },
  };

  it("scans the whole repository without --env and --path", () => {
    expect(resolveScanDir(config, {})).toBe("");
    expect(resolveScanDir(undefined, {})).toBe("");
  });

  it("takes an environment's path from the config, normalised", () => {
    expect(resolveScanDir(config, { env: "dev" })).toBe("deploy/overlays/dev");
    expect(resolveScanDir(config, { env: "staging" })).toBe("deploy/overlays/staging");
  });

  it("refuses an unknown environment, listing the known ones", () => {
    expect(() => resolveScanDir(config, { env: "qa" })).toThrow(new UsageError("unknown environment 'qa' (known: dev, staging, production)"));
    expect(() => resolveScanDir(config, { env: "toString" })).toThrow("unknown environment 'toString'");
  });

  it("refuses --env without a config file", () => {
    expect(() => resolveScanDir(undefined, { env: "dev" })).toThrow(/--env dev needs \.github\/promenade\.yml/);
  });

  it("takes --path relative to the repository root", () => {
    expect(resolveScanDir(undefined, { path: "deploy/dev/" })).toBe("deploy/dev");
    expect(resolveScanDir(undefined, { path: "./deploy//dev" })).toBe("deploy/dev");
    expect(resolveScanDir(undefined, { path: "deploy/../base" })).toBe("base");
    expect(resolveScanDir(undefined, { path: "." })).toBe("");
  });

  it.each(["/etc", "../elsewhere", "deploy/../../x", "..", "C:\\deploy"])("refuses the path %s", (path) => {
    expect(() => resolveScanDir(undefined, { path })).toThrow(UsageError);
  });

  it("refuses --env and --path together", () => {
    expect(() => resolveScanDir(config, { env: "dev", path: "deploy" })).toThrow("--env and --path cannot be used together");
  });
});
