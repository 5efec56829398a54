/** `promenade plan` on the example fleet: the promotions the app would open, with bodies and diffs. */
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readDataBlock } from "../../src/engine/markdown/data-block.js";
import { BASE_DEPLOYMENT, fakeKubectlDir, overlayFiles, PULL_POLICY_RULE } from "../policy/overlay-fixture.js";
import { TempDirs } from "../repo/temp-repo.js";
import { promenade } from "./run-cli.js";

const FLEET = fileURLToPath(new URL("../../examples/fleet", import.meta.url));

/** The `=== title` lines of a plan. */
function titles(stdout: string): string[] {
  return stdout.split("\n").filter((line) => line.startsWith("=== "));
}

describe("promenade plan", () => {
  it("--image: a newer api into dev, with the byte-minimal diff of both of its references", async () => {
    const result = await promenade(["plan", "--repo", FLEET, "--image", "ghcr.io/acme/api:1.13.0"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(titles(result.stdout)).toEqual(["=== Promote api 1.13.0 to dev"]);
    expect(result.stdout).toContain("branch: promenade/dev/api\n");
    expect(result.stdout).toContain('-  SENTRY_RELEASE: "1.12.0" # promenade: ghcr.io/acme/api\n+  SENTRY_RELEASE: "1.13.0" # promenade: ghcr.io/acme/api\n');
    expect(result.stdout).toContain("-    newTag: 1.12.0\n+    newTag: 1.13.0\n");
    const body = result.stdout.slice(result.stdout.indexOf("This PR"), result.stdout.indexOf("--- the comment on the PR ---"));
    expect(readDataBlock(body)).toMatchObject({
      environment: "dev",
      images: [{ image: "ghcr.io/acme/api", fromVersion: { tag: "1.12.0" }, toVersion: { tag: "1.13.0" }, bump: "minor" }],
    });
  });

  it.each([
    [
      "an older version",
      "ghcr.io/acme/api:1.11.0",
      "ghcr.io/acme/api to dev: 1.11.0 is older than 1.12.0, which dev runs: only /promote and /rollback go back",
    ],
    ["the version dev runs", "ghcr.io/acme/api:1.12.0", "ghcr.io/acme/api to dev: dev already runs 1.12.0"],
    ["a version outside the configured range", "ghcr.io/acme/api:2.0.0", 'ghcr.io/acme/api to dev: 2.0.0 is outside versions ">=1.0.0 <2.0.0"'],
    ["an image the config does not list", "ghcr.io/acme/unknown:1.0.0", "ghcr.io/acme/unknown to dev: the config's images do not list it"],
  ])("--image with %s: nothing to promote, and why", async (_, image, why) => {
    expect(await promenade(["plan", "--repo", FLEET, "--image", image])).toEqual({ code: 0, stdout: `nothing to promote\nskipped: ${why}\n`, stderr: "" });
  });

  it("--from staging --to production: shows the gate each PR would meet when opened, every requirement of the config", async () => {
    const result = await promenade(["plan", "--repo", FLEET, "--from", "staging", "--to", "production"]);
    expect(result.code).toBe(0);
    const gate = result.stdout.slice(result.stdout.indexOf("<!-- promenade:gate production -->"), result.stdout.indexOf("<!-- /promenade:gate -->"));
    expect(gate).toContain("The gate as the PR would meet it if opened now");
    expect(gate).toContain("- ❌ 0 of 2 approvals from `@acme/sre`, alice");
    expect(gate).toMatch(/- ❌ soak 24h: running in staging since .*, 1d left/);
    expect(gate).toContain("Mon-Thu 09:00-16:00 Europe/Berlin");
    expect(gate).toContain("- ❌ e2e has not run");
    expect(gate).toContain("- ✅ no policy errors");
  });

  it("--from dev --to staging: one promotion per image that differs", async () => {
    const result = await promenade(["plan", "--repo", FLEET, "--from", "dev", "--to", "staging"]);
    expect(result.code).toBe(0);
    expect(titles(result.stdout)).toMatchInlineSnapshot(`
      [
        "=== Promote admin 1.3.0 to staging",
        "=== Promote api 1.12.0 to staging",
        "=== Promote billing 3.2.0 to staging",
        "=== Promote billing-worker 1042 to staging",
        "=== Promote gateway 0.17.1 to staging",
        "=== Promote notifier v0.8.0 to staging",
        "=== Promote search 3.12 to staging",
        "=== Promote web 2.4.0 to staging",
        "=== Promote worker main-4f9c2ab to staging",
      ]
    `);
  });

  it("without options: every due promotion, staging and production", async () => {
    const result = await promenade(["plan", "--repo", FLEET]);
    const all = titles(result.stdout);
    expect(all.filter((t) => t.endsWith("to staging"))).toHaveLength(9);
    expect(all.filter((t) => t.endsWith("to production")).length).toBeGreaterThan(0);
    expect(result.stdout.endsWith("\n\nskipped: docker.io/library/redis to staging: staging already runs 7.2.5\n")).toBe(true);
  });

  it("says where it cannot tell whether a version is newer (commit SHA tags)", async () => {
    const result = await promenade(["plan", "--repo", FLEET, "--from", "dev", "--to", "staging"]);
    expect(result.stdout).toContain(
      "⚠️ Promenade cannot tell whether `ghcr.io/acme/worker` main-4f9c2ab is newer than main-1d8e07c, which **staging** runs (their tags have no order it knows): check before merging.",
    );
  });

  it.each([
    [["--from", "dev"], "promenade: --from and --to go together\n"],
    [["--from", "dev", "--to", "production"], "promenade: production is not promoted from dev (its 'from' is staging)\n"],
    [["--from", "dev", "--to", "prod"], "promenade: unknown environment 'prod' (known: dev, staging, production)\n"],
    [["--image", "ghcr.io/acme/api"], "promenade: --image needs IMAGE:TAG[@DIGEST], like ghcr.io/acme/api:1.4.2; got 'ghcr.io/acme/api'\n"],
    [["--image", "ghcr.io/acme/api:1.0.0", "--from", "dev", "--to", "staging"], "promenade: --image cannot be used with --from/--to\n"],
    [["--image", `ghcr.io/acme/api:${"1".repeat(129)}`], "promenade: --image: a tag is at most 128 characters, this one has 129\n"],
  ])("%j: exit 2 with the reason", async (args, stderr) => {
    expect(await promenade(["plan", "--repo", FLEET, ...args])).toEqual({ code: 2, stdout: "", stderr });
  });

  describe("with tags that are not semantic versions", () => {
    const temp = new TempDirs();
    afterEach(() => temp.cleanup());

    /** staging and production running `ghcr.io/acme/app` at the given tags, which must match `^[0-9]+\.[0-9]+$`. */
    function twoHops(staging: string, production: string): string {
      const kustomization = (tag: string) =>
        `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: ghcr.io/acme/app\n    newTag: "${tag}"\n`;
      return temp.repo({
        ".github/promenade.yml": `environments:
  staging: { path: deploy/staging }
  production: { path: deploy/production, from: staging }
images:
  - name: ghcr.io/acme/app
    tags: { allow: "^[0-9]+\\\\.[0-9]+$" }
`,
        "deploy/staging/kustomization.yaml": kustomization(staging),
        "deploy/production/kustomization.yaml": kustomization(production),
      });
    }

    it("--from staging --to production proposes no downgrade from 3.0 to 2.0, and says why", async () => {
      expect(await promenade(["plan", "--repo", twoHops("2.0", "3.0"), "--from", "staging", "--to", "production"])).toEqual({
        code: 0,
        stdout:
          "nothing to promote\nskipped: ghcr.io/acme/app to production: 2.0 is older than 3.0, which production runs: only /promote and /rollback go back\n",
        stderr: "",
      });
    });

    it("--from staging --to production promotes 3.10 over 3.9, by the order of their numbers", async () => {
      const result = await promenade(["plan", "--repo", twoHops("3.10", "3.9"), "--from", "staging", "--to", "production"]);
      expect(titles(result.stdout)).toEqual(["=== Promote app 3.10 to production"]);
      expect(result.stdout).not.toMatch(/^skipped: /m);
      expect(result.stdout).not.toContain("cannot tell");
    });
  });
});

describe("promenade plan on a kustomize overlay", () => {
  const temp = new TempDirs();
  afterEach(() => {
    temp.cleanup();
    vi.unstubAllEnvs();
  });

  /** staging runs api 1.5.0 in a plain manifest; production is the overlay, whose base pulls `Always`. */
  function repo(): string {
    const config = `environments:
  staging: { path: deploy/staging }
  production: { path: deploy/production, from: staging }
policies:
${PULL_POLICY_RULE}`;
    const staging =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.5.0\n";
    return temp.repo({ ...overlayFiles({ apiPullPolicy: "Always" }), "deploy/staging/api.yaml": staging, ".github/promenade.yml": config });
  }

  it("judges the policies of the comment on the rendered manifests, as the app does", async () => {
    vi.stubEnv("PROMENADE_RENDER", "on");
    vi.stubEnv("PATH", await fakeKubectlDir({ apiPullPolicy: "Always", apiTag: "1.5.0" }));
    const result = await promenade(["plan", "--repo", repo(), "--from", "staging", "--to", "production"]);
    expect(result.code).toBe(0);
    expect(titles(result.stdout)).toEqual(["=== Promote api 1.5.0 to production"]);
    expect(result.stdout).toContain("containers do not pull on every start");
    expect(result.stdout).toContain(`${BASE_DEPLOYMENT}:2`);
  });

  it("judges the raw files without a renderer, and then sees no base", async () => {
    vi.stubEnv("PROMENADE_RENDER", "off");
    const result = await promenade(["plan", "--repo", repo(), "--from", "staging", "--to", "production"]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("containers do not pull on every start");
  });
});
