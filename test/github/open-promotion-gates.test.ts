import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { createAdapter, REPO } from "./fixtures.js";

useNockGuard();

/** An open pull request as the query lists it, with the check runs the query found for the app on its head. */
const node = (number: number, extra: object = {}, runs: object[] = []) => ({
  number,
  url: `https://github.com/acme/gitops/pull/${number}`,
  title: `Promote api 1.4.${number} to staging`,
  headRefName: "promenade/staging/api",
  isCrossRepository: false,
  author: { __typename: "Bot", login: "promenade" },
  commits: { nodes: [{ commit: { checkSuites: { nodes: runs.length === 0 ? [] : [{ checkRuns: { nodes: runs } }] } } }] },
  ...extra,
});

describe("the open pull requests with their gate", () => {
  it("asks once, for the app's own check run of that name only, and reads each PR's gate as the REST API spells it", async () => {
    nock(GITHUB_API)
      .post("/graphql")
      .reply(200, {
        data: {
          repository: {
            pullRequests: {
              nodes: [
                node(1, {}, [{ status: "COMPLETED", conclusion: "FAILURE", title: "Waiting for 1 approval" }]),
                node(2, { isCrossRepository: true, author: { __typename: "User", login: "mallory" }, headRefName: "promenade/staging/evil" }),
                null,
              ],
            },
          },
        },
      });
    const { github, recorder } = createAdapter();
    const gates = await github.openPullRequestGates(REPO, "main", 1, "promenade/gate");
    expect(gates).toEqual([
      {
        number: 1,
        url: "https://github.com/acme/gitops/pull/1",
        title: "Promote api 1.4.1 to staging",
        headBranch: "promenade/staging/api",
        fromFork: false,
        author: "promenade[bot]",
        authorIsBot: true,
        gate: { status: "completed", conclusion: "failure", title: "Waiting for 1 approval" },
      },
      {
        number: 2,
        url: "https://github.com/acme/gitops/pull/2",
        title: "Promote api 1.4.2 to staging",
        headBranch: "promenade/staging/evil",
        fromFork: true,
        author: "mallory",
        authorIsBot: false,
        gate: null,
      },
    ]);
    expect(recorder.requests.map((r) => (r.body as { variables: unknown }).variables)).toEqual([
      { owner: "acme", name: "gitops", base: "main", appId: 1, check: "promenade/gate", first: 100 },
    ]);
  });

  it("fails with a GitHubError when the repository is not there", async () => {
    nock(GITHUB_API)
      .post("/graphql")
      .reply(200, { data: { repository: null } });
    const { github } = createAdapter();
    await expect(github.openPullRequestGates(REPO, "main", 1, "promenade/gate")).rejects.toThrow("the repository was not found");
  });
});
