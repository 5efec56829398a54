import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { overlayReader } from "../../src/engine/repo/overlay-reader.js";
import { MemoryReader } from "../plan/helpers.js";

const BASE = new MemoryReader({
  "deploy/dev/kustomization.yaml": "dev: 1\n",
  "deploy/dev/old.yaml": "old: 1\n",
  "deploy/development/values.yaml": "other: 1\n",
  "deploy/staging/kustomization.yaml": "staging: 1\n",
});

const READER = overlayReader(
  BASE,
  new Map([
    ["deploy/dev/kustomization.yaml", "dev: 2\n"],
    ["deploy/dev/new/extra.yaml", "extra: 1\n"],
    ["deploy/dev/old.yaml", null],
    ["deploy/devnull.yaml", "outside: 1\n"],
    ["deploy/staging/gone.yaml", null],
  ]),
);

describe("overlayReader", () => {
  it("lists the added files of the directory, sorted, and leaves out the deleted ones", async () => {
    expect(await READER.listFiles("deploy/dev")).toEqual(["deploy/dev/kustomization.yaml", "deploy/dev/new/extra.yaml"]);
    expect(await READER.listFiles("deploy/staging")).toEqual(["deploy/staging/kustomization.yaml"]);
    expect(await READER.listFiles("")).toEqual([
      "deploy/dev/kustomization.yaml",
      "deploy/dev/new/extra.yaml",
      "deploy/development/values.yaml",
      "deploy/devnull.yaml",
      "deploy/staging/kustomization.yaml",
    ]);
  });

  it("reads changed and added files from the changes and the others through", async () => {
    expect(await READER.readFile("deploy/dev/kustomization.yaml")).toBe("dev: 2\n");
    expect(await READER.readFile("deploy/dev/new/extra.yaml")).toBe("extra: 1\n");
    expect(await READER.readFile("deploy/staging/kustomization.yaml")).toBe("staging: 1\n");
  });

  it("throws an InputError for a deleted file", async () => {
    await expect(READER.readFile("deploy/dev/old.yaml")).rejects.toThrow(InputError);
    await expect(READER.readFile("deploy/dev/old.yaml")).rejects.toMatchObject({ file: "deploy/dev/old.yaml" });
  });
});
