import { afterEach, describe, expect, it } from "vitest";
import { TempDirs } from "../repo/temp-repo.js";
import { CONFIG, FLEET, withoutConfig } from "./fixture.js";
import { promenade } from "./run-cli.js";

const temp = new TempDirs();
afterEach(() => temp.cleanup());

describe("promenade validate", () => {
  it("reports a valid config and exits 0", async () => {
    const repo = temp.repo(FLEET);
    expect(await promenade(["validate", "--repo", repo])).toEqual({ code: 0, stdout: "valid: 3 environments\n", stderr: "" });
  });

  it("prints each problem of an invalid config on its own line and exits 1", async () => {
    const repo = temp.repo({
      ".github/promenade.yml": CONFIG.replace("autoMerge: true", "autoMerge: maybe").replace("path: deploy/staging\n", ""),
    });
    const result = await promenade(["validate", "--repo", repo]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    // The line of the key, or of the enclosing key when the key is missing.
    expect(lines[0]).toBe("promenade: .github/promenade.yml:4: environments.dev.autoMerge: expected true or false, got text");
    expect(lines[1]).toMatch(/^promenade: \.github\/promenade\.yml:5: environments\.staging\.path: /);
  });

  it("reports a config that is not YAML as a finding (exit 1)", async () => {
    const repo = temp.repo({ ".github/promenade.yml": "environments: [\n" });
    const result = await promenade(["validate", "--repo", repo]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^promenade: \.github\/promenade\.yml: .*2.*\n$/);
  });

  it("exits 2 when there is no config file", async () => {
    const repo = temp.repo(withoutConfig(FLEET));
    expect(await promenade(["validate", "--repo", repo])).toEqual({
      code: 2,
      stdout: "",
      stderr: "promenade: .github/promenade.yml: not found; this repository does not use Promenade (is --repo its root?)\n",
    });
  });
});
