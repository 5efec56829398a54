import { afterEach, describe, expect, it } from "vitest";
import { TempDirs } from "../repo/temp-repo.js";
import { FLEET, withoutConfig } from "./fixture.js";
import { promenade } from "./run-cli.js";

const temp = new TempDirs();
afterEach(() => temp.cleanup());

describe("promenade images", () => {
  it("prints every reference of the repository as JSON, sorted by file and line", async () => {
    const repo = temp.repo(FLEET);
    const result = await promenade(["images", "--repo", repo, "--json"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(result.stdout)).toEqual([
      { file: "deploy/dev/kustomization.yaml", line: 7, shape: "kustomize-images", image: "ghcr.io/acme/api", tag: "1.4.1", digest: null },
      { file: "deploy/dev/kustomization.yaml", line: 9, shape: "kustomize-images", image: "docker.io/library/nginx", tag: "1.25", digest: null },
      { file: "deploy/dev/values.yaml", line: 5, shape: "helm-values", image: "ghcr.io/acme/api", tag: "1.4.1", digest: null },
      { file: "deploy/dev/values.yaml", line: 11, shape: "helm-values", image: "ghcr.io/acme/api", tag: "1.4.1", digest: null },
      { file: "deploy/dev/values.yaml", line: 13, shape: "helm-image-string", image: "docker.io/library/nginx", tag: "1.25", digest: null },
      { file: "deploy/production/values.yaml", line: 3, shape: "helm-values", image: "ghcr.io/acme/api", tag: "1.2.0", digest: null },
      { file: "deploy/staging/kustomization.yaml", line: 5, shape: "kustomize-images", image: "ghcr.io/acme/api", tag: "1.3.0", digest: null },
    ]);
    expect(Object.keys(JSON.parse(result.stdout)[0])).toEqual(["file", "line", "shape", "image", "tag", "digest"]);
  });

  it("prints an aligned table by default", async () => {
    const repo = temp.repo({ "deploy/staging/kustomization.yaml": FLEET["deploy/staging/kustomization.yaml"] ?? "" });
    const result = await promenade(["images", "--repo", repo]);
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout:
        "FILE:LINE                            SHAPE             IMAGE             TAG    DIGEST\n" +
        "deploy/staging/kustomization.yaml:5  kustomize-images  ghcr.io/acme/api  1.3.0  -\n",
    });
  });

  it("with --env, lists only that environment's directory", async () => {
    const repo = temp.repo(FLEET);
    const result = await promenade(["images", "--repo", repo, "--env", "staging", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { file: "deploy/staging/kustomization.yaml", line: 5, shape: "kustomize-images", image: "ghcr.io/acme/api", tag: "1.3.0", digest: null },
    ]);
  });

  it("with --path, lists only that directory, and works without a config file", async () => {
    const repo = temp.repo(withoutConfig(FLEET));
    const result = await promenade(["images", "--repo", repo, "--path", "deploy/production", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((r: { file: string }) => r.file)).toEqual(["deploy/production/values.yaml"]);
  });

  it("defaults --repo to the current directory", async () => {
    const repo = temp.repo(FLEET);
    const result = await promenade(["images", "--path", "deploy/staging", "--json"], repo);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it("says so when there is no reference", async () => {
    const repo = temp.repo({ "deploy/dev/configmap.yaml": "kind: ConfigMap\ndata: {}\n" });
    expect(await promenade(["images", "--repo", repo])).toEqual({ code: 0, stderr: "", stdout: "no image references found in the repository\n" });
    expect(await promenade(["images", "--repo", repo, "--json"])).toEqual({ code: 0, stderr: "", stdout: "[]\n" });
  });
});
