/** The commands on an environment holding a local Helm chart (Go templates) and YAML files that do not parse. */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BROKEN_NOTES, BROKEN_WITH_IMAGE, CHART_VALUES, JOB_TEMPLATE, localChart } from "../repo/local-chart.js";
import { snapshot, TempDirs, YAML_BOMB } from "../repo/temp-repo.js";
import { promenade } from "./run-cli.js";

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const CONFIG = "environments:\n  dev: { path: deploy/dev }\n  staging: { path: deploy/staging, from: dev }\n";
const CHART = { ".github/promenade.yml": CONFIG, ...localChart("deploy/dev/api"), "deploy/staging/values.yaml": CHART_VALUES };
const NOTES_WARNING =
  "promenade: warning: deploy/dev/notes.yaml:3: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; not read\n";

describe("an environment with a local Helm chart", () => {
  it("images lists the chart's values and not its templates, without a word about them", async () => {
    const repo = temp.repo(CHART);
    const result = await promenade(["images", "--repo", repo, "--env", "dev", "--json"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(result.stdout)).toEqual([
      { file: "deploy/dev/api/values.yaml", line: 4, shape: "helm-values", image: "ghcr.io/acme/api", tag: "1.4.1", digest: null },
    ]);
  });

  it("set-image edits the values and leaves the templates, which name the chart like the image, as they are", async () => {
    const repo = temp.repo(CHART);
    const result = await promenade(["set-image", "ghcr.io/acme/api:1.5.0", "--repo", repo, "--env", "dev"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(fs.readFileSync(path.join(repo, "deploy/dev/api/values.yaml"), "utf8")).toBe(CHART_VALUES.replace("tag: 1.4.1", "tag: 1.5.0"));
    expect(fs.readFileSync(path.join(repo, "deploy/dev/api/templates/job.yaml"), "utf8")).toBe(JOB_TEMPLATE);
  });

  it("check judges the environment without its templates, nor a Go-templated file outside the chart", async () => {
    const repo = temp.repo({
      ...CHART,
      ".github/promenade.yml": `${CONFIG}policies:\n  - { builtin: no-latest-tag }\n`,
      "deploy/dev/jobs/migrate.yaml": JOB_TEMPLATE,
    });
    const result = await promenade(["check", "--repo", repo, "--env", "dev"]);
    expect(result).toEqual({ code: 0, stdout: "dev: 1 policy, 0 errors, 0 warnings\n", stderr: "" });
  });

  it("plan proposes the promotion of the values", async () => {
    const repo = temp.repo(CHART);
    const result = await promenade(["plan", "--repo", repo, "--image", "ghcr.io/acme/api:1.5.0"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("=== Promote api 1.5.0 to dev\n");
    expect(result.stdout).toContain("-  tag: 1.4.1 # bumped by promenade\n+  tag: 1.5.0 # bumped by promenade\n");
    expect(result.stdout).not.toContain("Warnings:");
  });
});

describe("a YAML file that does not parse", () => {
  const broken = { ...CHART, "deploy/dev/notes.yaml": BROKEN_NOTES };

  it("is a warning on stderr for images, which lists the other files and exits 0", async () => {
    const result = await promenade(["images", "--repo", temp.repo(broken), "--env", "dev"]);
    expect(result).toMatchObject({ code: 0, stderr: NOTES_WARNING });
    expect(result.stdout).toContain("deploy/dev/api/values.yaml:4  helm-values");
  });

  it("is a warning for images also when it is refused unparsed (an alias bomb)", async () => {
    const result = await promenade(["images", "--repo", temp.repo({ ...CHART, "deploy/dev/bomb.yaml": YAML_BOMB }), "--env", "dev", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^promenade: warning: deploy\/dev\/bomb\.yaml:\d+: refused: aliases expand too much [^\n]*; not read\n$/);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it("is a warning on stderr for set-image when it cannot hold the image, which is still set", async () => {
    const repo = temp.repo(broken);
    const result = await promenade(["set-image", "ghcr.io/acme/api:1.5.0", "--repo", repo, "--env", "dev"]);
    expect(result).toMatchObject({ code: 0, stderr: NOTES_WARNING });
    expect(result.stdout).toContain("updated deploy/dev/api/values.yaml (1 reference)\n");
  });

  it("is a warning on stderr and in the PR body for plan, which exits 0", async () => {
    const result = await promenade(["plan", "--repo", temp.repo(broken), "--image", "ghcr.io/acme/api:1.5.0"]);
    expect(result).toMatchObject({ code: 0, stderr: NOTES_WARNING });
    expect(result.stdout).toContain(
      "Warnings: Promenade could not read these files as YAML and left them as they are; check them by hand.\n" +
        "- `deploy/dev/notes.yaml:3`: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \\]\n",
    );
  });

  it("is still an error for set-image and plan when it may hold the image, and nothing is written", async () => {
    const repo = temp.repo({ ...broken, "deploy/dev/legacy.yaml": BROKEN_WITH_IMAGE });
    const before = snapshot(repo);
    const setImage = await promenade(["set-image", "ghcr.io/acme/api:1.5.0", "--repo", repo, "--env", "dev"]);
    expect(setImage).toMatchObject({ code: 2, stdout: "" });
    expect(setImage.stderr).toContain("promenade: deploy/dev/legacy.yaml:1: not valid YAML: Nested mappings are not allowed in compact mappings");
    const plan = await promenade(["plan", "--repo", repo, "--image", "ghcr.io/acme/api:1.5.0"]);
    expect(plan).toMatchObject({ code: 2, stdout: "" });
    expect(plan.stderr).toContain("promenade: deploy/dev/legacy.yaml:1: not valid YAML");
    expect(snapshot(repo)).toEqual(before);
  });
});
