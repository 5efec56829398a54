import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GITHUB_API, type RequestRecorder, useNockGuard } from "../helpers/github-mock.js";
import { hold, holdsIssue, listedHoldsIssue, mockHoldsIssues, signedHoldsBody, type Account } from "../helpers/holds-issue.js";
import { issueCommentPayload } from "../helpers/payloads.js";
import { createPromotionApp } from "./app.js";
import { FixtureRepo, HEAD_SHA, REPO } from "./fixture-repo.js";
import { API_TO_PRODUCTION, mockNewPromotion, mockOpenPullRequests, pullRequest, sentBodies, signedPromotionBody } from "./promotion-mocks.js";
import { gateCheck, mockHeadCheckRuns, mockPullRequestCommits } from "./review-mocks.js";

useNockGuard();

const REPO_PATH = "/repos/acme/gitops";
const PAYLOAD_REPO = { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" };

const CONFIG = `environments:
  dev: { path: deploy/dev }
  staging: { path: deploy/staging, from: dev }
  production:
    path: deploy/production
    from: staging
    requires:
      approvals: 1
      reviewers: ["@acme/sre", alice]
`;

/**
 * The shop repository at main, with the commands' config; its files served
 * as readRepoAtHead reads them, with the issues Promenade's bot opened
 * (`issues`, listedHoldsIssue) and those labelled `promenade` (`labelled`: by
 * default the same).
 */
function serveShop(options: { archive?: boolean; issues?: object[]; labelled?: object[] } = {}): FixtureRepo {
  const shop = new FixtureRepo("shop", HEAD_SHA, { ".github/promenade.yml": CONFIG });
  shop.serveHeadAndConfig();
  mockHoldsIssues(options.issues ?? [], options.labelled);
  if (options.archive === true) shop.serveArchive();
  return shop;
}

/** A comment by `author` on issue (or PR) `number`. */
function commented(body: string, author: string, number = 5, extra: { pullRequest?: boolean; bot?: boolean; delivery?: string } = {}) {
  const { delivery, ...options } = extra;
  const payload = issueCommentPayload({ repo: PAYLOAD_REPO, number, body, author, ...options });
  return { id: delivery ?? `comment-${number}-${author}`, name: "issue_comment" as const, payload };
}

function mockReaction(commentId: number, content: string): void {
  nock(GITHUB_API).post(`${REPO_PATH}/issues/comments/${commentId}/reactions`, { content }).reply(201, { id: 1, content });
}

function mockPermission(login: string, permission: string): void {
  nock(GITHUB_API)
    .get(`${REPO_PATH}/collaborators/${login}/permission`)
    .reply(200, { permission: permission === "maintain" ? "write" : permission, role_name: permission, user: { login } });
}

function mockTeam(login: string, member: boolean): void {
  const scope = nock(GITHUB_API).get(`/orgs/acme/teams/sre/memberships/${login}`);
  if (member) scope.reply(200, { state: "active", role: "member", url: "" });
  else scope.reply(404, { message: "Not Found" });
}

/** No reply yet on #`number`; Promenade's is created. */
function mockReply(number: number): void {
  nock(GITHUB_API)
    .get(`${REPO_PATH}/issues/${number}/comments`)
    .query({ per_page: "100" })
    .reply(200, [])
    .post(`${REPO_PATH}/issues/${number}/comments`)
    .reply(201, { id: 950, html_url: `https://github.com/acme/gitops/issues/${number}#issuecomment-950` });
}

/** The reply Promenade wrote. */
function reply(recorder: RequestRecorder, number = 5): string {
  const [body] = sentBodies(recorder, "POST", `${REPO_PATH}/issues/${number}/comments`) as { body: string }[];
  if (body === undefined) throw new Error("no reply");
  return body.body;
}

/** The reactions Promenade added, in order. */
function reactions(recorder: RequestRecorder): string[] {
  return recorder.requests.filter((r) => r.path.endsWith("/reactions")).map((r) => (r.body as { content: string }).content);
}

/** A rollback's block recorded: the holds issue opened (there was none), then the open promotion PRs listed (none) to settle them. */
function mockBlockWritten(): void {
  nock(GITHUB_API)
    .post(`${REPO_PATH}/issues`)
    .reply(201, { number: 91, title: "Promenade: held environments", body: "", html_url: "https://github.com/acme/gitops/issues/91" });
  mockOpenPullRequests([]);
}

/** The start every command shares: 👀, the repository at main, the commenter's permission. */
function mockStart(author: string, permission: string, commentId = 1005, options: Parameters<typeof serveShop>[0] = {}): FixtureRepo {
  mockReaction(commentId, "eyes");
  const shop = serveShop(options);
  mockPermission(author, permission);
  return shop;
}

describe("slash commands", () => {
  it("/help: the commands and who may use them", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write");
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/help", "carol"));
    expect(reply(recorder)).toMatchSnapshot();
    expect(reactions(recorder)).toEqual(["eyes", "rocket"]);
  });

  it("refuses the same delivery twice, and edits its reply instead of adding a second one when the comment comes in a new delivery", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write", 1005, { archive: true });
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/where api", "carol"));
    const first = reply(recorder);
    mockStart("carol", "write", 1005, { archive: true });
    nock(GITHUB_API)
      .get(`${REPO_PATH}/issues/5/comments`)
      .query({ per_page: "100" })
      .reply(200, [{ id: 950, body: first, user: { login: "promenade[bot]", type: "Bot" }, html_url: "" }]);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/where api", "carol"));
    await probot.receive(commented("/where api", "carol", 5, { delivery: "after-a-restart" }));
    expect(recorder.requests.filter((r) => r.path.startsWith(`${REPO_PATH}/issues/5/comments`) && r.method !== "GET")).toHaveLength(1);
  });

  it("refuses a commenter without the permission, saying which is needed", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("mallory", "read");
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/hold production", "mallory"));
    expect(reply(recorder)).toContain("commands need write permission on acme/gitops; @&#8203;mallory has read");
    expect(reactions(recorder)).toEqual(["eyes", "confused"]);
    expect(recorder.requests.filter((r) => r.method === "POST" && r.path === `${REPO_PATH}/issues`)).toEqual([]);
  });

  it.each(["/promote api to staging", "/promote", "/rollback production api", "/hold staging", "/unhold staging", "/where", "/check", "/help"])(
    "%s: refused for a commenter with read permission only, writing nothing but the reply",
    async (command) => {
      const { probot, recorder } = await createPromotionApp();
      mockStart("mallory", "read", 1007);
      mockReply(7);
      mockReaction(1007, "confused");
      await probot.receive(commented(command, "mallory", 7, { pullRequest: true }));
      expect(reply(recorder, 7)).toContain("😕 commands need write permission on acme/gitops; @&#8203;mallory has read");
      expect(recorder.requests.filter((r) => r.kind === "write").map((r) => `${r.method} ${r.path}`)).toEqual([
        `POST ${REPO_PATH}/issues/comments/1007/reactions`,
        `POST ${REPO_PATH}/issues/7/comments`,
        `POST ${REPO_PATH}/issues/comments/1007/reactions`,
      ]);
    },
  );

  it("/check on a pull request: reviews it again", async () => {
    const { probot, recorder } = await createPromotionApp();
    const shop = mockStart("carol", "write", 1007);
    nock(GITHUB_API)
      .get(`${REPO_PATH}/pulls/7`)
      .reply(200, pullRequest(7, "docs", { base: { ref: "main", sha: HEAD_SHA, repo: { full_name: "acme/gitops" } } }))
      .get(`${REPO_PATH}/pulls/7/files`)
      .query({ per_page: "100" })
      .reply(200, [{ sha: "1".repeat(40), filename: "README.md", status: "modified", additions: 1, deletions: 1, changes: 2 }]);
    shop.serveConfigFile();
    mockHeadCheckRuns("e".repeat(40));
    nock(GITHUB_API).post(`${REPO_PATH}/check-runs`).reply(201, { id: 77 });
    mockReply(7);
    mockReaction(1007, "rocket");
    await probot.receive(commented("/check", "carol", 7, { pullRequest: true }));
    expect(reply(recorder, 7)).toContain("🚀 Checked: this pull request changes no environment's files. Its `promenade/gate` check is up to date.");
    expect(gateCheck(recorder)).toMatchObject({ conclusion: "success", head_sha: "e".repeat(40) });
  });

  it("answers an unknown command with the nearest one and the help", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write");
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/promot api to staging", "carol"));
    expect(reply(recorder)).toContain("(did you mean `/promote`?)");
    expect(reply(recorder)).toContain("<details><summary>The commands</summary>");
  });

  it("ignores comments by bots and comments without a command", async () => {
    const { probot, recorder } = await createPromotionApp({ token: false });
    await probot.receive(commented("/hold production", "promenade[bot]", 5, { bot: true }));
    await probot.receive(commented("Looks good, see /docs/hold.md", "carol"));
    expect(recorder.lines()).toEqual([]);
  });

  it("/hold production: a reviewer holds it, stored in the holds issue", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write");
    nock(GITHUB_API)
      .post(`${REPO_PATH}/issues`)
      .reply(201, { number: 91, title: "Promenade: held environments", body: "", html_url: "https://github.com/acme/gitops/issues/91" });
    mockOpenPullRequests([]);
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented('/hold production "incident 4711"', "alice"));
    const [issue] = sentBodies(recorder, "POST", `${REPO_PATH}/issues`) as { title: string; body: string }[];
    expect(issue?.title).toBe("Promenade: held environments");
    expect(issue?.body).toContain('"environment":"production","by":"alice","reason":"incident 4711"');
    expect(reply(recorder)).toContain("**production** is held: incident 4711.");
  });

  it("/hold production: refused for someone who is not among production's reviewers", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write");
    mockTeam("carol", false);
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/hold production", "carol"));
    expect(reply(recorder)).toContain("commands on production need one of its reviewers: @&#8203;acme/sre, alice");
  });

  it("/unhold production: a team member lifts the hold and the holds issue closes", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("dave", "write", 1005, { issues: [listedHoldsIssue([hold("production", "alice")])] });
    mockTeam("dave", true);
    nock(GITHUB_API).patch(`${REPO_PATH}/issues/90`).twice().reply(200, { number: 90, title: "Promenade: held environments", body: "", html_url: "" });
    mockOpenPullRequests([]);
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/unhold production", "dave"));
    expect(sentBodies(recorder, "PATCH", `${REPO_PATH}/issues/90`).at(-1)).toEqual({ state: "closed", state_reason: "completed" });
    expect(reply(recorder)).toContain("**production** is no longer held");
  });

  it("/where: which version runs where", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write", 1005, { archive: true });
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/where", "carol"));
    expect(reply(recorder)).toMatchSnapshot();
  });

  it("/promote api to staging: opens the promotion PR, the commenter recorded as its trigger", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write", 1005, { archive: true });
    const created = mockNewPromotion("promenade/staging/api", 60);
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/promote api to staging", "carol"));
    expect(created[0]?.title).toBe("Promote api 1.4.1 to staging");
    expect(created[0]?.body).toContain('"actor":"carol"');
    expect(reply(recorder)).toContain("Promote api 1.4.1 to staging: https://github.com/acme/gitops/pull/60 (created)");
  });

  it("/promote api to production from an older staging: a PR titled as a downgrade, whose body says so", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockReaction(1005, "eyes");
    const older =
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base\nimages:\n  - name: ghcr.io/acme/api\n    newTag: "1.2.0"\n';
    const shop = new FixtureRepo("shop", HEAD_SHA, { ".github/promenade.yml": CONFIG, "deploy/staging/kustomization.yaml": older });
    shop.serveHeadAndConfig();
    mockHoldsIssues([]);
    shop.serveArchive();
    mockPermission("alice", "write");
    const created = mockNewPromotion("promenade/production/api", 61);
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/promote api to production", "alice"));
    expect(created[0]?.title).toBe("Downgrade api 1.2.0 in production");
    expect(created[0]?.body).toContain("⚠️ This is a downgrade: **production** runs `ghcr.io/acme/api` 1.3.0, and this PR puts the older 1.2.0 in its place.");
    expect(reply(recorder)).toContain("Downgrade api 1.2.0 in production: https://github.com/acme/gitops/pull/61 (created)");
  });

  it("/promote worker to production when production runs staging's version: refused, saying so", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1005, { archive: true });
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/promote worker to production", "alice"));
    expect(reply(recorder)).toContain("Nothing to promote: `ghcr.io/acme/worker` to **production**: production already runs 2.0.3.");
    expect(recorder.writes).toBe(3);
  });

  it("/promote api to production: refused while production is held", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1005, { issues: [listedHoldsIssue([hold("production", "alice", "freeze")])] });
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/promote api to production", "alice"));
    expect(reply(recorder)).toContain("**production** is held by @&#8203;alice (freeze): `/unhold production` first.");
  });

  it("/rollback production: the previous version from the history of its files, on its own branch", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1005, { archive: true });
    const older = "01de".padEnd(40, "0");
    nock(GITHUB_API)
      .get(`${REPO_PATH}/commits`)
      .query({ sha: HEAD_SHA, path: "deploy/production", per_page: "20" })
      .reply(200, [{ sha: HEAD_SHA }, { sha: older }]);
    const api = new FixtureRepo("shop").files.get("deploy/production/api.yaml") as string;
    for (const [sha, text] of [
      [HEAD_SHA, api],
      [older, api.replace("api:1.3.0", "api:1.2.5")],
    ] as const) {
      nock(GITHUB_API)
        .get(`${REPO_PATH}/contents/deploy%2Fproduction%2Fapi.yaml`)
        .query({ ref: sha })
        .reply(200, {
          type: "file",
          encoding: "base64",
          size: text.length,
          name: "api.yaml",
          path: "deploy/production/api.yaml",
          sha: "a".repeat(40),
          content: Buffer.from(text).toString("base64"),
        });
    }
    const created = mockNewPromotion("promenade/production/rollback-api", 61);
    mockBlockWritten();
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/rollback production api", "alice"));
    expect(created[0]?.title).toBe("Roll back api to 1.2.5 in production");
    expect(created[0]?.body).toContain('"trigger":{"kind":"rollback"}');
    expect(reply(recorder)).toContain("Roll back api to 1.2.5 in production: https://github.com/acme/gitops/pull/61");
  });

  it("/rollback production api to 1.2.0: the named version, without reading history", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1005, { archive: true });
    const created = mockNewPromotion("promenade/production/rollback-api", 62);
    mockBlockWritten();
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/rollback production api to 1.2.0", "alice"));
    expect(created[0]?.title).toBe("Roll back api to 1.2.0 in production");
    expect(created[0]?.body).toContain("⚠️ This is a downgrade: **production** runs `ghcr.io/acme/api` 1.3.0, and this PR puts the older 1.2.0 in its place.");
    expect(recorder.requests.some((r) => r.path.includes("/commits?"))).toBe(false);
    const [issue] = sentBodies(recorder, "POST", `${REPO_PATH}/issues`) as { title: string; body: string }[];
    expect(issue?.body).toContain('"blocks":[{"image":"ghcr.io/acme/api","version":{"tag":"1.3.0","digest":null},"environment":"production","by":"alice"');
    expect(reply(recorder)).toContain("`ghcr.io/acme/api` 1.3.0 is now blocked in **production**");
  });

  it("/rollback production api to <a tag of 129 characters>: refused with the reason, no file read, nothing written", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write");
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented(`/rollback production api to 1.2.0-${"a".repeat(123)}`, "alice"));
    expect(reply(recorder)).toContain('The version after "to" is not a tag: a tag is at most 128 characters, this one has 129.');
    // The archive is not mocked: reading it would fail the test.
    expect(recorder.requests.filter((r) => r.kind === "write").map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${REPO_PATH}/issues/comments/1005/reactions`,
      `POST ${REPO_PATH}/issues/5/comments`,
      `POST ${REPO_PATH}/issues/comments/1005/reactions`,
    ]);
  });

  it("/rollback production: refused when production runs several images and none is named", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1005, { archive: true });
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/rollback production", "alice"));
    expect(reply(recorder)).toContain(
      "**production** runs several images (ghcr.io/acme/api, ghcr.io/acme/worker): name one, like `/rollback production <image>`.",
    );
  });

  it("/promote on a promotion PR: says what the gate still needs instead of merging", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1007);
    mockSettlePromotionIntoProduction("9a7e".padEnd(40, "0"));
    mockReply(7);
    mockReaction(1007, "confused");
    await probot.receive(commented("/promote", "alice", 7, { pullRequest: true }));
    expect(reply(recorder, 7)).toContain("Not merged yet: 0 of 1 approval from @&#8203;acme/sre, alice; policy not evaluated yet.");
    expect(recorder.requests.some((r) => r.method === "PUT")).toBe(false);
  });
});

/** What `/promote` on promotion PR #7 into production (head `head`, no approval yet) reads and writes to settle its gate, which fails. */
function mockSettlePromotionIntoProduction(head: string): void {
  const body = signedPromotionBody(API_TO_PRODUCTION, head, ["deploy/production/api.yaml"]);
  nock(GITHUB_API)
    .get(`${REPO_PATH}/pulls/7`)
    .reply(200, pullRequest(7, "promenade/production/api", { body, head: { ref: "promenade/production/api", sha: head, repo: { full_name: "acme/gitops" } } }))
    .get(`${REPO_PATH}/pulls/7/files`)
    .query({ per_page: "100" })
    .reply(200, [{ sha: "1".repeat(40), filename: "deploy/production/api.yaml", status: "modified", additions: 1, deletions: 1, changes: 2 }])
    .get(`${REPO_PATH}/pulls/7/reviews`)
    .query({ per_page: "100" })
    .reply(200, [])
    .post(`${REPO_PATH}/check-runs`)
    .reply(201, { id: 3 })
    .get(`${REPO_PATH}/issues/7/comments`)
    .query({ per_page: "100" })
    .reply(200, []);
  mockHeadCheckRuns(head);
  mockPullRequestCommits(7, head);
}

/** The writes to the holds issue #90 (PATCH bodies). */
function holdsIssueWrites(recorder: RequestRecorder): unknown[] {
  return sentBodies(recorder, "PATCH", `${REPO_PATH}/issues/90`);
}

describe("the holds issue: only Promenade changes it", () => {
  const HELD = [hold("production", "alice", "incident 4711")];
  const NOW = "2026-11-23T10:40:00.000Z";
  const MALLORY: Account = { login: "mallory", type: "User" };
  const LOST = "⚠️ The holds issue #90 was changed by hand, so Promenade can no longer tell which environments are held: every environment counts as held";

  afterEach(() => {
    vi.useRealTimers();
  });

  /** `/promote` by alice on promotion PR #7 into production, with the holds issue `issue` (listedHoldsIssue): the gate check Promenade wrote, and its reply. */
  async function promoteIntoProduction(issue: object, labelled?: object[]) {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1007, { issues: [issue], ...(labelled === undefined ? {} : { labelled }) });
    mockSettlePromotionIntoProduction("9a7e".padEnd(40, "0"));
    mockReply(7);
    mockReaction(1007, "confused");
    await probot.receive(commented("/promote", "alice", 7, { pullRequest: true }));
    expect(recorder.requests.some((r) => r.method === "PUT")).toBe(false);
    return { check: gateCheck(recorder) as { conclusion: string; output: { title: string } }, reply: reply(recorder, 7) };
  }

  it("its record edited by hand to lift production's hold: production's gate still fails, and the reply says the issue was changed by hand", async () => {
    const lifted = signedHoldsBody(HELD).replace(/"holds":\[[^\]]*\]/, '"holds":[]');
    const { check, reply } = await promoteIntoProduction(listedHoldsIssue(HELD, { body: lifted, editedBy: MALLORY }));
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toContain("held by @promenade[bot]: the holds issue #90 was changed by hand");
    expect(reply).toContain(
      "Not merged yet: 0 of 1 approval from @&#8203;acme/sre, alice; held by @&#8203;promenade\\[bot\\]: the holds issue #&#8203;90 was changed by hand",
    );
    expect(reply).toContain(LOST);
  });

  it("an earlier body of the issue pasted back, from before production was held, its record still signed: production's gate still fails, and the reply says the issue was changed by hand", async () => {
    const { check, reply } = await promoteIntoProduction(listedHoldsIssue(HELD, { body: signedHoldsBody([]), editedBy: MALLORY }));
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toContain("held by @promenade[bot]: the holds issue #90 was changed by hand");
    expect(reply).toContain(LOST);
  });

  it("its `promenade` label removed: production's gate still fails on alice's hold", async () => {
    const { check, reply } = await promoteIntoProduction(listedHoldsIssue(HELD), []);
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toContain("held by @alice: incident 4711");
    expect(reply).not.toContain("⚠️");
  });

  it("text added by hand around its record: every environment counts as held, and the next change of holds writes the issue back as Promenade records it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(NOW));
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write", 1005, { issues: [listedHoldsIssue(HELD, { body: `${signedHoldsBody(HELD)}\nLifted, ship it!\n`, editedBy: MALLORY })] });
    nock(GITHUB_API).patch(`${REPO_PATH}/issues/90`).reply(200, holdsIssue(HELD));
    mockOpenPullRequests([]);
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/hold staging", "carol"));
    const lost = {
      by: "promenade[bot]",
      reason: "the holds issue #90 was changed by hand, so which environments are held cannot be told",
      at: "2026-11-23T10:00:00Z",
    };
    const written = [
      { environment: "dev", ...lost },
      { environment: "production", ...lost },
      { environment: "staging", by: "carol", reason: null, at: NOW },
    ];
    expect(holdsIssueWrites(recorder)).toEqual([{ body: signedHoldsBody(written, 2) }]);
    expect(reply(recorder)).toContain(LOST);
  });

  it("renamed by hand: ignored and said, and the next change of holds puts its title back", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(NOW));
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write", 1005, { issues: [listedHoldsIssue(HELD, { title: "Nothing to see here", openedAs: "Promenade: held environments" })] });
    nock(GITHUB_API).patch(`${REPO_PATH}/issues/90`).reply(200, holdsIssue(HELD));
    mockOpenPullRequests([]);
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/hold staging", "carol"));
    const written = [...HELD, { environment: "staging", by: "carol", reason: null, at: NOW }];
    expect(holdsIssueWrites(recorder)).toEqual([{ title: "Promenade: held environments", body: signedHoldsBody(written, 2) }]);
    expect(reply(recorder)).toContain("⚠️ The holds issue #90 was changed by hand; the change was ignored.");
  });

  it("closed by hand: production stays held, the reply says so", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1005, { issues: [listedHoldsIssue(HELD, { state: "closed" })] });
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/promote api to production", "alice"));
    expect(reply(recorder)).toContain("**production** is held by @&#8203;alice (incident 4711): `/unhold production` first.");
    expect(reply(recorder)).toContain("⚠️ The holds issue #90 was closed by hand; the holds in it stay.");
  });

  it("closed by hand: the next change of holds opens it again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(NOW));
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write", 1005, { issues: [listedHoldsIssue(HELD, { state: "closed" })] });
    nock(GITHUB_API).patch(`${REPO_PATH}/issues/90`).reply(200, holdsIssue(HELD));
    mockOpenPullRequests([]);
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/hold staging", "carol"));
    expect(holdsIssueWrites(recorder)).toEqual([
      { body: signedHoldsBody([...HELD, { environment: "staging", by: "carol", reason: null, at: NOW }], 2), state: "open" },
    ]);
  });

  it("an issue with its title opened by a person, holding production: no hold, and it is left alone", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1005, { issues: [], labelled: [listedHoldsIssue(HELD, { user: MALLORY })] });
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/unhold production", "alice"));
    expect(reply(recorder)).toContain("**production** is not held.");
    expect(recorder.requests.filter((r) => r.path.startsWith(`${REPO_PATH}/issues/90`))).toEqual([]);
  });

  it("/unhold production: refused for someone not among production's reviewers, saying whose membership it needs; the hold stays", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write", 1005, { issues: [listedHoldsIssue(HELD)] });
    mockTeam("carol", false);
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/unhold production", "carol"));
    expect(reply(recorder)).toContain("😕 commands on production need one of its reviewers: @&#8203;acme/sre, alice");
    expect(holdsIssueWrites(recorder)).toEqual([]);
  });
});

describe("what Promenade writes back is inert", () => {
  const REASON = "@acme/sre **urgent** <img src=x> [x](http://evil) #1";
  const INERT = "@&#8203;acme/sre \\*\\*urgent\\*\\* &lt;img src=x&gt; \\[x\\](http:&#8203;//evil) #&#8203;1";

  it("/hold with a reason full of mentions and markup: the holds issue and the reply show it as plain text", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write");
    nock(GITHUB_API)
      .post(`${REPO_PATH}/issues`)
      .reply(201, holdsIssue([], { number: 91 }));
    mockOpenPullRequests([]);
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented(`/hold production ${REASON}`, "alice"));
    const [issue] = sentBodies(recorder, "POST", `${REPO_PATH}/issues`) as { body: string }[];
    const table = issue?.body.split("<!--")[0] ?? "";
    expect(table).toContain(`| \`production\` | @&#8203;alice | ${INERT} |`);
    expect(reply(recorder)).toContain(`> /hold production ${INERT}`);
    expect(reply(recorder)).toContain(`**production** is held: ${INERT}.`);
    for (const text of [table, reply(recorder)]) expect(text).not.toMatch(/<img|[^\\]\]\(|@acme|@alice|#1/);
  });

  it("/promote naming an image and an environment with markup: the reply echoes them as plain text", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("carol", "write", 1005, { archive: true });
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/promote <img/src=x>@acme/sre to staging\n/promote api to [prod](http://evil)#2", "carol"));
    expect(reply(recorder)).toContain("😕 unknown image &lt;img/src=x&gt;@&#8203;acme/sre (known: ghcr.io/acme/api, ghcr.io/acme/worker)");
    expect(reply(recorder)).toContain("😕 unknown environment \\[prod\\](http:&#8203;//evil)#&#8203;2 (known: dev, staging, production)");
    expect(reply(recorder)).not.toMatch(/<img|[^\\]\]\(|@acme|#2/);
  });
});
