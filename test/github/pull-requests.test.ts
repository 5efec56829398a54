import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { BASE_SHA, createAdapter, NEW_SHA, REPO } from "./fixtures.js";

useNockGuard();

const PR = {
  number: 7,
  html_url: "https://github.com/acme/gitops/pull/7",
  title: "Promote api 1.4.2 to dev",
  body: "table",
  state: "open",
  head: { ref: "promenade/dev/api", sha: NEW_SHA, repo: { full_name: "acme/gitops" } },
  base: { ref: "main", sha: BASE_SHA, repo: { full_name: "acme/gitops" } },
  labels: [{ name: "promenade" }],
  user: { login: "promenade[bot]" },
  merged_at: null,
};

describe("pull requests", () => {
  it("lists every open pull request, reading every page", async () => {
    const page2 = `${GITHUB_API}/repos/acme/gitops/pulls?state=open&per_page=100&page=2`;
    nock(GITHUB_API)
      .get("/repos/acme/gitops/pulls")
      .query({ state: "open", per_page: "100" })
      .reply(200, [PR], { link: `<${page2}>; rel="next"` })
      .get("/repos/acme/gitops/pulls")
      .query({ state: "open", per_page: "100", page: "2" })
      .reply(200, [{ ...PR, number: 8, body: null, head: { ref: "feature", sha: NEW_SHA, repo: null } }]);
    const { github, recorder } = createAdapter();
    const open = await github.listOpenPullRequests(REPO);
    expect(open.map((pr) => [pr.number, pr.headBranch, pr.body])).toEqual([
      [7, "promenade/dev/api", "table"],
      [8, "feature", ""],
    ]);
    expect(recorder.reads).toBe(2);
  });

  it("finds the open pull request from a branch of the repository", async () => {
    nock(GITHUB_API).get("/repos/acme/gitops/pulls").query({ state: "open", head: "acme:promenade/dev/api", per_page: "1" }).reply(200, [PR]);
    const { github } = createAdapter();
    await expect(github.findOpenPullRequest(REPO, "promenade/dev/api")).resolves.toMatchInlineSnapshot(`
      {
        "author": "promenade[bot]",
        "baseBranch": "main",
        "baseSha": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "body": "table",
        "fromFork": false,
        "headBranch": "promenade/dev/api",
        "headSha": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "labels": [
          "promenade",
        ],
        "merged": false,
        "number": 7,
        "state": "open",
        "title": "Promote api 1.4.2 to dev",
        "url": "https://github.com/acme/gitops/pull/7",
      }
    `);
  });

  it("answers null when there is none", async () => {
    nock(GITHUB_API).get("/repos/acme/gitops/pulls").query(true).reply(200, []);
    const { github } = createAdapter();
    await expect(github.findOpenPullRequest(REPO, "promenade/dev/api")).resolves.toBeNull();
  });

  it("opens, updates and labels a pull request", async () => {
    nock(GITHUB_API)
      .post("/repos/acme/gitops/pulls")
      .reply(201, PR)
      .patch("/repos/acme/gitops/pulls/7")
      .reply(200, { ...PR, state: "closed" })
      .post("/repos/acme/gitops/issues/7/labels")
      .reply(200, [{ name: "promenade" }]);
    const { github, recorder } = createAdapter();
    await github.createPullRequest(REPO, { title: PR.title, body: "table", head: "promenade/dev/api", base: "main" });
    await expect(github.updatePullRequest(REPO, 7, { body: "closed: dev runs 1.4.2", state: "closed" })).resolves.toMatchObject({
      state: "closed",
    });
    await github.addLabels(REPO, 7, ["promenade", "env:dev"]);
    await github.addLabels(REPO, 7, []);
    expect(recorder.requests.map((r) => [r.method, r.path, r.body])).toMatchInlineSnapshot(`
      [
        [
          "POST",
          "/repos/acme/gitops/pulls",
          {
            "base": "main",
            "body": "table",
            "head": "promenade/dev/api",
            "title": "Promote api 1.4.2 to dev",
          },
        ],
        [
          "PATCH",
          "/repos/acme/gitops/pulls/7",
          {
            "body": "closed: dev runs 1.4.2",
            "state": "closed",
          },
        ],
        [
          "POST",
          "/repos/acme/gitops/issues/7/labels",
          {
            "labels": [
              "promenade",
              "env:dev",
            ],
          },
        ],
      ]
    `);
  });
});

describe("opening a promotion", () => {
  it("costs 4 writes: branch, commit, pull request, labels", async () => {
    nock(GITHUB_API)
      .post("/repos/acme/gitops/git/refs")
      .reply(201, {})
      .post("/graphql")
      .reply(200, { data: { createCommitOnBranch: { commit: { oid: NEW_SHA } } } })
      .post("/repos/acme/gitops/pulls")
      .reply(201, PR)
      .post("/repos/acme/gitops/issues/7/labels")
      .reply(200, []);
    const { github, recorder } = createAdapter();
    await github.resetBranch(REPO, "promenade/dev/api", BASE_SHA);
    await github.commitFiles(REPO, {
      branch: "promenade/dev/api",
      baseSha: BASE_SHA,
      message: "Promote api 1.4.2 to dev",
      changes: [{ path: "deploy/dev/api.yaml", content: "tag: 1.4.2\n" }],
    });
    const pr = await github.createPullRequest(REPO, { title: PR.title, body: "table", head: "promenade/dev/api", base: "main" });
    await github.addLabels(REPO, pr.number, ["promenade"]);
    expect({ reads: recorder.reads, writes: recorder.writes, roundTrips: recorder.roundTrips }).toEqual({
      reads: 0,
      writes: 4,
      roundTrips: 4,
    });
  });
});
