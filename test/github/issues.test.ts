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

/** An issue as Promenade's GraphQL query of its issues lists it, opened by its bot (GraphQL names a bot by its slug). */
const node = (number: number, title: string, extra: object = {}) => ({
  number,
  url: `https://github.com/acme/gitops/issues/${number}`,
  title,
  body: "errors",
  state: "OPEN",
  updatedAt: "2026-11-23T09:00:00Z",
  author: { __typename: "Bot", login: "promenade" },
  lastEditedAt: null,
  editor: null,
  firstEdits: { nodes: [] },
  lastEdits: { nodes: [] },
  renames: { nodes: [] },
  ...extra,
});

const page = (nodes: object[]) => ({ pageInfo: { hasNextPage: false, endCursor: null }, nodes });

/** The issues Promenade's bot opened (`byAuthor`) and those labelled `promenade` (`byLabel`), open and closed, in one query. */
function mockIssues(byAuthor: object[], byLabel: object[]): void {
  nock(GITHUB_API)
    .post(
      "/graphql",
      (body: { query?: string; variables?: Record<string, unknown> }) =>
        body.query?.includes("promenadeIssuesByAuthor") === true && body.variables?.author === "promenade[bot]",
    )
    .reply(200, { data: { repository: { byAuthor: page(byAuthor), byLabel: page(byLabel) } } });
}

describe("the config-error issue", () => {
  it("is found by its exact title among the open ones labelled, in the listing of Promenade's issues", async () => {
    const labelled = [node(6, TITLE, { state: "CLOSED" }), node(4, "Other"), node(5, TITLE, { author: { __typename: "User", login: "alice" } })];
    // Opened by Promenade's bot with the title, but no longer labelled: not the config issue.
    mockIssues([node(7, TITLE)], labelled);
    const { github, recorder } = createAdapter();
    await expect(github.findOpenIssueByTitle(REPO, TITLE, "promenade")).resolves.toMatchObject({
      number: 5,
      title: TITLE,
      body: "errors",
      url: "https://github.com/acme/gitops/issues/5",
      state: "open",
      author: "alice",
      authorIsBot: false,
      updatedAt: "2026-11-23T09:00:00Z",
    });
    // The holds read that follows is answered by the same listing.
    await github.listIssuesByAuthor(REPO, "promenade[bot]", "promenade");
    expect(recorder.lines()).toEqual(["POST /graphql"]);
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
