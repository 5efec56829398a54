/** `promenade plan` on the example fleet: the promotions the app would open, with bodies and diffs. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDataBlock } from "../../src/engine/render/data-block.js";
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
    ["an older version", "ghcr.io/acme/api:1.11.0"],
    ["the version dev runs", "ghcr.io/acme/api:1.12.0"],
    ["a version outside the configured range", "ghcr.io/acme/api:2.0.0"],
    ["an image no environment references", "ghcr.io/acme/unknown:1.0.0"],
  ])("--image with %s: nothing to promote", async (_, image) => {
    expect(await promenade(["plan", "--repo", FLEET, "--image", image])).toEqual({ code: 0, stdout: "nothing to promote\n", stderr: "" });
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
});
