import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { BASE_SHA, createAdapter, REPO } from "./fixtures.js";

useNockGuard();

describe("existingDirectories", () => {
  it("asks about every directory in one GraphQL query and keeps the trees", async () => {
    nock(GITHUB_API)
      .post("/graphql")
      .reply(200, { data: { repository: { d0: { __typename: "Tree" }, d1: null, d2: { __typename: "Blob" }, d3: { __typename: "Commit" } } } });
    const { github, recorder } = createAdapter();
    const found = await github.existingDirectories(REPO, BASE_SHA, ["deploy/dev", "deploy/qa", "deploy/file.yaml", "vendor/sub", "."]);
    expect([...found].sort()).toEqual([".", "deploy/dev"]);
    expect(recorder.requests[0]?.body).toMatchObject({
      query: expect.stringContaining("d3: object(expression: $d3) { __typename }") as unknown,
      variables: { owner: "acme", name: "gitops", d0: `${BASE_SHA}:deploy/dev`, d3: `${BASE_SHA}:vendor/sub` },
    });
    expect({ reads: recorder.reads, writes: recorder.writes }).toEqual({ reads: 1, writes: 0 });
  });

  it("answers the repository root without a request", async () => {
    const { github, recorder } = createAdapter();
    expect(await github.existingDirectories(REPO, BASE_SHA, ["."])).toEqual(new Set(["."]));
    expect(recorder.requests).toEqual([]);
  });
});
