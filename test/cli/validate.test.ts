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
      ...FLEET,
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

  it("refuses an environment directory missing from the checkout and a time zone that is not an IANA name, quoting neither", async () => {
    const config = `${CONFIG.replace("path: deploy/staging", "path: deploy/stagign")}    requires:
      windows:
        - { days: Mon-Fri, hours: "09:00-17:00", timezone: PST }
`;
    const repo = temp.repo({ ...FLEET, ".github/promenade.yml": config });
    const result = await promenade(["validate", "--repo", repo]);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "promenade: .github/promenade.yml:6: environments.staging.path: no such directory in the repository\n" +
        "promenade: .github/promenade.yml:13: environments.production.requires.windows[0].timezone: expected an IANA time zone name like Europe/Berlin\n",
    });
    expect(result.stderr).not.toMatch(/stagign|PST/);
  });

  it("accepts UTC and region/place time zones", async () => {
    const config = `${CONFIG}    requires:
      windows:
        - { days: Mon-Fri, hours: "09:00-17:00", timezone: UTC }
        - { days: Sat, hours: "09:00-12:00", timezone: America/Los_Angeles }
`;
    const repo = temp.repo({ ...FLEET, ".github/promenade.yml": config });
    expect(await promenade(["validate", "--repo", repo])).toEqual({ code: 0, stdout: "valid: 3 environments\n", stderr: "" });
  });

  it("every command that reads the config refuses a missing environment directory", async () => {
    const repo = temp.repo({ ...FLEET, ".github/promenade.yml": CONFIG.replace("path: deploy/production", "path: deploy/prod") });
    const reason =
      "promenade: .github/promenade.yml: invalid config: environments.production.path: no such directory in the repository (run 'promenade validate')\n";
    expect(await promenade(["images", "--repo", repo, "--env", "dev"])).toEqual({ code: 2, stdout: "", stderr: reason });
    expect(await promenade(["set-image", "ghcr.io/acme/api:1.4.2", "--repo", repo, "--env", "dev"])).toEqual({ code: 2, stdout: "", stderr: reason });
    expect(await promenade(["plan", "--repo", repo])).toEqual({ code: 2, stdout: "", stderr: reason });
    expect((await promenade(["check", "--repo", repo])).code).toBe(1);
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
