import nock from "nock";
import { describe, expect, it } from "vitest";
import { GitHubError } from "../../src/github/errors.js";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { BASE_SHA, createAdapter, NEW_SHA } from "./fixtures.js";

useNockGuard();

const SOURCE = { owner: "acme", repo: "api" };

describe("sourceRefs", () => {
  it("resolves tags (through annotated tags) and abbreviated SHAs to commits, with the latest releases, in one GraphQL query", async () => {
    nock(GITHUB_API)
      .post("/graphql")
      .reply(200, {
        data: {
          repository: {
            t0: null,
            t1: { target: { __typename: "Tag", oid: "f".repeat(40), target: { __typename: "Commit", oid: BASE_SHA } } },
            t2: { target: { __typename: "Commit", oid: NEW_SHA } },
            c0: { __typename: "Blob", oid: "e".repeat(40) },
            c1: { __typename: "Commit", oid: `1a2b3c4${"0".repeat(33)}` },
            releases: {
              nodes: [
                {
                  tagName: "v1.4.2",
                  name: null,
                  description: null,
                  url: "https://github.com/acme/api/releases/tag/v1.4.2",
                  isDraft: false,
                  tagCommit: { oid: NEW_SHA },
                },
                null,
              ],
            },
          },
        },
      });
    const { github, recorder } = createAdapter();
    const refs = await github.sourceRefs(SOURCE, { tags: ["1.4.1", "v1.4.1", "v1.4.2"], commits: ["deadbee0", "1a2b3c4"] });
    expect(refs).toEqual({
      tags: new Map([
        ["v1.4.1", BASE_SHA],
        ["v1.4.2", NEW_SHA],
      ]),
      commits: new Map([["1a2b3c4", `1a2b3c4${"0".repeat(33)}`]]),
      releases: [{ tagName: "v1.4.2", name: null, body: "", url: "https://github.com/acme/api/releases/tag/v1.4.2", commitSha: NEW_SHA, draft: false }],
    });
    expect(recorder.requests[0]?.body).toMatchObject({
      variables: { owner: "acme", name: "api", t0: "refs/tags/1.4.1", t1: "refs/tags/v1.4.1", t2: "refs/tags/v1.4.2", c0: "deadbee0", c1: "1a2b3c4" },
    });
    expect({ reads: recorder.reads, writes: recorder.writes }).toEqual({ reads: 1, writes: 0 });
  });

  it("answers null for a repository the app cannot see", async () => {
    nock(GITHUB_API)
      .post("/graphql")
      .reply(200, {
        data: { repository: null },
        errors: [{ type: "NOT_FOUND", path: ["repository"], message: "Could not resolve to a Repository with the name 'acme/api'." }],
      });
    const { github } = createAdapter();
    await expect(github.sourceRefs(SOURCE, { tags: ["1.4.1"], commits: [] })).resolves.toBeNull();
  });

  it("fails with a GitHubError for any other failure", async () => {
    nock(GITHUB_API).post("/graphql").reply(502, { message: "Bad Gateway" });
    const { github } = createAdapter();
    await expect(github.sourceRefs(SOURCE, { tags: ["1.4.1"], commits: [] })).rejects.toMatchObject({ name: "GitHubError", status: 502 });
  });
});

describe("compareSourceCommits", () => {
  const COMPARE = `/repos/acme/api/compare/${BASE_SHA}...${NEW_SHA}`;

  it("reads how the commits relate and the first 100 commits between them", async () => {
    nock(GITHUB_API)
      .get(COMPARE)
      .query({ per_page: "100" })
      .reply(200, {
        status: "diverged",
        ahead_by: 1,
        behind_by: 2,
        total_commits: 1,
        commits: [{ sha: NEW_SHA, html_url: `https://github.com/acme/api/commit/${NEW_SHA}`, commit: { message: "Fix (#3)" } }],
      });
    const { github } = createAdapter();
    await expect(github.compareSourceCommits(SOURCE, BASE_SHA, NEW_SHA)).resolves.toEqual({
      status: "diverged",
      aheadBy: 1,
      behindBy: 2,
      commits: [{ sha: NEW_SHA, message: "Fix (#3)", url: `https://github.com/acme/api/commit/${NEW_SHA}` }],
    });
  });

  it("answers null when a commit or the repository is not found, and fails with a GitHubError on a 403", async () => {
    nock(GITHUB_API).get(COMPARE).query({ per_page: "100" }).reply(404, { message: "Not Found" });
    nock(GITHUB_API).get(COMPARE).query({ per_page: "100" }).reply(403, { message: "Resource not accessible by integration" });
    const { github } = createAdapter();
    await expect(github.compareSourceCommits(SOURCE, BASE_SHA, NEW_SHA)).resolves.toBeNull();
    const denied = await github.compareSourceCommits(SOURCE, BASE_SHA, NEW_SHA).catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(GitHubError);
    expect(denied).toMatchObject({ status: 403 });
  });
});
