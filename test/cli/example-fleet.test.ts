/** The example repository of the README, through the CLI: every shape it shows is found, and a promotion edits only tags. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { TempDirs } from "../repo/temp-repo.js";
import { promenade } from "./run-cli.js";

const FLEET = fileURLToPath(new URL("../../examples/fleet", import.meta.url));
const temp = new TempDirs();
afterEach(() => temp.cleanup());

describe("examples/fleet", () => {
  it("validates", async () => {
    expect(await promenade(["validate", "--repo", FLEET])).toMatchObject({ code: 0, stderr: "" });
  });

  it("lists the staging references of every shape, with their lines", async () => {
    const result = await promenade(["images", "--repo", FLEET, "--env", "staging", "--json"]);
    expect(result.code).toBe(0);
    const rows = (JSON.parse(result.stdout) as { file: string; line: number; shape: string; image: string; tag: string }[]).map(
      (r) => `${r.file}:${r.line} ${r.shape} ${r.image}:${r.tag}`,
    );
    expect(rows).toMatchInlineSnapshot(`
      [
        "deploy/staging/api/configmap.yaml:11 marker ghcr.io/acme/api:1.11.2",
        "deploy/staging/api/kustomization.yaml:13 kustomize-images ghcr.io/acme/api:1.11.2",
        "deploy/staging/apps/admin.yaml:16 argocd-kustomize-images ghcr.io/acme/admin:1.2.0",
        "deploy/staging/billing/values.yaml:14 helm-values ghcr.io/acme/billing:3.1.4",
        "deploy/staging/billing/values.yaml:25 helm-values ghcr.io/acme/billing-worker:1038",
        "deploy/staging/gateway/values.yaml:6 helm-values ghcr.io/acme/gateway:0.16.0",
        "deploy/staging/notifier/helmrelease.yaml:19 helm-values ghcr.io/acme/notifier:v0.7.2",
        "deploy/staging/notifier/helmrelease.yaml:26 helm-image-string docker.io/library/redis:7.2.5",
        "deploy/staging/search/values.yaml:7 helm-values ghcr.io/acme/search:3.11",
        "deploy/staging/web/kustomization.yaml:11 kustomize-images ghcr.io/acme/web:2.3.1",
        "deploy/staging/worker/worker.yaml:28 container-image ghcr.io/acme/worker:main-1d8e07c",
        "deploy/staging/worker/worker.yaml:32 container-image ghcr.io/acme/worker:main-1d8e07c",
        "deploy/staging/worker/worker.yaml:55 container-image ghcr.io/acme/worker:main-1d8e07c",
      ]
    `);
  });

  it("promotes api to staging by changing only the two tag texts", async () => {
    const repo = temp.make();
    fs.cpSync(FLEET, repo, { recursive: true });
    const files = ["deploy/staging/api/kustomization.yaml", "deploy/staging/api/configmap.yaml"];
    const before = files.map((file) => fs.readFileSync(path.join(repo, file), "utf8"));
    const result = await promenade(["set-image", "ghcr.io/acme/api:1.12.0", "--repo", repo, "--env", "staging"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    files.forEach((file, i) => {
      expect(fs.readFileSync(path.join(repo, file), "utf8")).toBe(before[i]?.replace("1.11.2", "1.12.0"));
    });
    expect(await promenade(["images", "--repo", repo, "--json"])).toEqual(
      await promenade(["images", "--repo", FLEET, "--json"]).then((r) => ({ ...r, stdout: r.stdout.replaceAll('"1.11.2"', '"1.12.0"') })),
    );
  });
});
