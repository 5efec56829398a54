import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, InputError } from "../../src/engine/errors.js";
import { LocalRepo } from "../../src/local/local-repo.js";
import { readText, snapshot, TempDirs } from "./temp-repo.js";

const temp = new TempDirs();
afterEach(() => temp.cleanup());

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InputError)) throw new Error(`expected an InputError, got ${String(error)}`);
  return error;
}

describe("LocalRepo.listFiles", () => {
  it("lists every file recursively, dot-files included, .git/ and node_modules/ left out", async () => {
    const root = temp.repo({
      "deploy/dev/values.yaml": "a: 1\n",
      "deploy/dev/.argocd-source-app.yaml": "a: 1\n",
      "deploy/dev/nested/deeper/k.yml": "a: 1\n",
      ".github/promenade.yml": "environments: {}\n",
      "README.md": "# hi\n",
      ".git/config": "[core]\n",
      ".git/objects/ab/cd.yaml": "x\n",
      "node_modules/pkg/chart.yaml": "x\n",
      "deploy/node_modules/x.yaml": "x\n",
    });
    const files = (await new LocalRepo(root).listFiles("")).sort();
    expect(files).toEqual([
      ".github/promenade.yml",
      "README.md",
      "deploy/dev/.argocd-source-app.yaml",
      "deploy/dev/nested/deeper/k.yml",
      "deploy/dev/values.yaml",
    ]);
  });

  it("lists one directory with repository-relative paths", async () => {
    const root = temp.repo({ "deploy/dev/a.yaml": "", "deploy/prod/b.yaml": "" });
    const repo = new LocalRepo(root);
    expect(await repo.listFiles("deploy/dev")).toEqual(["deploy/dev/a.yaml"]);
    expect(await repo.listFiles("./deploy/dev/")).toEqual(["deploy/dev/a.yaml"]);
    expect((await repo.listFiles(".")).sort()).toEqual(["deploy/dev/a.yaml", "deploy/prod/b.yaml"]);
  });

  it("refuses a directory that does not exist, or a file", async () => {
    const root = temp.repo({ "deploy/dev/a.yaml": "" });
    const repo = new LocalRepo(root);
    expect((await inputError(repo.listFiles("deploy/qa"))).message).toBe("deploy/qa: no such file or directory");
    expect((await inputError(repo.listFiles("deploy/dev/a.yaml"))).message).toBe("deploy/dev/a.yaml: not a directory");
    expect((await inputError(repo.listFiles("../x"))).message).toBe("../x: not a path inside the repository");
  });

  it("follows symlinks that stay inside the repository, and ends symlink loops", async () => {
    const root = temp.repo({ "base/api/deployment.yaml": "a: 1\n", "deploy/dev/values.yaml": "a: 1\n" });
    fs.symlinkSync("../../base/api", path.join(root, "deploy/dev/api"));
    fs.symlinkSync("values.yaml", path.join(root, "deploy/dev/values-link.yaml"));
    fs.symlinkSync("..", path.join(root, "deploy/dev/loop"));
    const files = (await new LocalRepo(root).listFiles("deploy/dev")).sort();
    expect(files).toContain("deploy/dev/api/deployment.yaml");
    expect(files).toContain("deploy/dev/values-link.yaml");
    expect(files).toContain("deploy/dev/loop/dev/values.yaml");
    expect(files.some((f) => f.includes("loop/dev/loop"))).toBe(false);
  });

  it("refuses a symlink to a directory outside the repository without naming the target", async () => {
    const outside = temp.repo({ "secret.yaml": "password: hunter2\n" });
    const root = temp.repo({ "deploy/dev/values.yaml": "a: 1\n" });
    fs.symlinkSync(outside, path.join(root, "deploy/dev/shared"));
    const error = await inputError(new LocalRepo(root).listFiles(""));
    expect(error.message).toBe("deploy/dev/shared: symlink points outside the repository");
  });
});

describe("LocalRepo.readFile", () => {
  it("reads the text exactly as stored", async () => {
    const text = "\uFEFFa: 1\r\nb: 2\r\n";
    const root = temp.repo({ "values.yaml": text });
    expect(await new LocalRepo(root).readFile("values.yaml")).toBe(text);
  });

  it("refuses a symlink to a file outside the repository, without naming the target", async () => {
    const outside = temp.repo({ "secret.yaml": "password: hunter2\n" });
    const root = temp.repo({});
    fs.symlinkSync(path.join(outside, "secret.yaml"), path.join(root, "values.yaml"));
    const repo = new LocalRepo(root);
    expect(await repo.listFiles("")).toEqual(["values.yaml"]);
    const error = await inputError(repo.readFile("values.yaml"));
    expect(error.message).toBe("values.yaml: symlink points outside the repository");
    expect(error.message).not.toContain(outside);
  });

  it("refuses a dangling symlink", async () => {
    const root = temp.repo({});
    fs.symlinkSync("gone.yaml", path.join(root, "values.yaml"));
    const repo = new LocalRepo(root);
    expect(await repo.listFiles("")).toEqual(["values.yaml"]);
    expect((await inputError(repo.readFile("values.yaml"))).message).toBe("values.yaml: dangling symlink: its target does not exist");
  });

  it("refuses a file over 1 MiB without reading it", async () => {
    const root = temp.repo({ "huge.yaml": Buffer.alloc(2 * 1024 * 1024, " ") });
    expect((await inputError(new LocalRepo(root).readFile("huge.yaml"))).message).toBe(
      "huge.yaml: larger than 1 MiB (2097152 bytes); Promenade does not read it",
    );
  });

  it("refuses a FIFO without waiting on it", async () => {
    const root = temp.repo({});
    execFileSync("mkfifo", [path.join(root, "pipe.yaml")]);
    const repo = new LocalRepo(root);
    expect(await repo.listFiles("")).toEqual([]);
    expect((await inputError(repo.readFile("pipe.yaml"))).message).toBe("pipe.yaml: not a regular file");
  });

  it("refuses a missing file and a directory", async () => {
    const root = temp.repo({ "deploy/dev/a.yaml": "" });
    const repo = new LocalRepo(root);
    expect((await inputError(repo.readFile("nope.yaml"))).message).toBe("nope.yaml: no such file or directory");
    expect((await inputError(repo.readFile("deploy/dev"))).message).toBe("deploy/dev: is a directory, not a file");
  });
});

describe("LocalRepo.writeFiles", () => {
  it("replaces each file, keeping its mode and leaving no temporary file", async () => {
    const root = temp.repo({ "deploy/dev/values.yaml": "tag: 1\n", "deploy/dev/run.yaml": "tag: 1\n" });
    fs.chmodSync(path.join(root, "deploy/dev/run.yaml"), 0o750);
    await new LocalRepo(root).writeFiles([
      { file: "deploy/dev/values.yaml", text: "tag: 2\n" },
      { file: "deploy/dev/run.yaml", text: "tag: 3\n" },
    ]);
    expect(readText(root, "deploy/dev/values.yaml")).toBe("tag: 2\n");
    expect(readText(root, "deploy/dev/run.yaml")).toBe("tag: 3\n");
    expect(fs.statSync(path.join(root, "deploy/dev/run.yaml")).mode & 0o777).toBe(0o750);
    expect(fs.readdirSync(path.join(root, "deploy/dev")).sort()).toEqual(["run.yaml", "values.yaml"]);
  });

  it("writes through a symlink inside the repository to its target, keeping the link", async () => {
    const root = temp.repo({ "base/values.yaml": "tag: 1\n" });
    fs.symlinkSync("base/values.yaml", path.join(root, "deploy-values.yaml"));
    await new LocalRepo(root).writeFiles([{ file: "deploy-values.yaml", text: "tag: 2\n" }]);
    expect(fs.lstatSync(path.join(root, "deploy-values.yaml")).isSymbolicLink()).toBe(true);
    expect(readText(root, "base/values.yaml")).toBe("tag: 2\n");
  });

  it("changes nothing when one of the files cannot be written", async () => {
    const root = temp.repo({ "deploy/dev/values.yaml": "tag: 1\n" });
    const before = snapshot(root);
    const repo = new LocalRepo(root);
    await expect(
      repo.writeFiles([
        { file: "deploy/dev/values.yaml", text: "tag: 2\n" },
        { file: "deploy/dev/missing.yaml", text: "tag: 2\n" },
      ]),
    ).rejects.toThrow("deploy/dev/missing.yaml: no such file or directory");
    expect(snapshot(root)).toEqual(before);
  });
});

describe("LocalRepo.readConfig", () => {
  it("is undefined when the repository has no .github/promenade.yml", async () => {
    expect(await new LocalRepo(temp.repo({ "a.yaml": "" })).readConfig()).toBeUndefined();
  });

  it("parses a valid config", async () => {
    const root = temp.repo({ ".github/promenade.yml": "environments:\n  dev:\n    path: deploy/dev\n", "deploy/dev/values.yaml": "" });
    const config = await new LocalRepo(root).readConfig();
    expect(config?.environments["dev"]?.path).toBe("deploy/dev");
  });

  it("throws ConfigError for an invalid config", async () => {
    const root = temp.repo({ ".github/promenade.yml": "environments:\n  dev:\n    autoMerge: yes-please\n" });
    await expect(new LocalRepo(root).readConfig()).rejects.toBeInstanceOf(ConfigError);
  });
});
