import nock from "nock";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { TruncatedTreeError } from "../../src/github/errors.js";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { BASE_SHA, createAdapter, REPO } from "./fixtures.js";

useNockGuard();

const blob = (path: string, sha: string, size = 20) => ({ path, mode: "100644", type: "blob", sha, size });

const TREE = {
  sha: BASE_SHA,
  truncated: false,
  tree: [
    { path: "deploy", mode: "040000", type: "tree", sha: "1".repeat(40) },
    blob("deploy/dev/api.yaml", "2".repeat(40)),
    blob("deploy/dev/worker.yaml", "3".repeat(40)),
    blob("deploy/staging/api.yaml", "4".repeat(40)),
    { path: "deploy/dev/link.yaml", mode: "120000", type: "blob", sha: "5".repeat(40), size: 8 },
    { path: "deploy/dev/vendored", mode: "160000", type: "commit", sha: "6".repeat(40) },
    blob("deploy/dev/node_modules/x.yaml", "7".repeat(40)),
    blob("deploy/devtools.yaml", "8".repeat(40)),
  ],
};

function mockTree(body: object = TREE) {
  return nock(GITHUB_API).get(`/repos/acme/gitops/git/trees/${BASE_SHA}`).query({ recursive: "1" }).reply(200, body);
}

describe("TreeReader", () => {
  it("lists the files under a path with one tree call, leaving out symlinks and submodules", async () => {
    mockTree();
    const { github, recorder } = createAdapter();
    const reader = github.treeReader(REPO, BASE_SHA);
    await expect(reader.listFiles("deploy/dev")).resolves.toEqual(["deploy/dev/api.yaml", "deploy/dev/worker.yaml"]);
    await expect(reader.listFiles("")).resolves.toHaveLength(4);
    expect(recorder.reads).toBe(1);
  });

  it("reads a file from its blob", async () => {
    mockTree()
      .get(`/repos/acme/gitops/git/blobs/${"2".repeat(40)}`)
      .reply(200, { sha: "2".repeat(40), size: 12, encoding: "base64", content: Buffer.from("tag: 1.4.2\n").toString("base64") });
    const { github, recorder } = createAdapter();
    await expect(github.treeReader(REPO, BASE_SHA).readFile("deploy/dev/api.yaml")).resolves.toBe("tag: 1.4.2\n");
    expect(recorder.lines()).toMatchInlineSnapshot(`
      [
        "GET /repos/acme/gitops/git/trees/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?recursive=1",
        "GET /repos/acme/gitops/git/blobs/2222222222222222222222222222222222222222",
      ]
    `);
  });

  it("refuses a symlink and a file over 1 MiB without fetching them", async () => {
    mockTree({ ...TREE, tree: [...TREE.tree, blob("deploy/dev/huge.yaml", "9".repeat(40), 2_000_000)] });
    const reader = createAdapter().github.treeReader(REPO, BASE_SHA);
    await expect(reader.readFile("deploy/dev/link.yaml")).rejects.toThrow(InputError);
    await expect(reader.readFile("deploy/dev/huge.yaml")).rejects.toThrow(/larger than 1 MiB/);
  });

  it("says so when GitHub truncated the tree", async () => {
    mockTree({ ...TREE, truncated: true });
    const reader = createAdapter().github.treeReader(REPO, BASE_SHA);
    await expect(reader.listFiles("deploy")).rejects.toThrow(TruncatedTreeError);
  });
});
