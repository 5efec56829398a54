import { afterEach, describe, expect, it } from "vitest";
import { readText, snapshot, TempDirs } from "../repo/temp-repo.js";
import { DEV_KUSTOMIZATION, DEV_VALUES, FLEET, PRODUCTION_VALUES, STAGING_KUSTOMIZATION, withoutConfig } from "./fixture.js";
import { promenade } from "./run-cli.js";

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

describe("promenade set-image", () => {
  it("with --all, rewrites a kustomization and Helm values byte-minimally, in every environment", async () => {
    const repo = temp.repo(FLEET);
    const result = await promenade(["set-image", "ghcr.io/acme/api:1.4.2", "--repo", repo, "--all"]);
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout:
        "updated deploy/dev/kustomization.yaml (1 reference)\n" +
        "updated deploy/dev/values.yaml (2 references)\n" +
        "updated deploy/production/values.yaml (1 reference)\n" +
        "updated deploy/staging/kustomization.yaml (1 reference)\n" +
        "ghcr.io/acme/api:1.4.2: 4 files updated\n",
    });
    expect(readText(repo, "deploy/dev/kustomization.yaml")).toBe(
      "apiVersion: kustomize.config.k8s.io/v1beta1\r\n" +
        "kind: Kustomization\r\n" +
        "resources:\r\n" +
        "  - ../../base/api # the base\r\n" +
        "images:\r\n" +
        "  - name: ghcr.io/acme/api\r\n" +
        '    newTag: "1.4.2" # pinned by promenade\r\n' +
        "  - name: nginx\r\n" +
        "    newTag: 1.25\r\n",
    );
    expect(readText(repo, "deploy/dev/values.yaml")).toBe(`# values for dev
replicaCount: 2
image:
  repository: ghcr.io/acme/api
  tag: 1.4.2 # keep this comment

worker:
  image:
    registry: ghcr.io
    repository: acme/api
    tag: '1.4.2'
sidecar:
  image: "docker.io/library/nginx:1.25"
`);
    expect(readText(repo, "deploy/dev/README.md")).toBe(FLEET["deploy/dev/README.md"]);
  });

  it("in a repository with a config, needs --env, --path or --all: exit 2, nothing written", async () => {
    const repo = temp.repo(FLEET);
    const before = snapshot(repo);
    expect(await promenade(["set-image", "ghcr.io/acme/api:1.4.2", "--repo", repo])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "promenade: set-image needs --env ENV, --path PATH or --all in a repository with .github/promenade.yml (--all rewrites every environment at once)\n",
    });
    expect(snapshot(repo)).toEqual(before);
  });

  it("refuses --all with --env or --path, writing nothing", async () => {
    const repo = temp.repo(FLEET);
    const before = snapshot(repo);
    for (const scope of [
      ["--env", "dev"],
      ["--path", "deploy/dev"],
    ]) {
      expect(await promenade(["set-image", "ghcr.io/acme/api:1.4.2", "--repo", repo, "--all", ...scope])).toEqual({
        code: 2,
        stdout: "",
        stderr: "promenade: --all cannot be used with --env or --path\n",
      });
    }
    expect(snapshot(repo)).toEqual(before);
  });

  it("without a config, rewrites the whole repository by default", async () => {
    const repo = temp.repo(withoutConfig(FLEET));
    const result = await promenade(["set-image", "ghcr.io/acme/api:1.4.2", "--repo", repo]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\nghcr\.io\/acme\/api:1\.4\.2: 4 files updated\n$/);
    expect(readText(repo, "deploy/staging/kustomization.yaml")).toBe(STAGING_KUSTOMIZATION.replace("1.3.0", "1.4.2"));
    expect(readText(repo, "deploy/production/values.yaml")).toBe(PRODUCTION_VALUES.replace("1.2.0", "1.4.2"));
  });

  it("with --env, rewrites only that environment's files", async () => {
    const repo = temp.repo(FLEET);
    const result = await promenade(["set-image", "ghcr.io/acme/api:1.3.5", "--repo", repo, "--env", "staging"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("updated deploy/staging/kustomization.yaml (1 reference)\nghcr.io/acme/api:1.3.5: 1 file updated\n");
    expect(readText(repo, "deploy/staging/kustomization.yaml")).toBe(STAGING_KUSTOMIZATION.replace("1.3.0", "1.3.5"));
    expect(readText(repo, "deploy/dev/kustomization.yaml")).toBe(DEV_KUSTOMIZATION);
    expect(readText(repo, "deploy/dev/values.yaml")).toBe(DEV_VALUES);
    expect(readText(repo, "deploy/production/values.yaml")).toBe(PRODUCTION_VALUES);
  });

  // The plain `1.25` is written back quoted: a tag that looks like a number stays a string.
  it("matches image names after Docker normalisation", async () => {
    const repo = temp.repo(FLEET);
    const result = await promenade(["set-image", "docker.io/library/nginx:1.27", "--repo", repo, "--path", "deploy/dev"]);
    expect(result.code).toBe(0);
    expect(readText(repo, "deploy/dev/kustomization.yaml")).toBe(DEV_KUSTOMIZATION.replace("newTag: 1.25", 'newTag: "1.27"'));
    expect(readText(repo, "deploy/dev/values.yaml")).toBe(DEV_VALUES.replace("nginx:1.25", "nginx:1.27"));
  });

  it("writes a tag and a digest", async () => {
    const repo = temp.repo({ "deploy/dev/values.yaml": PRODUCTION_VALUES.replace("tag: 1.2.0", "tag: 1.2.0\n  digest: sha256:" + "f".repeat(64)) });
    const result = await promenade(["set-image", `ghcr.io/acme/api:1.3.0@${DIGEST}`, "--repo", repo]);
    expect(result.code).toBe(0);
    expect(readText(repo, "deploy/dev/values.yaml")).toBe(`image:\n  repository: ghcr.io/acme/api\n  tag: 1.3.0\n  digest: ${DIGEST}\n`);
  });

  it("writes nothing and exits 0 when every reference already has the version", async () => {
    const repo = temp.repo(FLEET);
    const before = snapshot(repo);
    const result = await promenade(["set-image", "ghcr.io/acme/api:1.3.0", "--repo", repo, "--env", "staging"]);
    expect(result).toEqual({ code: 0, stderr: "", stdout: "ghcr.io/acme/api:1.3.0: all 1 reference already up to date; nothing written\n" });
    expect(snapshot(repo)).toEqual(before);
  });

  it("exits 1, writing nothing, when no reference of the image is found", async () => {
    const repo = temp.repo(FLEET);
    const before = snapshot(repo);
    const result = await promenade(["set-image", "ghcr.io/acme/unknown:1.0", "--repo", repo, "--env", "dev"]);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: "promenade: no reference of ghcr.io/acme/unknown found in deploy/dev; nothing written\n",
    });
    expect(snapshot(repo)).toEqual(before);
  });
});

describe("promenade set-image keeps each reference's digest form", () => {
  const PINNED = `sha256:${"f".repeat(64)}`;
  const files = {
    "deploy/values.yaml": PRODUCTION_VALUES,
    "deploy/pod.yaml": `containers:\n- image: ghcr.io/acme/api:1.2.0@${PINNED}\n`,
  };

  it("writes a given digest only where a digest is pinned", async () => {
    const repo = temp.repo(files);
    const result = await promenade(["set-image", `ghcr.io/acme/api:1.3.0@${DIGEST}`, "--repo", repo]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(readText(repo, "deploy/values.yaml")).toBe(PRODUCTION_VALUES.replace("tag: 1.2.0", "tag: 1.3.0"));
    expect(readText(repo, "deploy/pod.yaml")).toBe(`containers:\n- image: ghcr.io/acme/api:1.3.0@${DIGEST}\n`);
  });

  it("with --pin, writes the digest everywhere", async () => {
    const repo = temp.repo(files);
    expect((await promenade(["set-image", `ghcr.io/acme/api:1.3.0@${DIGEST}`, "--pin", "--repo", repo])).code).toBe(0);
    expect(readText(repo, "deploy/values.yaml")).toBe(PRODUCTION_VALUES.replace("tag: 1.2.0", `tag: 1.3.0@${DIGEST}`));
  });

  it("says on stderr which pin a tag without a digest drops", async () => {
    const repo = temp.repo(files);
    const result = await promenade(["set-image", "ghcr.io/acme/api:1.3.0", "--repo", repo]);
    expect(result).toMatchObject({ code: 0, stderr: "promenade: the pin of ghcr.io/acme/api in deploy/pod.yaml is dropped: 1.3.0 has no digest\n" });
    expect(readText(repo, "deploy/pod.yaml")).toBe("containers:\n- image: ghcr.io/acme/api:1.3.0\n");
  });

  it("refuses --pin without a digest: exit 2, nothing written", async () => {
    const repo = temp.repo(files);
    const before = snapshot(repo);
    expect(await promenade(["set-image", "ghcr.io/acme/api:1.3.0", "--pin", "--repo", repo])).toEqual({
      code: 2,
      stdout: "",
      stderr: "promenade: --pin needs a digest: IMAGE:TAG@DIGEST\n",
    });
    expect(snapshot(repo)).toEqual(before);
  });
});
