/**
 * The dashboard through the whole app, GitHub mocked at the HTTP boundary:
 * opened and kept current after events, ticked boxes run their command for
 * whoever may run it, and nothing but Promenade's own issue and rendering is
 * believed.
 */
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DASHBOARD_TITLE } from "../../src/engine/markdown/dashboard.js";
import { forgetDashboardScans } from "../../src/promote/dashboard/refresh-dashboard.js";
import { GITHUB_API, type RequestRecorder, useNockGuard } from "../helpers/github-mock.js";
import { holdsIssue, listedHoldsIssue, mockHoldsIssues, PROMENADE_BOT, type Account } from "../helpers/holds-issue.js";
import { checkRunCompletedPayload, examplePayload, mergedPullRequestPayload, validatePayload } from "../helpers/payloads.js";
import { createPromotionApp } from "./app.js";
import { mockSourceDeployments } from "./deployment-mocks.js";
import { FixtureRepo, HEAD_SHA, REPO } from "./fixture-repo.js";
import { mockNewPromotion, sentBodies } from "./promotion-mocks.js";

useNockGuard();

const REPO_PATH = `/repos/${REPO.owner}/${REPO.repo}`;
const PAYLOAD_REPO = { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" };
const DASHBOARD = 77;
const MERGED_SHA = "bead".padEnd(40, "0");
const MALLORY: Account = { login: "mallory", type: "User" };

beforeEach(() => {
  vi.stubEnv("PROMENADE_DASHBOARD", "on");
  forgetDashboardScans();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The shop repository at `sha` with `changes`, as readRepoAtHead reads it, with Promenade's issues `issues` (listedHoldsIssue), and what a refresh reads besides: each environment's deployment records (none) and the open PRs with their gate (`pulls`). */
function serveShop(options: { sha?: string; changes?: Record<string, string>; issues?: object[]; pulls?: object[] } = {}): void {
  const shop = new FixtureRepo("shop", options.sha ?? HEAD_SHA, options.changes ?? {});
  shop.serveHeadAndConfig();
  mockHoldsIssues(options.issues ?? []);
  shop.serveArchive();
  for (const environment of ["dev", "staging", "production"]) mockSourceDeployments(environment, []);
  mockOpenGates(options.pulls ?? []);
}

/** The query of the open pull requests and Promenade's own gate check run on each. */
function mockOpenGates(pulls: readonly object[]): void {
  nock(GITHUB_API)
    .post(
      "/graphql",
      (body: { query?: string; variables?: Record<string, unknown> }) =>
        body.query?.includes("promenadeOpenPromotionGates") === true && body.variables?.appId === 1 && body.variables.check === "promenade/gate",
    )
    .reply(200, { data: { repository: { pullRequests: { nodes: pulls } } } });
}

/** Promenade's promotion PR #`number` from `branch`, as the query lists it, its gate as Promenade's check run says. */
function openPromotion(number: number, branch: string, title: string, gate: { conclusion: string; title: string } | null) {
  const runs = gate === null ? [] : [{ checkRuns: { nodes: [{ status: "COMPLETED", conclusion: gate.conclusion, title: gate.title }] } }];
  return {
    number,
    url: `https://github.com/acme/gitops/pull/${number}`,
    title,
    headRefName: branch,
    isCrossRepository: false,
    author: { __typename: "Bot", login: "promenade" },
    commits: { nodes: [{ commit: { checkSuites: { nodes: runs } } }] },
  };
}

/** The dashboard, Promenade's, with `body`, as the listing of Promenade's issues has it. */
function listedDashboard(body: string, options: { user?: Account } = {}) {
  return listedHoldsIssue([], { number: DASHBOARD, title: DASHBOARD_TITLE, body, ...(options.user === undefined ? {} : { user: options.user }) });
}

function mockOpenDashboard(): void {
  nock(GITHUB_API)
    .post(`${REPO_PATH}/issues`)
    .reply(201, (_uri, body) => holdsIssue([], { number: DASHBOARD, title: DASHBOARD_TITLE, body: (body as { body: string }).body }));
}

function mockUpdateDashboard(): void {
  nock(GITHUB_API)
    .patch(`${REPO_PATH}/issues/${DASHBOARD}`)
    .reply(200, (_uri, body) => holdsIssue([], { number: DASHBOARD, title: DASHBOARD_TITLE, body: (body as { body?: string }).body }));
}

/** The bodies of the dashboard Promenade opened, then those it wrote. */
function dashboardWrites(recorder: RequestRecorder): { opened: string[]; updated: string[] } {
  const bodies = (method: string, path: string) => (sentBodies(recorder, method, path) as { body?: string }[]).map((sent) => sent.body ?? "");
  return { opened: bodies("POST", `${REPO_PATH}/issues`), updated: bodies("PATCH", `${REPO_PATH}/issues/${DASHBOARD}`) };
}

/** Promenade's gate check run completed on PR #60 (another handler leaves Promenade's own runs alone): the dashboard's refresh is all it starts. */
function gateCompleted(delivery: string) {
  const payload = checkRunCompletedPayload({ repo: PAYLOAD_REPO, name: "promenade/gate", conclusion: "failure", headSha: "d".repeat(40), numbers: [60] });
  return { id: delivery, name: "check_run" as const, payload };
}

/** An `issues.edited` of issue `number` (opened by `author`), its body changed from `before` to `after` by `sender`. */
function edited(options: { number?: number; before: string; after: string; sender: Account; author?: Account; delivery?: string }) {
  const payload = examplePayload("issues", "edited") as Record<string, unknown> & {
    issue: Record<string, unknown> & { user: Record<string, unknown> };
    repository: Record<string, unknown> & { owner: Record<string, unknown> };
    sender: Record<string, unknown>;
  };
  Object.assign(payload.repository, { name: REPO.repo, full_name: `${REPO.owner}/${REPO.repo}`, default_branch: "main" });
  payload.repository.owner.login = REPO.owner;
  const author = options.author ?? PROMENADE_BOT;
  Object.assign(payload.issue, { number: options.number ?? DASHBOARD, title: DASHBOARD_TITLE, body: options.after });
  Object.assign(payload.issue.user, { login: author.login, type: author.type });
  payload.changes = { body: { from: options.before } };
  Object.assign(payload.sender, { login: options.sender.login, type: options.sender.type });
  expect(validatePayload("issues", payload)).toEqual([]);
  return { id: options.delivery ?? `edit-${options.sender.login}`, name: "issues" as const, payload: payload as never };
}

function tick(body: string, text: string): string {
  const box = `- [ ] ${text}\n`;
  expect(body).toContain(box);
  return body.replace(box, `- [x] ${text}\n`);
}

function mockPermission(login: string, permission: string): void {
  nock(GITHUB_API).get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission, role_name: permission, user: { login } });
}

/** The dashboard as Promenade renders it for the shop at its head with nothing open: opened once, its body answered. */
async function renderedDashboard(): Promise<string> {
  const { probot, recorder } = await createPromotionApp();
  serveShop();
  mockOpenDashboard();
  await probot.receive(gateCompleted("render"));
  const [body] = dashboardWrites(recorder).opened;
  if (body === undefined) throw new Error("no dashboard opened");
  nock.cleanAll();
  // The test's own refresh scans the files again (at the same commit, the scan would be kept).
  forgetDashboardScans();
  return body;
}

describe("the dashboard", () => {
  it("is opened after an event, then updated after a merge changed what runs where", async () => {
    const { probot, recorder } = await createPromotionApp();
    serveShop({
      pulls: [openPromotion(60, "promenade/staging/api", "Promote api 1.4.1 to staging", { conclusion: "FAILURE", title: "Waiting for 1 approval" })],
    });
    mockOpenDashboard();
    await probot.receive(gateCompleted("gate-written"));
    const [opened] = dashboardWrites(recorder).opened;
    expect(opened).toContain("| `api` | `1.4.1` | `1.4.0` | `1.3.0` |");
    expect(opened).toContain("| [#60](https://github.com/acme/gitops/pull/60) Promote api 1.4.1 to staging | staging | ❌ failed: Waiting for 1 approval |");
    expect(opened).toContain("| staging | `ghcr.io/acme/api` | `1.4.0` | `1.4.1` in dev |");
    expect(opened).toContain("- [ ] promote api to staging\n");

    const staging = (new FixtureRepo("shop").files.get("deploy/staging/kustomization.yaml") as string).replace('newTag: "1.4.0"', 'newTag: "1.4.1"');
    serveShop({ sha: MERGED_SHA, changes: { "deploy/staging/kustomization.yaml": staging }, issues: [listedDashboard(opened as string)] });
    mockUpdateDashboard();
    await probot.receive({
      id: "merged-60",
      name: "pull_request",
      payload: mergedPullRequestPayload({ repo: PAYLOAD_REPO, number: 60, head: "promenade/staging/api", mergeCommitSha: MERGED_SHA }),
    });
    const [updated] = dashboardWrites(recorder).updated;
    expect(updated).toContain("| `api` | `1.4.1` | `1.4.1` | `1.3.0` |");
    expect(updated).toContain("No promotion PR is open.");
    expect(updated).not.toContain("promote api to staging");
    expect(updated).toContain("- [ ] promote api to production\n");
  });

  it("is not written when nothing it shows changed", async () => {
    const body = await renderedDashboard();
    const { probot, recorder } = await createPromotionApp();
    serveShop({ issues: [listedDashboard(body)] });
    await probot.receive(gateCompleted("again"));
    expect(dashboardWrites(recorder)).toEqual({ opened: [], updated: [] });
    expect(recorder.writes).toBe(0);
  });

  it("ignores an issue titled like it that a person opened: Promenade opens its own", async () => {
    const lookAlike = listedHoldsIssue([], { number: 5, title: DASHBOARD_TITLE, body: "- [ ] promote api to staging", user: MALLORY });
    const { probot, recorder } = await createPromotionApp();
    serveShop({ issues: [lookAlike] });
    mockOpenDashboard();
    await probot.receive(gateCompleted("look-alike"));
    expect(dashboardWrites(recorder).opened).toHaveLength(1);
    expect(recorder.requests.filter((r) => r.path.startsWith(`${REPO_PATH}/issues/5`))).toEqual([]);
  });
});

describe("ticking a box of the dashboard", () => {
  it("as a write user: opens the staging PR for them, and writes the dashboard back with the box unticked", async () => {
    const body = await renderedDashboard();
    const after = tick(body, "promote api to staging");
    const { probot, recorder } = await createPromotionApp();
    serveShop({ issues: [listedDashboard(after)], pulls: [openPromotion(60, "promenade/staging/api", "Promote api 1.4.1 to staging", null)] });
    mockPermission("alice", "write");
    const created = mockNewPromotion("promenade/staging/api", 60);
    mockUpdateDashboard();
    await probot.receive(edited({ before: body, after, sender: { login: "alice", type: "User" } }));
    expect(created.map((pr) => pr.title)).toEqual(["Promote api 1.4.1 to staging"]);
    expect(created[0]?.body).toContain('"actor":"alice"');
    const [written] = dashboardWrites(recorder).updated;
    expect(written).not.toContain("[x]");
    expect(written).toContain("- [ ] promote api to staging\n");
    expect(written).toContain("| [#60](https://github.com/acme/gitops/pull/60) Promote api 1.4.1 to staging | staging | ⏳ not decided yet |");
    expect(recorder.requests.filter((r) => r.method === "POST" && r.path === `${REPO_PATH}/issues/${DASHBOARD}/comments`)).toEqual([]);
  });

  it("as a read user: opens nothing, unticks it and replies why", async () => {
    const body = await renderedDashboard();
    const after = tick(body, "promote api to staging");
    const { probot, recorder } = await createPromotionApp();
    serveShop({ issues: [listedDashboard(after)] });
    mockPermission("mallory", "read");
    mockUpdateDashboard();
    nock(GITHUB_API).post(`${REPO_PATH}/issues/${DASHBOARD}/comments`).reply(201, { id: 951, html_url: "" });
    await probot.receive(edited({ before: body, after, sender: MALLORY }));
    expect(recorder.requests.filter((r) => r.path === `${REPO_PATH}/pulls` || r.path.includes("/git/"))).toEqual([]);
    expect(dashboardWrites(recorder).updated).toEqual([body]);
    expect(sentBodies(recorder, "POST", `${REPO_PATH}/issues/${DASHBOARD}/comments`)).toEqual([
      {
        body: "@&#8203;mallory ticked a box on this dashboard; the box is unticked again.\n\n> /promote ghcr.io/acme/api to staging\n\n😕 commands need write permission on acme/gitops; @&#8203;mallory has read\n",
      },
    ]);
  });

  it("a person's edit of other text runs nothing: Promenade's text is put back, from its own state", async () => {
    const body = await renderedDashboard();
    const after = body.replace("Promenade keeps this issue current", "Please run /promote api to production");
    const { probot, recorder } = await createPromotionApp();
    serveShop({ issues: [listedDashboard(after)] });
    mockUpdateDashboard();
    await probot.receive(edited({ before: body, after, sender: { login: "alice", type: "User" } }));
    expect(dashboardWrites(recorder).updated).toEqual([body]);
    expect(recorder.writes).toBe(1);
    expect(recorder.requests.filter((r) => r.path.includes("/permission"))).toEqual([]);
  });

  it("on an issue a person made to look like the dashboard: nothing is read or run", async () => {
    const body = await renderedDashboard();
    const { probot, recorder } = await createPromotionApp({ token: false });
    await probot.receive(
      edited({ number: 5, before: body, after: tick(body, "promote api to staging"), sender: { login: "alice", type: "User" }, author: MALLORY }),
    );
    expect(recorder.requests).toEqual([]);
  });

  it("Promenade's own edit, when it comes back as an event, does nothing", async () => {
    const body = await renderedDashboard();
    const { probot, recorder } = await createPromotionApp({ token: false });
    await probot.receive(edited({ before: tick(body, "promote api to staging"), after: body, sender: PROMENADE_BOT }));
    expect(recorder.requests).toEqual([]);
  });
});
