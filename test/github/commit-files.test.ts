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

describe("splitCommitMessage", () => {
  it("keeps a one-line message as a headline only", () => {
    expect(splitCommitMessage("Promote api")).toEqual({ headline: "Promote api" });
  });
});
