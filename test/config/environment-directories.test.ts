import { afterEach, describe, expect, it } from "vitest";
import { checkEnvironmentDirectories, environmentDirectories } from "../../src/engine/config/environment-directories.js";
import { readConfigYaml } from "../../src/engine/config/parse-config.js";
import { ConfigError } from "../../src/engine/errors.js";
import { LocalRepo } from "../../src/local/local-repo.js";
import { TempDirs } from "../repo/temp-repo.js";

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const CONFIG = `environments:
  dev: { path: ./deploy//dev/ }
  staging: { path: deploy/staging, from: dev }
  production: { path: deploy/production, from: staging }
  broken: { path: "../outside" }
`;

describe("environmentDirectories", () => {
  it("lists the well-formed paths, normalised, each once", () => {
    const input = readConfigYaml(`${CONFIG}  again: { path: deploy/dev }\n  whole: { path: . }\n  odd: { path: 3 }\n`);
    expect(environmentDirectories(input)).toEqual(["deploy/dev", "deploy/staging", "deploy/production", "."]);
  });
});

describe("checkEnvironmentDirectories", () => {
  it("names each environment whose directory the lookup does not know, by key path only", () => {
    const known = new Set(["deploy/dev", "deploy/production"]);
    expect(checkEnvironmentDirectories(readConfigYaml(CONFIG), (dir) => known.has(dir))).toEqual([
      { path: ["environments", "staging", "path"], message: "no such directory in the repository" },
    ]);
  });
});

describe("LocalRepo.readConfig checks environment directories against the checkout", () => {
  const config = CONFIG.replace('  broken: { path: "../outside" }\n', "");

  it("accepts a config whose directories all exist", async () => {
    const root = temp.repo({
      ".github/promenade.yml": config,
      "deploy/dev/values.yaml": "",
      "deploy/staging/values.yaml": "",
      "deploy/production/kustomization.yaml": "",
    });
    expect(Object.keys((await new LocalRepo(root).readConfig())?.environments ?? {})).toEqual(["dev", "staging", "production"]);
  });

  it("refuses missing directories and a file where a directory should be, with their lines, in file order", async () => {
    const root = temp.repo({ ".github/promenade.yml": config, "deploy/staging": "not a directory\n" });
    const error = await new LocalRepo(root).readConfig().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map(({ path, message, line }) => `${line}: ${path}: ${message}`)).toEqual([
      "2: environments.dev.path: no such directory in the repository",
      "3: environments.staging.path: no such directory in the repository",
      "4: environments.production.path: no such directory in the repository",
    ]);
  });

  it("reports them together with the file's other problems", async () => {
    const root = temp.repo({ ".github/promenade.yml": "environments:\n  dev: { path: deploy/dev, autoMerge: maybe }\n" });
    await expect(new LocalRepo(root).readConfig()).rejects.toThrow(
      "Invalid config in .github/promenade.yml: environments.dev.path: no such directory in the repository; environments.dev.autoMerge: expected true or false, got text",
    );
  });

  it("accepts the repository root", async () => {
    const root = temp.repo({ ".github/promenade.yml": "environments:\n  all: { path: . }\n" });
    expect((await new LocalRepo(root).readConfig())?.environments["all"]?.path).toBe(".");
  });
});
