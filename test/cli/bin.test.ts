/** The real executable, end to end: exit codes and streams of a separate process. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { TempDirs } from "../repo/temp-repo.js";
import { CONFIG, FLEET } from "./fixture.js";

const PROJECT = fileURLToPath(new URL("../..", import.meta.url));
const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

const temp = new TempDirs();
afterEach(() => temp.cleanup());

/** Runs `src/cli/main.ts` through tsx, as `node dist/cli/main.js` runs after a build. */
function bin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd: PROJECT, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the promenade executable", () => {
  it("exits 0, 1 and 2 with its output on the right stream", () => {
    const repo = temp.repo(FLEET);
    const broken = temp.repo({ ...FLEET, ".github/promenade.yml": CONFIG.replace("autoMerge: true", "autoMerge: maybe") });

    const ok = bin(["images", "--repo", repo, "--env", "staging", "--json"]);
    expect(ok).toMatchObject({ status: 0, stderr: "" });
    expect(JSON.parse(ok.stdout)).toHaveLength(1);

    const finding = bin(["validate", "--repo", broken]);
    expect(finding).toMatchObject({ status: 1, stdout: "" });
    expect(finding.stderr).toMatch(/^promenade: \.github\/promenade\.yml:4: environments\.dev\.autoMerge: /);

    expect(bin(["images", "--repo", repo, "--bogus"])).toEqual({
      status: 2,
      stdout: "",
      stderr: "promenade: unknown option '--bogus' (see 'promenade images --help')\n",
    });
  });
});
