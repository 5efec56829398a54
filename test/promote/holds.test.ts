import nock from "nock";
import { describe, expect, it } from "vitest";
import { HOLDS_ISSUE_TITLE } from "../../src/engine/markdown/holds.js";
import { changeHolds, readHolds } from "../../src/promote/holds.js";
import { createAdapter, REPO } from "../github/fixtures.js";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { hold, holdsIssue, listedHoldsIssue, mockHoldsIssues, PROMENADE_BOT, signedHoldsBody, type Account } from "../helpers/holds-issue.js";

useNockGuard();

const ENVIRONMENTS = ["dev", "staging", "production"];
const PRODUCTION = hold("production", "alice", "incident 4711");
const MALLORY: Account = { login: "mallory", type: "User" };
const LOST = "the holds issue #90 was changed by hand, so which environments are held cannot be told";

describe("reading the holds", () => {
  it("reads only the issue Promenade's bot opened, not a newer one with its title and a copy of its body opened by a person", async () => {
    const promenades = listedHoldsIssue([PRODUCTION]);
    mockHoldsIssues([promenades], [listedHoldsIssue([hold("staging", "mallory")], { number: 95, user: MALLORY }), promenades]);
    const holds = await readHolds(createAdapter().github, REPO);
    expect(holds.list(ENVIRONMENTS)).toEqual([PRODUCTION]);
    expect(holds.change).toBeNull();
  });

  it("finds Promenade's issue by its author, in one query, after its `promenade` label was removed", async () => {
    mockHoldsIssues([listedHoldsIssue([PRODUCTION])], []);
    const { github, recorder } = createAdapter();
    expect((await readHolds(github, REPO)).get("production")).toEqual(PRODUCTION);
    expect(recorder.lines()).toEqual(["POST /graphql"]);
  });

  it("finds the issue renamed by hand by the title it was opened with, and counts the rename as a change by hand", async () => {
    mockHoldsIssues([listedHoldsIssue([PRODUCTION], { title: "Nothing to see here", openedAs: HOLDS_ISSUE_TITLE })]);
    const holds = await readHolds(createAdapter().github, REPO);
    expect(holds.get("production")).toEqual(PRODUCTION);
    expect(holds.change).toEqual({ kind: "edited", issue: 90 });
  });

  it("believes the record when Promenade's bot made the last edit of the body", async () => {
    mockHoldsIssues([listedHoldsIssue([PRODUCTION], { editedBy: PROMENADE_BOT })]);
    const holds = await readHolds(createAdapter().github, REPO);
    expect(holds.list(ENVIRONMENTS)).toEqual([PRODUCTION]);
    expect(holds.change).toBeNull();
  });

  it.each([
    ["its record no longer verifies", { body: "We are good to go.", editedBy: MALLORY }],
    ["someone pasted back an earlier body, from before production was held, whose record still verifies", { body: signedHoldsBody([]), editedBy: MALLORY }],
    ["another app edited it, its record intact", { editedBy: { login: "helper[bot]", type: "Bot" } as Account }],
    ["it was renamed and its record removed by hand", { title: "Old news", openedAs: HOLDS_ISSUE_TITLE, body: "Nothing is held.", editedBy: MALLORY }],
  ])("holds every environment, by Promenade, when %s", async (_name, options) => {
    mockHoldsIssues([listedHoldsIssue([PRODUCTION], options)]);
    const holds = await readHolds(createAdapter().github, REPO);
    expect(holds.list(ENVIRONMENTS)).toEqual(
      ["dev", "production", "staging"].map((environment) => ({ environment, by: "promenade[bot]", reason: LOST, at: "2026-11-23T10:00:00Z" })),
    );
    expect(holds.change).toEqual({ kind: "lost", issue: 90 });
  });

  it("holds nothing when Promenade closed its issue with no hold left", async () => {
    mockHoldsIssues([listedHoldsIssue([], { state: "closed" })]);
    const holds = await readHolds(createAdapter().github, REPO);
    expect(holds.list(ENVIRONMENTS)).toEqual([]);
    expect(holds.change).toBeNull();
  });
});

describe("changing the holds", () => {
  it("after the record was lost, lifting one environment writes every other one as held", async () => {
    mockHoldsIssues([listedHoldsIssue([PRODUCTION], { body: "We are good to go.", editedBy: MALLORY })]);
    nock(GITHUB_API).patch("/repos/acme/gitops/issues/90").reply(200, holdsIssue([]));
    const { github, recorder } = createAdapter();
    const after = await changeHolds(github, REPO, { lift: "production" }, ENVIRONMENTS);
    expect(after.list(ENVIRONMENTS).map((held) => held.environment)).toEqual(["dev", "staging"]);
    const [write] = recorder.requests.filter((r) => r.method === "PATCH").map((r) => r.body as { body: string });
    expect(write?.body).toBe(signedHoldsBody(after.list(ENVIRONMENTS)));
  });

  it("writes over a pasted earlier body one revision on, so that the body changes and GitHub records Promenade as its last editor", async () => {
    const pasted = signedHoldsBody([], 1);
    mockHoldsIssues([listedHoldsIssue([PRODUCTION], { body: pasted, editedBy: MALLORY })]);
    nock(GITHUB_API).patch("/repos/acme/gitops/issues/90").twice().reply(200, holdsIssue([]));
    const { github, recorder } = createAdapter();
    const after = await changeHolds(github, REPO, { lift: "production" }, ["production"]);
    expect(after.list(["production"])).toEqual([]);
    const writes = recorder.requests.filter((r) => r.method === "PATCH").map((r) => r.body);
    expect(writes).toEqual([{ body: signedHoldsBody([], 2) }, { state: "closed", state_reason: "completed" }]);
    expect(writes[0]).not.toEqual({ body: pasted });
  });

  it("puts a hold in Promenade's closed issue, opened again with its title back, instead of opening another", async () => {
    mockHoldsIssues([listedHoldsIssue([], { state: "closed", title: "renamed", openedAs: HOLDS_ISSUE_TITLE })]);
    nock(GITHUB_API)
      .patch("/repos/acme/gitops/issues/90")
      .reply(200, holdsIssue([PRODUCTION]));
    const { github, recorder } = createAdapter();
    await changeHolds(github, REPO, { hold: PRODUCTION }, ENVIRONMENTS);
    expect(recorder.requests.filter((r) => r.method !== "GET").map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/graphql", expect.anything()],
      ["PATCH", "/repos/acme/gitops/issues/90", { title: "Promenade: held environments", body: signedHoldsBody([PRODUCTION], 2), state: "open" }],
    ]);
  });
});
