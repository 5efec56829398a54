import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { createAdapter, REPO } from "./fixtures.js";

useNockGuard();

const MARKER = "<!-- promenade:comment -->";
/** A comment as the API lists it, by Promenade (a bot) unless `by` says otherwise. */
const comment = (id: number, body: string, by: { login: string; type: "Bot" | "User" } = { login: "promenade[bot]", type: "Bot" }) => ({
  id,
  body,
  user: by,
  html_url: `https://github.com/acme/gitops/pull/7#issuecomment-${id}`,
});

describe("upsertComment", () => {
  it("edits the marked comment found on a later page instead of adding one", async () => {
    nock(GITHUB_API)
      .get("/repos/acme/gitops/issues/7/comments")
      .query({ per_page: "100" })
      .reply(200, [comment(1, "LGTM")], {
        link: '<https://api.github.com/repos/acme/gitops/issues/7/comments?per_page=100&page=2>; rel="next"',
      })
      .get("/repos/acme/gitops/issues/7/comments")
      .query({ per_page: "100", page: "2" })
      .reply(200, [comment(2, `${MARKER}\nold`)])
      .patch("/repos/acme/gitops/issues/comments/2", { body: `${MARKER}\nnew` })
      .reply(200, comment(2, `${MARKER}\nnew`));
    const { github, recorder } = createAdapter();
    await expect(github.upsertComment(REPO, 7, MARKER, `${MARKER}\nnew`)).resolves.toEqual({
      id: 2,
      url: "https://github.com/acme/gitops/pull/7#issuecomment-2",
    });
    expect({ reads: recorder.reads, writes: recorder.writes }).toEqual({ reads: 2, writes: 1 });
  });

  it("creates the comment, marker first, when there is none", async () => {
    nock(GITHUB_API)
      .get("/repos/acme/gitops/issues/7/comments")
      .query(true)
      .reply(200, [comment(1, "LGTM")])
      .post("/repos/acme/gitops/issues/7/comments", { body: `${MARKER}\nfirst` })
      .reply(201, comment(3, `${MARKER}\nfirst`));
    const { github } = createAdapter();
    await expect(github.upsertComment(REPO, 7, MARKER, "first")).resolves.toMatchObject({ id: 3 });
  });

  it("leaves a person's comment that quotes the marker alone and creates Promenade's own", async () => {
    nock(GITHUB_API)
      .get("/repos/acme/gitops/issues/7/comments")
      .query(true)
      .reply(200, [comment(5, `> ${MARKER}\n> quoted`, { login: "alice", type: "User" })])
      .post("/repos/acme/gitops/issues/7/comments", { body: `${MARKER}\nfirst` })
      .reply(201, comment(6, `${MARKER}\nfirst`));
    const { github } = createAdapter();
    await expect(github.upsertComment(REPO, 7, MARKER, "first")).resolves.toMatchObject({ id: 6 });
  });

  it("writes nothing when the comment already says the same", async () => {
    nock(GITHUB_API)
      .get("/repos/acme/gitops/issues/7/comments")
      .query(true)
      .reply(200, [comment(2, `${MARKER}\nsame`)]);
    const { github, recorder } = createAdapter();
    await github.upsertComment(REPO, 7, MARKER, `${MARKER}\nsame`);
    expect(recorder.writes).toBe(0);
  });
});

describe("comment", () => {
  it("posts a new comment", async () => {
    nock(GITHUB_API).post("/repos/acme/gitops/issues/7/comments", { body: "Next hop: #8" }).reply(201, comment(4, "Next hop: #8"));
    const { github } = createAdapter();
    await expect(github.comment(REPO, 7, "Next hop: #8")).resolves.toMatchObject({ id: 4 });
  });
});
