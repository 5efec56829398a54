import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { createAdapter, REPO } from "./fixtures.js";

useNockGuard();

const TITLE = "Action required: fix .github/promenade.yml";
const BOT = { login: "promenade[bot]", type: "Bot" };
const issue = (number: number, title: string, extra: object = {}) => ({
  number,
  title,
  body: "errors",
  html_url: `https://github.com/acme/gitops/issues/${number}`,
  state: "open",
  user: BOT,
  updated_at: "2026-11-23T09:00:00Z",
  ...extra,
});

/** The issues labelled `promenade`, open and closed, as GitHub lists them. */
function mockLabelled(issues: object[]): void {
  nock(GITHUB_API).get("/repos/acme/gitops/issues").query({ state: "all", labels: "promenade", per_page: "100" }).reply(200, issues);
}

describe("the config-error issue", () => {
  it("is found by its exact title among the open ones, pull requests left out", async () => {
    mockLabelled([issue(6, TITLE, { state: "closed" }), issue(3, TITLE, { pull_request: { url: "x" } }), issue(4, "Other"), issue(5, TITLE)]);
    const { github } = createAdapter();
    await expect(github.findOpenIssueByTitle(REPO, TITLE, "promenade")).resolves.toEqual({
      number: 5,
      title: TITLE,
      body: "errors",
      url: "https://github.com/acme/gitops/issues/5",
      state: "open",
      author: "promenade[bot]",
      authorIsBot: true,
      updatedAt: "2026-11-23T09:00:00Z",
    });
  });

  it("is opened, updated and closed", async () => {
    nock(GITHUB_API)
      .post("/repos/acme/gitops/issues")
      .reply(201, issue(5, TITLE))
      .patch("/repos/acme/gitops/issues/5")
      .reply(200, issue(5, TITLE))
      .patch("/repos/acme/gitops/issues/5")
      .reply(200, issue(5, TITLE));
    const { github, recorder } = createAdapter();
    await github.createIssue(REPO, { title: TITLE, body: "errors", labels: ["promenade"] });
    await github.updateIssue(REPO, 5, { body: "other errors" });
    await github.closeIssue(REPO, 5);
    expect(recorder.requests.map((r) => [r.method, r.path, r.body])).toMatchInlineSnapshot(`
      [
        [
          "POST",
          "/repos/acme/gitops/issues",
          {
            "body": "errors",
            "labels": [
              "promenade",
            ],
            "title": "Action required: fix .github/promenade.yml",
          },
        ],
        [
          "PATCH",
          "/repos/acme/gitops/issues/5",
          {
            "body": "other errors",
          },
        ],
        [
          "PATCH",
          "/repos/acme/gitops/issues/5",
          {
            "state": "closed",
            "state_reason": "completed",
          },
        ],
      ]
    `);
  });
});
