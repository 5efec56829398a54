import nock from "nock";
import { describe, expect, it } from "vitest";
import { renderPromotionBody } from "../../src/engine/render/promotion-body.js";
import { GITHUB_API, type RequestRecorder, useNockGuard } from "../helpers/github-mock.js";
import { issueCommentPayload } from "../helpers/payloads.js";
import { createPromotionApp } from "./app.js";
import { FixtureRepo, HEAD_SHA, REPO } from "./fixture-repo.js";
import { API_TO_PRODUCTION, mockNewPromotion, mockOpenPullRequests, pullRequest, sentBodies } from "./promotion-mocks.js";

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

/** The shop repository at main, with the commands' config; its files served as readRepoAtHead reads them. */
function serveShop(options: { archive?: boolean; holdsBody?: string } = {}): FixtureRepo {
  const shop = new FixtureRepo("shop", HEAD_SHA, { ".github/promenade.yml": CONFIG });
  shop.serveHead();
  shop.serveConfigFile();
  const holds = options.holdsBody === undefined ? [] : [{ number: 90, title: "Promenade: held environments", body: options.holdsBody, html_url: "https://github.com/acme/gitops/issues/90" }];
  nock(GITHUB_API).get(`${REPO_PATH}/issues`).query({ state: "open", labels: "promenade", per_page: "100" }).reply(200, holds);
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
    expect(reply(recorder)).toContain("commands need write permission on acme/gitops; @mallory has read");
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
      expect(reply(recorder, 7)).toContain("😕 commands need write permission on acme/gitops; @mallory has read");
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
    mockReply(7);
    mockReaction(1007, "rocket");
    await probot.receive(commented("/check", "carol", 7, { pullRequest: true }));
    expect(reply(recorder, 7)).toContain("🚀 Checked: this pull request changes no environment's files.");
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
    nock(GITHUB_API).post(`${REPO_PATH}/issues`).reply(201, { number: 91, title: "Promenade: held environments", body: "", html_url: "https://github.com/acme/gitops/issues/91" });
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
    expect(reply(recorder)).toContain("commands on production need one of its reviewers: @acme/sre, alice");
  });

  it("/unhold production: a team member lifts the hold and the holds issue closes", async () => {
    const { probot, recorder } = await createPromotionApp();
    const holdsBody = '<!-- promenade: {"holds":[{"environment":"production","by":"alice","reason":null,"at":"2026-11-23T09:00:00Z"}]} -->';
    mockStart("dave", "write", 1005, { holdsBody });
    mockTeam("dave", true);
    nock(GITHUB_API)
      .patch(`${REPO_PATH}/issues/90`)
      .twice()
      .reply(200, { number: 90, title: "Promenade: held environments", body: "", html_url: "" });
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

  it("/promote api to production: refused while production is held", async () => {
    const { probot, recorder } = await createPromotionApp();
    const holdsBody = '<!-- promenade: {"holds":[{"environment":"production","by":"alice","reason":"freeze","at":"2026-11-23T09:00:00Z"}]} -->';
    mockStart("alice", "write", 1005, { holdsBody });
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/promote api to production", "alice"));
    expect(reply(recorder)).toContain("**production** is held by `@alice` (freeze): `/unhold production` first.");
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
    for (const [sha, text] of [[HEAD_SHA, api], [older, api.replace("api:1.3.0", "api:1.2.5")]] as const) {
      nock(GITHUB_API)
        .get(`${REPO_PATH}/contents/deploy%2Fproduction%2Fapi.yaml`)
        .query({ ref: sha })
        .reply(200, { type: "file", encoding: "base64", size: text.length, name: "api.yaml", path: "deploy/production/api.yaml", sha: "a".repeat(40), content: Buffer.from(text).toString("base64") });
    }
    const created = mockNewPromotion("promenade/production/rollback-api", 61);
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
    mockReply(5);
    mockReaction(1005, "rocket");
    await probot.receive(commented("/rollback production api to 1.2.0", "alice"));
    expect(created[0]?.title).toBe("Roll back api to 1.2.0 in production");
    expect(recorder.requests.some((r) => r.path.includes("/commits?"))).toBe(false);
  });

  it("/rollback production: refused when production runs several images and none is named", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1005, { archive: true });
    mockReply(5);
    mockReaction(1005, "confused");
    await probot.receive(commented("/rollback production", "alice"));
    expect(reply(recorder)).toContain("**production** runs several images (ghcr.io/acme/api, ghcr.io/acme/worker): name one, like `/rollback production <image>`.");
  });

  it("/promote on a promotion PR: says what the gate still needs instead of merging", async () => {
    const { probot, recorder } = await createPromotionApp();
    mockStart("alice", "write", 1007);
    const body = renderPromotionBody(API_TO_PRODUCTION);
    const head = "9a7e".padEnd(40, "0");
    nock(GITHUB_API).get(`${REPO_PATH}/pulls/7`).reply(200, pullRequest(7, "promenade/production/api", { body, head: { ref: "promenade/production/api", sha: head, repo: { full_name: "acme/gitops" } } }));
    nock(GITHUB_API)
      .get(`${REPO_PATH}/pulls/7/files`)
      .query({ per_page: "100" })
      .reply(200, [{ sha: "1".repeat(40), filename: "deploy/production/api.yaml", status: "modified", additions: 1, deletions: 1, changes: 2 }])
      .get(`${REPO_PATH}/pulls/7/reviews`)
      .query({ per_page: "100" })
      .reply(200, [])
      .get(`${REPO_PATH}/commits/${head}/check-runs`)
      .query({ filter: "latest", per_page: "100" })
      .reply(200, { total_count: 0, check_runs: [] })
      .get(`${REPO_PATH}/commits/${head}`)
      .query({ per_page: "1" })
      .reply(200, { sha: head, author: { login: "promenade[bot]" }, committer: { login: "web-flow" } })
      .post(`${REPO_PATH}/check-runs`)
      .reply(201, { id: 3 })
      .get(`${REPO_PATH}/issues/7/comments`)
      .query({ per_page: "100" })
      .reply(200, []);
    mockReply(7);
    mockReaction(1007, "confused");
    await probot.receive(commented("/promote", "alice", 7, { pullRequest: true }));
    expect(reply(recorder, 7)).toContain("Not merged yet: 0 of 1 approval from @acme/sre, alice; policy not evaluated yet.");
    expect(recorder.requests.some((r) => r.method === "PUT")).toBe(false);
  });
});
