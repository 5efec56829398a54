import nock from "nock";
import { describe, expect, it } from "vitest";
import { GitHubError } from "../../src/github/errors.js";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { BASE_SHA, createAdapter, REPO } from "./fixtures.js";

useNockGuard();

describe("defaultBranchHead", () => {
  it("reads the default branch and its head in one GraphQL query", async () => {
    nock(GITHUB_API)
      .post("/graphql")
      .reply(200, { data: { repository: { defaultBranchRef: { name: "main", target: { oid: BASE_SHA } } } } });
    const { github, recorder } = createAdapter();
    await expect(github.defaultBranchHead(REPO)).resolves.toEqual({ branch: "main", sha: BASE_SHA });
    expect(recorder.requests[0]?.body).toMatchInlineSnapshot(`
      {
        "query": "query promenadeDefaultBranch($owner: String!, $name: String!) {
        repository(owner: $owner, name: $name) {
          defaultBranchRef { name target { oid } }
        }
      }",
        "variables": {
          "name": "gitops",
          "owner": "acme",
        },
      }
    `);
    expect({ reads: recorder.reads, writes: recorder.writes }).toEqual({ reads: 1, writes: 0 });
  });

  it("fails with a GitHubError for an empty repository", async () => {
    nock(GITHUB_API)
      .post("/graphql")
      .reply(200, { data: { repository: { defaultBranchRef: null } } });
    const { github } = createAdapter();
    await expect(github.defaultBranchHead(REPO)).rejects.toThrow(/has no default branch/);
  });
});

describe("defaultBranchHeadAndFile", () => {
  const TEXT = "environments:\n  dev: { path: deploy/dev }\n";
  const blob = (fields: object = {}) => ({ text: TEXT, byteSize: Buffer.byteLength(TEXT), isBinary: false, isTruncated: false, ...fields });
  const answer = (file: object | null) => ({ data: { repository: { id: "R_1", defaultBranchRef: { name: "main", target: { oid: BASE_SHA, file } } } } });

  it("reads the default branch, its head, a file's text in that commit and the repository's node id in one GraphQL query", async () => {
    nock(GITHUB_API)
      .post("/graphql", (body: { variables?: Record<string, unknown> }) => body.variables?.path === ".github/promenade.yml")
      .reply(200, answer({ mode: 0o100644, object: blob() }));
    const { github, recorder } = createAdapter();
    await expect(github.defaultBranchHeadAndFile(REPO, ".github/promenade.yml")).resolves.toEqual({
      head: { branch: "main", sha: BASE_SHA },
      file: TEXT,
      repositoryId: "R_1",
    });
    expect({ reads: recorder.reads, writes: recorder.writes }).toEqual({ reads: 1, writes: 0 });
  });

  it("answers null for a file the commit does not have", async () => {
    nock(GITHUB_API).post("/graphql").reply(200, answer(null));
    const { github } = createAdapter();
    await expect(github.defaultBranchHeadAndFile(REPO, ".github/promenade.yml")).resolves.toEqual({
      head: { branch: "main", sha: BASE_SHA },
      file: null,
      repositoryId: "R_1",
    });
  });

  it.each([
    ["a directory", { mode: 0o040000, object: {} }],
    ["a symlink", { mode: 0o120000, object: blob({ text: "elsewhere.yml", byteSize: 13 }) }],
    ["a submodule", { mode: 0o160000, object: null }],
    ["binary", { mode: 0o100644, object: blob({ text: null, isBinary: true }) }],
    ["truncated", { mode: 0o100644, object: blob({ isTruncated: true }) }],
    ["larger than a config may be", { mode: 0o100644, object: blob({ byteSize: 2 * 1024 * 1024 }) }],
    ["not UTF-8 (GraphQL's text holds replacement characters)", { mode: 0o100644, object: blob({ text: "a: \uFFFD\n", byteSize: 5 }) }],
    ["text that is not the stored bytes", { mode: 0o100644, object: blob({ byteSize: Buffer.byteLength(TEXT) + 3 }) }],
  ])("leaves %s to the contents API (undefined)", async (_what, file) => {
    nock(GITHUB_API).post("/graphql").reply(200, answer(file));
    const { github } = createAdapter();
    await expect(github.defaultBranchHeadAndFile(REPO, ".github/promenade.yml")).resolves.toEqual({
      head: { branch: "main", sha: BASE_SHA },
      file: undefined,
      repositoryId: "R_1",
    });
  });

  it("fails with a GitHubError for an empty repository", async () => {
    nock(GITHUB_API)
      .post("/graphql")
      .reply(200, { data: { repository: { defaultBranchRef: null } } });
    const { github } = createAdapter();
    await expect(github.defaultBranchHeadAndFile(REPO, ".github/promenade.yml")).rejects.toThrow(/has no default branch/);
  });
});

describe("resetBranch", () => {
  it("creates the branch at the commit", async () => {
    nock(GITHUB_API)
      .post("/repos/acme/gitops/git/refs", { ref: "refs/heads/promenade/dev/api", sha: BASE_SHA })
      .reply(201, { ref: "refs/heads/promenade/dev/api", object: { sha: BASE_SHA } });
    const { github, recorder } = createAdapter();
    await expect(github.resetBranch(REPO, "promenade/dev/api", BASE_SHA)).resolves.toBe("created");
    expect(recorder.writes).toBe(1);
  });

  it("force-moves the branch when it already exists", async () => {
    nock(GITHUB_API)
      .post("/repos/acme/gitops/git/refs")
      .reply(422, { message: "Reference already exists", documentation_url: "https://docs.github.com/rest" })
      .patch("/repos/acme/gitops/git/refs/heads%2Fpromenade%2Fdev%2Fapi")
      .reply(200, { ref: "refs/heads/promenade/dev/api", object: { sha: BASE_SHA } });
    const { github, recorder } = createAdapter();
    await expect(github.resetBranch(REPO, "promenade/dev/api", BASE_SHA)).resolves.toBe("moved");
    expect(recorder.requests.map((r) => [r.method, r.path, r.body])).toMatchInlineSnapshot(`
      [
        [
          "POST",
          "/repos/acme/gitops/git/refs",
          {
            "ref": "refs/heads/promenade/dev/api",
            "sha": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
          },
        ],
        [
          "PATCH",
          "/repos/acme/gitops/git/refs/heads%2Fpromenade%2Fdev%2Fapi",
          {
            "force": true,
            "sha": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
          },
        ],
      ]
    `);
  });

  it("does not force anything on another 422", async () => {
    nock(GITHUB_API).post("/repos/acme/gitops/git/refs").reply(422, { message: "Object does not exist" });
    const { github } = createAdapter();
    await expect(github.resetBranch(REPO, "promenade/dev/api", BASE_SHA)).rejects.toMatchObject({
      name: "GitHubError",
      status: 422,
      route: "POST /repos/{owner}/{repo}/git/refs",
    });
  });

  it("wraps a server error", async () => {
    nock(GITHUB_API).post("/repos/acme/gitops/git/refs").reply(502, { message: "Bad Gateway" }, { "retry-after": "3" });
    const { github } = createAdapter();
    const error = await github.resetBranch(REPO, "promenade/dev/api", BASE_SHA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ status: 502, retryAfter: 3 });
  });
});
