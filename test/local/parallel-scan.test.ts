/**
 * Discovery and set-image spread over worker threads give exactly what the
 * main thread gives. Worker threads run the compiled build, so this file
 * builds the project first and runs `dist/cli/main.js`.
 */
import { execSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RepoFiles, TempDirs } from "../repo/temp-repo.js";

const PROJECT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = path.join(PROJECT, "dist/cli/main.js");

const temp = new TempDirs();
afterEach(() => temp.cleanup());
beforeAll(() => {
  execSync("npm run build", { cwd: PROJECT, stdio: "ignore" });
}, 120_000);

function promenade(args: string[], workers: number): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, PROMENADE_WORKERS: String(workers) };
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: PROJECT, encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** 30 services, each a kustomization and a values file, all referencing a shared sidecar. */
function fleet(): RepoFiles {
  const files: RepoFiles = {};
  for (let i = 0; i < 30; i++) {
    const name = `svc-${String(i).padStart(2, "0")}`;
    files[`deploy/${name}/kustomization.yaml`] = `images:\n  - name: ghcr.io/acme/${name} # the service\n    newTag: "1.${i}.0"\n`;
    files[`deploy/${name}/values.yaml`] = `sidecar:\n  image:\n    repository: ghcr.io/acme/mesh\n    tag: 2.0.${i}\n`;
  }
  return files;
}

describe("worker-thread scan", () => {
  it("lists the same references, in the same order, with 3 workers as on the main thread", () => {
    const repo = temp.repo(fleet());
    const single = promenade(["images", "--repo", repo, "--json"], 0);
    const parallel = promenade(["images", "--repo", repo, "--json"], 3);
    expect(single.status).toBe(0);
    expect(JSON.parse(single.stdout)).toHaveLength(60);
    expect(parallel).toEqual(single);
  });

  it("rewrites the same files with 3 workers as on the main thread", () => {
    const one = temp.repo(fleet());
    const three = temp.repo(fleet());
    expect(promenade(["set-image", "ghcr.io/acme/mesh:2.1.0", "--repo", one], 0).status).toBe(0);
    expect(promenade(["set-image", "ghcr.io/acme/mesh:2.1.0", "--repo", three], 3).status).toBe(0);
    const values = (root: string): string[] =>
      Object.keys(fleet())
        .filter((file) => file.endsWith("values.yaml"))
        .map((file) => fs.readFileSync(path.join(root, file), "utf8"));
    expect(values(three)).toEqual(values(one));
    expect(values(three)[7]).toBe("sidecar:\n  image:\n    repository: ghcr.io/acme/mesh\n    tag: 2.1.0\n");
  });

  it("reports the first unreadable file in path order, whichever worker met it first", () => {
    const files = fleet();
    files["deploy/svc-03/values.yaml"] = "sidecar: \0\n";
    files["deploy/svc-27/values.yaml"] = "sidecar: \0\n";
    const repo = temp.repo(files);
    const result = promenade(["images", "--repo", repo], 3);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^promenade: deploy\/svc-03\/values\.yaml:1: binary content/);
    expect(result.stderr.split("\n")).toHaveLength(2);
  });

  it("warns of every file that does not parse, in path order, as the main thread does", () => {
    const files = fleet();
    files["deploy/svc-03/values.yaml"] = "sidecar: [unclosed\n";
    files["deploy/svc-27/values.yaml"] = "sidecar: {unclosed\n";
    const repo = temp.repo(files);
    const parallel = promenade(["images", "--repo", repo, "--json"], 3);
    expect(parallel.status).toBe(0);
    expect(JSON.parse(parallel.stdout)).toHaveLength(58);
    expect(parallel.stderr).toMatch(
      /^promenade: warning: deploy\/svc-03\/values\.yaml:\d+: not valid YAML.*\npromenade: warning: deploy\/svc-27\/values\.yaml:\d+: not valid YAML.*\n$/,
    );
    expect(parallel).toEqual(promenade(["images", "--repo", repo, "--json"], 0));
  });
});
