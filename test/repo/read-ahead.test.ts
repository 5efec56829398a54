import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { readAhead, readAheadReader } from "../../src/engine/repo/read-ahead.js";
import { scanImageReferences } from "../../src/engine/repo/scan.js";
import { memoryReader } from "../render-manifests/fake-tools.js";

const FILES = {
  "deploy/dev/kustomization.yaml": "images:\n  - name: ghcr.io/acme/api\n    newTag: 1.2.0\n",
  "deploy/dev/README.md": "# dev\n",
  "deploy/prod/kustomization.yaml": "images:\n  - name: ghcr.io/acme/api\n    newTag: 1.1.0\n",
};

describe("readAhead", () => {
  it("answers, after a structured clone, what the reader answered for the directories read", async () => {
    const reader = memoryReader(FILES, ["deploy/dev/blob.yaml"]);
    const ahead = structuredClone(await readAhead(reader, ["./deploy/dev/"]));
    const copy = readAheadReader(ahead);
    expect(await copy.listFiles("deploy/dev")).toEqual(await reader.listFiles("deploy/dev"));
    expect(await copy.readFile("deploy/dev/kustomization.yaml")).toBe(FILES["deploy/dev/kustomization.yaml"]);
    const unreadable = await scanImageReferences(copy, "deploy/dev").catch((error: unknown) => error);
    expect(unreadable).toBeInstanceOf(InputError);
    expect(unreadable).toEqual(await scanImageReferences(reader, "deploy/dev").catch((error: unknown) => error));
    expect(unreadable).toMatchObject({ file: "deploy/dev/blob.yaml", reason: "binary content (contains a NUL byte), not YAML text" });
  });

  it("reads only YAML files, and refuses what was not read ahead rather than answering it wrong", async () => {
    const copy = readAheadReader(await readAhead(memoryReader(FILES), ["deploy/dev"]));
    await expect(copy.readFile("deploy/dev/README.md")).rejects.toThrow("file 'deploy/dev/README.md' was not read ahead");
    await expect(copy.listFiles("deploy/prod")).rejects.toThrow("directory 'deploy/prod' was not read ahead");
    await expect(copy.readFile("deploy/prod/kustomization.yaml")).rejects.not.toBeInstanceOf(InputError);
  });
});
