import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { createAdapter, REPO } from "./fixtures.js";

useNockGuard();

const BOT = { __typename: "Bot", login: "promenade" };
const MALLORY = { __typename: "User", login: "mallory" };

/** An issue as the query lists it: opened by Promenade's bot at 09:00, never edited nor renamed, unless `extra` says otherwise. */
const node = (number: number, extra: object = {}) => ({
  number,
  url: `https://github.com/acme/gitops/issues/${number}`,
  title: "Promenade: held environments",
  body: "held",
  state: "OPEN",
  updatedAt: "2026-11-23T09:00:00Z",
  author: BOT,
  lastEditedAt: null,
  editor: null,
  firstEdits: { nodes: [] },
  lastEdits: { nodes: [] },
  renames: { nodes: [] },
  ...extra,
});

const edit = (editedAt: string, editor: object | null) => ({ editedAt, editor });

/** One page of each list (`more`: GitHub says there is another, after `cursor`). */
const page = (nodes: object[], more = false, cursor: string | null = nodes.length === 0 ? null : `after-${nodes.length}`) => ({
  pageInfo: { hasNextPage: more, endCursor: cursor },
  nodes,
});

function mockPage(byAuthor: object, byLabel: object): void {
  nock(GITHUB_API)
    .post("/graphql")
    .reply(200, { data: { repository: { byAuthor, byLabel } } });
}

/** The variables of each query sent. */
function variables(recorder: { requests: { body?: unknown }[] }): unknown[] {
  return recorder.requests.map((r) => (r.body as { variables: unknown }).variables);
}

describe("the issues an app opened", () => {
  it("are those its bot opened and those labelled, each once, newest first, its bot named as the REST API names it", async () => {
    mockPage(page([node(90), node(12, { state: "CLOSED" })]), page([node(95, { author: MALLORY }), node(90)]));
    const { github, recorder } = createAdapter();
    const issues = await github.listIssuesByAuthor(REPO, "promenade[bot]", "promenade");
    expect(issues.map(({ number, state, author, authorIsBot }) => ({ number, state, author, authorIsBot }))).toEqual([
      { number: 95, state: "open", author: "mallory", authorIsBot: false },
      { number: 90, state: "open", author: "promenade[bot]", authorIsBot: true },
      { number: 12, state: "closed", author: "promenade[bot]", authorIsBot: true },
    ]);
    expect(variables(recorder)).toEqual([{ owner: "acme", name: "gitops", author: "promenade[bot]", label: "promenade", authorAfter: null, labelAfter: null }]);
  });

  it("say who last edited each body, by the issue's editor and by the later end of its edit history, whichever order GitHub lists it in", async () => {
    const opened = edit("2026-11-23T09:00:00Z", BOT);
    const byMallory = edit("2026-11-23T10:00:00Z", MALLORY);
    mockPage(
      page([
        node(1),
        node(2, { lastEditedAt: "2026-11-23T10:00:00Z", editor: MALLORY, firstEdits: { nodes: [byMallory] }, lastEdits: { nodes: [opened] } }),
        node(3, { lastEditedAt: "2026-11-23T10:00:00Z", editor: BOT, firstEdits: { nodes: [opened] }, lastEdits: { nodes: [byMallory] } }),
        node(4, { lastEditedAt: "2026-11-23T10:00:00Z", editor: null }),
        node(5, {
          lastEditedAt: "2026-11-23T10:00:00Z",
          editor: { __typename: "Bot", login: "promenade[bot]" },
          lastEdits: { nodes: [edit("2026-11-23T10:00:00Z", BOT)] },
        }),
      ]),
      page([]),
    );
    const issues = await createAdapter().github.listIssuesByAuthor(REPO, "promenade[bot]", "promenade");
    expect(issues.map(({ number, lastBodyEditors }) => [number, lastBodyEditors])).toEqual([
      [5, ["promenade[bot]", "promenade[bot]"]],
      [4, [""]],
      [3, ["promenade[bot]", "mallory"]],
      [2, ["mallory", "mallory"]],
      [1, []],
    ]);
  });

  it("say the title each was opened with: the one its first rename replaced", async () => {
    mockPage(page([node(90, { title: "Nothing to see here", renames: { nodes: [{ previousTitle: "Promenade: held environments" }] } }), node(91)]), page([]));
    const issues = await createAdapter().github.listIssuesByAuthor(REPO, "promenade[bot]", "promenade");
    expect(issues.map(({ title, openingTitle }) => [title, openingTitle])).toEqual([
      ["Promenade: held environments", "Promenade: held environments"],
      ["Nothing to see here", "Promenade: held environments"],
    ]);
  });

  it("are read page by page until both lists end, each list asked after its last issue read", async () => {
    mockPage(page([node(99)], true, "author-1"), page([node(98)], false, "label-1"));
    mockPage(page([node(12)], false, "author-2"), page([]));
    const { github, recorder } = createAdapter();
    const issues = await github.listIssuesByAuthor(REPO, "promenade[bot]", "promenade");
    expect(issues.map((issue) => issue.number)).toEqual([99, 98, 12]);
    expect(variables(recorder)).toEqual([
      { owner: "acme", name: "gitops", author: "promenade[bot]", label: "promenade", authorAfter: null, labelAfter: null },
      { owner: "acme", name: "gitops", author: "promenade[bot]", label: "promenade", authorAfter: "author-1", labelAfter: "label-1" },
    ]);
  });

  it("are read once per client, and again after it writes an issue", async () => {
    mockPage(page([node(90)]), page([node(90)]));
    mockPage(page([node(90, { state: "CLOSED" })]), page([]));
    nock(GITHUB_API).patch("/repos/acme/gitops/issues/90").reply(200, {});
    const { github, recorder } = createAdapter();
    await github.listIssuesByAuthor(REPO, "promenade[bot]", "promenade");
    await github.listIssuesByAuthor(REPO, "promenade[bot]", "promenade");
    await github.closeIssue(REPO, 90);
    const [after] = await github.listIssuesByAuthor(REPO, "promenade[bot]", "promenade");
    expect(after?.state).toBe("closed");
    expect(recorder.lines()).toEqual(["POST /graphql", "PATCH /repos/acme/gitops/issues/90", "POST /graphql"]);
  });
});
