import nock from "nock";
import { describe, expect, it } from "vitest";
import { splitCommitMessage } from "../../src/github/commit-files.js";
import { GitHubError } from "../../src/github/errors.js";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { BASE_SHA, createAdapter, NEW_SHA, REPO } from "./fixtures.js";

useNockGuard();

const COMMIT = {
  branch: "promenade/dev/api",
  baseSha: BASE_SHA,
  message: "Promote api 1.4.2 to dev\n\nFrom ghcr.io/acme/api:1.4.2.",
  changes: [
    { path: "deploy/dev/api/values.yaml", content: "image:\n  tag: 1.4.2\n" },
    { path: "deploy/dev/worker/kustomization.yaml", content: "images:\n- name: api\n  newTag: 1.4.2\n" },
  ],
};

describe("commitFiles", () => {
  it("writes every change in one createCommitOnBranch mutation on top of the base", async () => {
    nock(GITHUB_API)
      .post("/graphql")
      .reply(200, { data: { createCommitOnBranch: { commit: { oid: NEW_SHA } } } });
    const { github, recorder } = createAdapter();
    await expect(github.commitFiles(REPO, COMMIT)).resolves.toBe(NEW_SHA);
    expect(recorder.writes).toBe(1);
    expect(recorder.requests[0]?.body).toMatchInlineSnapshot(`
      {
        "query": "mutation promenadeCommit($input: CreateCommitOnBranchInput!) {
        createCommitOnBranch(input: $input) { commit { oid } }
      }",
        "variables": {
          "input": {
            "branch": {
              "branchName": "promenade/dev/api",
              "repositoryNameWithOwner": "acme/gitops",
            },
            "expectedHeadOid": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "fileChanges": {
              "additions": [
                {
                  "contents": "aW1hZ2U6CiAgdGFnOiAxLjQuMgo=",
                  "path": "deploy/dev/api/values.yaml",
                },
                {
                  "contents": "aW1hZ2VzOgotIG5hbWU6IGFwaQogIG5ld1RhZzogMS40LjIK",
                  "path": "deploy/dev/worker/kustomization.yaml",
                },
              ],
            },
            "message": {
              "body": "From ghcr.io/acme/api:1.4.2.",
              "headline": "Promote api 1.4.2 to dev",
            },
          },
        },
      }
    `);
  });

  it("reports GitHub's refusal when the branch moved", async () => {
    nock(GITHUB_API)
      .post("/graphql")
      .reply(200, {
        data: { createCommitOnBranch: null },
        errors: [{ type: "STALE_DATA", message: 'Expected branch to point to "aaaa" but it did not.' }],
      });
    const { github } = createAdapter();
    const error = await github.commitFiles(REPO, COMMIT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).detail).toMatch(/^STALE_DATA: Expected branch/);
  });
});

describe("createBranchWithCommit", () => {
  const REPOSITORY_ID = "R_gitops";
  const isBranchAndCommit = (body: { query?: string }) => body.query?.includes("createRef(") === true;
  const refused = (field: string, type: string, message: string) => ({ type, path: [field], message });
  const EXISTS = refused("createRef", "UNPROCESSABLE", 'A ref named "refs/heads/promenade/dev/api" already exists in the repository.');

  it("creates the branch at the base and commits on it in one GraphQL request (one write, one round trip)", async () => {
    nock(GITHUB_API)
      .post("/graphql", isBranchAndCommit)
      .reply(200, { data: { createRef: { ref: { name: "refs/heads/promenade/dev/api" } }, createCommitOnBranch: { commit: { oid: NEW_SHA } } } });
    const { github, recorder } = createAdapter();
    await expect(github.createBranchWithCommit(REPO, REPOSITORY_ID, COMMIT)).resolves.toBe(NEW_SHA);
    expect({ reads: recorder.reads, writes: recorder.writes, roundTrips: recorder.roundTrips }).toEqual({ reads: 0, writes: 1, roundTrips: 1 });
    const sent = recorder.requests[0]?.body as { query: string; variables: { branch: unknown; input: { expectedHeadOid: string } } };
    expect(sent.query).toMatchInlineSnapshot(`
      "mutation promenadeBranchAndCommit($branch: CreateRefInput!, $input: CreateCommitOnBranchInput!) {
        createRef(input: $branch) { ref { name } }
        createCommitOnBranch(input: $input) { commit { oid } }
      }"
    `);
    expect(sent.variables.branch).toEqual({ repositoryId: REPOSITORY_ID, name: "refs/heads/promenade/dev/api", oid: BASE_SHA });
    expect(sent.variables.input.expectedHeadOid).toBe(BASE_SHA);
  });

  it("takes the commit when the branch already existed at the base (an earlier try created it and its commit failed)", async () => {
    nock(GITHUB_API)
      .post("/graphql", isBranchAndCommit)
      .reply(200, { data: { createRef: null, createCommitOnBranch: { commit: { oid: NEW_SHA } } }, errors: [EXISTS] });
    const { github, recorder } = createAdapter();
    await expect(github.createBranchWithCommit(REPO, REPOSITORY_ID, COMMIT)).resolves.toBe(NEW_SHA);
    expect(recorder.writes).toBe(1);
  });

  it("moves a branch that exists elsewhere to the base and commits on it, as resetBranch and commitFiles would", async () => {
    const stale = refused("createCommitOnBranch", "STALE_DATA", `Expected branch to point to "${BASE_SHA}" but it did not. Pull and try again.`);
    nock(GITHUB_API)
      .post("/graphql", isBranchAndCommit)
      .reply(200, { data: { createRef: null, createCommitOnBranch: null }, errors: [EXISTS, stale] })
      .get("/repos/acme/gitops/git/ref/heads%2Fpromenade%2Fdev%2Fapi")
      .reply(200, {
        ref: "refs/heads/promenade/dev/api",
        node_id: "REF_1",
        url: "",
        object: { type: "commit", sha: "0123456789abcdef0123456789abcdef01234567", url: "" },
      })
      .patch("/repos/acme/gitops/git/refs/heads%2Fpromenade%2Fdev%2Fapi", { sha: BASE_SHA, force: true })
      .reply(200, { ref: "refs/heads/promenade/dev/api", node_id: "REF_1", url: "", object: { type: "commit", sha: BASE_SHA, url: "" } })
      .post("/graphql", (body: { query?: string }) => !isBranchAndCommit(body) && body.query?.includes("createCommitOnBranch") === true)
      .reply(200, { data: { createCommitOnBranch: { commit: { oid: NEW_SHA } } } });
    const { github, recorder } = createAdapter();
    await expect(github.createBranchWithCommit(REPO, REPOSITORY_ID, COMMIT)).resolves.toBe(NEW_SHA);
    expect(recorder.writes).toBe(3);
  });

  it("does not rely on the text of createRef's error: a branch that exists is moved whatever GitHub said", async () => {
    const odd = refused("createRef", "UNPROCESSABLE", "Reference cannot be created");
    const stale = refused("createCommitOnBranch", "STALE_DATA", "the branch moved");
    nock(GITHUB_API)
      .post("/graphql", isBranchAndCommit)
      .reply(200, { data: { createRef: null, createCommitOnBranch: null }, errors: [odd, stale] })
      .get("/repos/acme/gitops/git/ref/heads%2Fpromenade%2Fdev%2Fapi")
      .reply(200, {
        ref: "refs/heads/promenade/dev/api",
        node_id: "REF_1",
        url: "",
        object: { type: "commit", sha: "0123456789abcdef0123456789abcdef01234567", url: "" },
      })
      .patch("/repos/acme/gitops/git/refs/heads%2Fpromenade%2Fdev%2Fapi", { sha: BASE_SHA, force: true })
      .reply(200, { ref: "refs/heads/promenade/dev/api", node_id: "REF_1", url: "", object: { type: "commit", sha: BASE_SHA, url: "" } })
      .post("/graphql", (body: { query?: string }) => !isBranchAndCommit(body) && body.query?.includes("createCommitOnBranch") === true)
      .reply(200, { data: { createCommitOnBranch: { commit: { oid: NEW_SHA } } } });
    const { github } = createAdapter();
    await expect(github.createBranchWithCommit(REPO, REPOSITORY_ID, COMMIT)).resolves.toBe(NEW_SHA);
  });

  it.each([
    [
      "the commit is refused on the new branch",
      { data: { createRef: { ref: { name: "x" } }, createCommitOnBranch: null }, errors: [refused("createCommitOnBranch", "UNPROCESSABLE", "too large")] },
      /^UNPROCESSABLE: too large/,
    ],
    [
      "the branch cannot be created for another reason",
      {
        data: { createRef: null, createCommitOnBranch: null },
        errors: [refused("createRef", "FORBIDDEN", "Resource not accessible by integration"), refused("createCommitOnBranch", "NOT_FOUND", "no ref")],
      },
      /^FORBIDDEN: Resource not accessible/,
    ],
  ])("throws a GitHubError, moving nothing, when %s", async (_what, answer, detail) => {
    nock(GITHUB_API).post("/graphql", isBranchAndCommit).reply(200, answer);
    // When the branch was not created, GitHub is asked whether it exists: it does not.
    if (answer.data.createRef === null) nock(GITHUB_API).get("/repos/acme/gitops/git/ref/heads%2Fpromenade%2Fdev%2Fapi").reply(404, { message: "Not Found" });
    const { github, recorder } = createAdapter();
    const error = await github.createBranchWithCommit(REPO, REPOSITORY_ID, COMMIT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).detail).toMatch(detail);
    expect((error as GitHubError).route).toBe("POST /graphql (createRef, createCommitOnBranch)");
    expect(recorder.writes).toBe(1);
  });

  it("throws GitHub's status and retry-after when the request fails as a whole", async () => {
    nock(GITHUB_API).post("/graphql", isBranchAndCommit).reply(502, { message: "Bad Gateway" }, { "retry-after": "3" });
    const { github } = createAdapter();
    await expect(github.createBranchWithCommit(REPO, REPOSITORY_ID, COMMIT)).rejects.toMatchObject({ name: "GitHubError", status: 502, retryAfter: 3 });
  });
});

describe("splitCommitMessage", () => {
  it("keeps a one-line message as a headline only", () => {
    expect(splitCommitMessage("Promote api")).toEqual({ headline: "Promote api" });
  });
});
