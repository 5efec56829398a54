/** Reading the files a LocalRepo listed goes straight to the real paths it found, and still refuses what changed since into a symlink. */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { LocalRepo } from "../../src/local/local-repo.js";
import { TempDirs } from "../repo/temp-repo.js";

const temp = new TempDirs();
afterEach(() => temp.cleanup());

describe("LocalRepo reading listed files", () => {
  it("reads a listed file, also through a LocalRepo handed the listing (as a worker thread is)", async () => {
    const root = temp.repo({ "deploy/dev/values.yaml": "image: nginx:1.27\n" });
    const repo = new LocalRepo(root);
    expect(await repo.listFiles("")).toEqual(["deploy/dev/values.yaml"]);
    const worker = new LocalRepo(root, repo.listedPaths(["deploy/dev/values.yaml"]));
    expect(await worker.readFile("deploy/dev/values.yaml")).toBe("image: nginx:1.27\n");
    expect(repo.listedPaths(["deploy/dev/values.yaml"])).toEqual([["deploy/dev/values.yaml", path.join(fs.realpathSync(root), "deploy/dev/values.yaml")]]);
  });

  it("refuses a listed file replaced since by a symlink out of the repository", async () => {
    const outside = temp.repo({ "secret.yaml": "password: hunter2\n" });
    const root = temp.repo({ "values.yaml": "image: nginx:1.27\n" });
    const repo = new LocalRepo(root);
    await repo.listFiles("");
    fs.rmSync(path.join(root, "values.yaml"));
    fs.symlinkSync(path.join(outside, "secret.yaml"), path.join(root, "values.yaml"));
    const error: unknown = await repo.readFile("values.yaml").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).reason).toBe("symlink points outside the repository");
  });

  it("says a listed file removed since does not exist", async () => {
    const root = temp.repo({ "values.yaml": "image: nginx:1.27\n" });
    const repo = new LocalRepo(root);
    await repo.listFiles("");
    fs.rmSync(path.join(root, "values.yaml"));
    await expect(repo.readFile("values.yaml")).rejects.toThrow("no such file or directory");
  });
});
