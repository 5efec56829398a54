import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GateTimers } from "../../src/service/gate-timers.js";
import { reconcileGates } from "../../src/service/start-service.js";
import { settleLater } from "../../src/service/settle-later.js";
import { GITHUB_API, mockInstallationToken, useNockGuard } from "../helpers/github-mock.js";
import { hold, signedHoldsBody } from "../helpers/holds-issue.js";
import { checkRunCompletedPayload, INSTALLATION_ID, pullRequestReviewPayload } from "../helpers/payloads.js";
import { createPromotionApp } from "./app.js";
import { mockSourceDeployments } from "./deployment-mocks.js";
import { FixtureRepo, REPO } from "./fixture-repo.js";
import { API_TO_PRODUCTION, pullRequest, signedPromotionBody } from "./promotion-mocks.js";
import {
  BASE_SHA,
  gateCheck,
  mockCheckRuns,
  mockDirectories,
  mockGateCommentEdit,
  mockGateReads,
  mockReviewComment,
  mockTeam,
  pullRequestEvent,
  serveReview,
  type GateFacts,
} from "./review-mocks.js";

useNockGuard();
afterEach(() => {
  vi.useRealTimers();
});

const REPO_PATH = "/repos/acme/gitops";
const HEAD = "9a7e".padEnd(40, "0");
const OLD_HEAD = "01d0".padEnd(40, "0");
const PAYLOAD_REPO = { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" };

/** The version reached staging at 10:00 UTC; production soaks 30 minutes. */
const REACHED_STAGING = new Date("2026-11-23T10:00:00Z");

/** Promenade's record of that: staging runs api 1.4.0 since 10:00 UTC. */
const STAGING_RECORDS = [{ createdAt: "2026-11-23T10:00:00Z", images: { "ghcr.io/acme/api": { tag: "1.4.0", digest: null } } }];

const GATED_CONFIG = `environments:
  dev: { path: deploy/dev, autoMerge: true }
  staging: { path: deploy/staging, from: dev }
  production:
    path: deploy/production
    from: staging
    autoMerge: true
    requires:
      approvals: 2
      reviewers: ["@acme/sre", alice]
      soak: 30m
      checks: [e2e]
`;

/** The shop repository with the gated config on main (`config` to change it). */
function shop(config = GATED_CONFIG): FixtureRepo {
  return new FixtureRepo("shop", BASE_SHA, { ".github/promenade.yml": config });
}

/** The promotion PR #40 of api 1.4.0 into production, triggered by bob's merge into staging. */
function promotionBody(): string {
  return signedPromotionBody(API_TO_PRODUCTION, HEAD, ["deploy/production/api.yaml"], {
    sources: new Map([["ghcr.io/acme/api", { since: REACHED_STAGING }]]),
    actor: "bob",
  });
}

const PR = { number: 40, head: "promenade/production/api", headSha: HEAD, baseSha: BASE_SHA, body: promotionBody(), author: "promenade[bot]" };

/** What settling the PR reads before deciding: the config on main, its files, then the gate's facts. */
function serveSettle(facts: GateFacts, config?: string): void {
  shop(config).serveConfigFile();
  mockFiles();
  mockGateReads(40, HEAD, facts);
  mockSourceDeployments("staging", STAGING_RECORDS);
}

/** The one file the PR changes. */
function mockFiles(): void {
  nock(GITHUB_API)
    .get(`${REPO_PATH}/pulls/40/files`)
    .query({ per_page: "100" })
    .reply(200, [{ sha: "1".repeat(40), filename: "deploy/production/api.yaml", status: "modified", additions: 1, deletions: 1, changes: 2 }]);
}

/** The PR as the API answers it when a check or a timer wakes the gate. */
function mockGetPullRequest(): void {
  nock(GITHUB_API).get(`${REPO_PATH}/pulls/40`).reply(200, openPromotion());
}

function openPromotion() {
  return pullRequest(40, PR.head, { body: PR.body, head: { ref: PR.head, sha: HEAD, repo: { full_name: "acme/gitops" } } });
}

/** What a timer's settle reads and writes when alice and dave approved and the soak has ended: the PR, the gate's facts, the check, the comment, the merge. */
function mockTimedSettle(facts: GateFacts): void {
  mockGetPullRequest();
  serveSettle(facts);
  mockTeam("dave", true);
  mockCheckRuns();
  mockGateCommentEdit(40);
  mockMerge();
}

function mockMerge(): void {
  nock(GITHUB_API)
    .put(`${REPO_PATH}/pulls/40/merge`, { sha: HEAD })
    .reply(200, { merged: true, sha: "5".repeat(40), message: "merged" });
}

const POLICY_OK = { name: "promenade/policy", status: "completed", conclusion: "success", externalId: '{"errors":0,"movedImages":1}' };
const E2E_OK = { name: "e2e", status: "completed", conclusion: "success" };

function review(login: string, state: string, commitId = HEAD) {
  return { login, state, commitId };
}

/** alice's approval arrives. */
function approvedBy(reviewer: string) {
  return {
    id: `review-${reviewer}`,
    name: "pull_request_review" as const,
    payload: pullRequestReviewPayload({ action: "submitted", repo: PAYLOAD_REPO, pr: PR, reviewer, state: "approved", commitId: HEAD }),
  };
}

describe("the gate of a promotion into production", () => {
  it("counts approvals only from the reviewers, on the head commit, never from the trigger or the head's author, then merges", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:40:00Z"));
    const { probot, recorder } = await createPromotionApp();
    serveSettle({
      reviews: [
        review("alice", "APPROVED"),
        review("bob", "APPROVED"),
        review("carol", "APPROVED", OLD_HEAD),
        review("dave", "APPROVED"),
        review("erin", "APPROVED"),
        review("frank", "APPROVED"),
        review("frank", "CHANGES_REQUESTED"),
        review("mallory", "APPROVED"),
      ],
      checkRuns: [POLICY_OK, E2E_OK],
      commits: [["mallory", "web-flow"]],
    });
    mockTeam("bob", true);
    mockTeam("dave", true);
    mockTeam("erin", false);
    mockTeam("mallory", true);
    mockCheckRuns();
    mockGateCommentEdit(40);
    mockMerge();
    await probot.receive(approvedBy("alice"));
    const check = gateCheck(recorder) as { conclusion: string; output: { title: string; summary: string } };
    expect(check.conclusion).toBe("success");
    expect(check.output.summary).toMatchInlineSnapshot(`
      "✅ The gate of \`production\` passed.

      |  | requirement | status |
      | --- | --- | --- |
      | ✅ | approvals | 2 of 2 approvals from \`@acme/sre\`, alice (approved: \`@alice\`, \`@dave\`; \`@bob\` approved but triggered this promotion; \`@carol\` approved an older commit; \`@erin\` is not among the reviewers; \`@frank\` requested changes; \`@mallory\` approved but wrote or committed a commit of this pull request) |
      | ✅ | soak | soak 30m: running in staging since 2026-11-23 10:00 UTC (40m) |
      | ✅ | hold | production is not held |
      | ✅ | checks | e2e succeeded |
      | ✅ | policy | no policy errors |"
    `);
    expect(recorder.requests.at(-1)).toMatchObject({ method: "PUT", path: `${REPO_PATH}/pulls/40/merge` });
  });

  it("asks for what is missing while the soak runs and an approval lacks, and merges nothing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:18:00Z"));
    const { probot, recorder } = await createPromotionApp();
    serveSettle({ reviews: [review("alice", "APPROVED")], checkRuns: [POLICY_OK, { name: "e2e", status: "in_progress", conclusion: null }] });
    mockCheckRuns();
    mockGateCommentEdit(40);
    await probot.receive(approvedBy("alice"));
    const check = gateCheck(recorder) as { conclusion: string; output: { title: string } };
    expect(check).toMatchObject({ conclusion: "failure" });
    expect(check.output.title).toMatchInlineSnapshot(`"1 of 2 approvals from @acme/sre, alice; soak 12m left; e2e pending"`);
    expect(recorder.requests.some((r) => r.method === "PUT")).toBe(false);
  });

  it("reads the gate from the default branch: a PR lowering approvals still needs the old number", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:40:00Z"));
    const { probot, recorder } = await createPromotionApp();
    const base = shop();
    const lowered = GATED_CONFIG.replace("approvals: 2", "approvals: 0");
    const head = new FixtureRepo("shop", HEAD, {
      ".github/promenade.yml": lowered,
      "deploy/production/api.yaml": (base.files.get("deploy/production/api.yaml") as string).replace("api:1.3.0", "api:1.4.0"),
    });
    serveReview(41, base, head);
    nock(GITHUB_API)
      .get(`${REPO_PATH}/contents/.github%2Fpromenade.yml`)
      .query({ ref: HEAD })
      .reply(200, {
        type: "file",
        encoding: "base64",
        size: lowered.length,
        name: "promenade.yml",
        path: ".github/promenade.yml",
        sha: "d".repeat(40),
        content: Buffer.from(lowered).toString("base64"),
      });
    mockGateReads(41, HEAD, { checkRuns: [E2E_OK] });
    mockSourceDeployments("staging", STAGING_RECORDS);
    mockCheckRuns(3);
    mockReviewComment(41);
    mockDirectories("Tree", "Tree", "Tree");
    await probot.receive(pullRequestEvent("opened", 41, "fewer-approvals", HEAD));
    const check = gateCheck(recorder) as { conclusion: string; output: { title: string } };
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toMatch(/^0 of 2 approvals from @acme\/sre, alice/);
  });

  it("fails while production is held, naming who held it and why", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:40:00Z"));
    const { probot, recorder } = await createPromotionApp();
    const holdsBody = signedHoldsBody([hold("production", "carol", "incident 4711")]);
    serveSettle({ reviews: [review("alice", "APPROVED"), review("dave", "APPROVED")], checkRuns: [POLICY_OK, E2E_OK], holdsBody });
    mockTeam("dave", true);
    mockCheckRuns();
    mockGateCommentEdit(40);
    await probot.receive(approvedBy("dave"));
    const check = gateCheck(recorder) as { conclusion: string; output: { title: string } };
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toMatchInlineSnapshot(`"held by @carol: incident 4711"`);
  });

  it("settles again when another tool's check completes, and merges", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:40:00Z"));
    const { probot, recorder } = await createPromotionApp();
    mockGetPullRequest();
    serveSettle({ reviews: [review("alice", "APPROVED"), review("dave", "APPROVED")], checkRuns: [POLICY_OK, E2E_OK] });
    mockTeam("dave", true);
    mockCheckRuns();
    mockGateCommentEdit(40);
    mockMerge();
    const payload = checkRunCompletedPayload({ repo: PAYLOAD_REPO, name: "e2e", conclusion: "success", headSha: HEAD, numbers: [40] });
    await probot.receive({ id: "e2e-done", name: "check_run", payload });
    expect(gateCheck(recorder)).toMatchObject({ conclusion: "success" });
    expect(recorder.requests.at(-1)).toMatchObject({ method: "PUT" });
  });

  it("ignores the completion of its own check runs", async () => {
    const { probot, recorder } = await createPromotionApp({ token: false });
    const payload = checkRunCompletedPayload({ repo: PAYLOAD_REPO, name: "promenade/gate", conclusion: "failure", headSha: HEAD, numbers: [40] });
    await probot.receive({ id: "own", name: "check_run", payload });
    expect(recorder.lines()).toEqual([]);
  });
});

describe("the gate's timers", () => {
  it("re-evaluates when the soak ends, and merges then", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    vi.setSystemTime(new Date("2026-11-23T10:10:00Z"));
    const { probot, recorder } = await createPromotionApp();
    const approvals = { reviews: [review("alice", "APPROVED"), review("dave", "APPROVED")], checkRuns: [POLICY_OK, E2E_OK] };
    serveSettle(approvals);
    mockTeam("dave", true);
    mockCheckRuns();
    mockGateCommentEdit(40);
    await probot.receive(approvedBy("dave"));
    expect((gateCheck(recorder) as { output: { title: string } }).output.title).toBe("soak 20m left");

    mockTimedSettle(approvals);
    await vi.advanceTimersByTimeAsync(19 * 60_000);
    expect(recorder.requests.filter((r) => r.method === "PUT")).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await vi.waitFor(() => expect(recorder.requests.at(-1)).toMatchObject({ method: "PUT", path: `${REPO_PATH}/pulls/40/merge` }));
    expect(gateCheck(recorder)).toMatchObject({ conclusion: "success" });
  });

  it("after a restart, re-arms the soak's end from GitHub's state and merges then", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    vi.setSystemTime(new Date("2026-11-23T10:25:00Z"));
    const { probot, recorder } = await createPromotionApp({ token: false });
    const timers = new GateTimers(settleLater(probot), probot.log);
    nock(GITHUB_API)
      .get("/app/installations")
      .query({ per_page: "100" })
      .reply(200, [{ id: INSTALLATION_ID, account: { login: "acme" } }]);
    mockInstallationToken(INSTALLATION_ID);
    nock(GITHUB_API)
      .get("/installation/repositories")
      .query({ per_page: "100" })
      .reply(200, { total_count: 1, repositories: [{ name: "gitops", owner: { login: "acme" }, archived: false }] });
    const repo = shop();
    repo.serveHead();
    repo.serveConfigFile();
    nock(GITHUB_API).get(`${REPO_PATH}/pulls`).query({ state: "open", per_page: "100" }).reply(200, [openPromotion()]);
    const approvals = { reviews: [review("alice", "APPROVED"), review("dave", "APPROVED")], checkRuns: [POLICY_OK, E2E_OK] };
    mockFiles();
    mockGateReads(40, HEAD, approvals);
    mockSourceDeployments("staging", STAGING_RECORDS);
    mockTeam("dave", true);
    mockCheckRuns();
    mockGateCommentEdit(40);
    await expect(reconcileGates(probot, timers)).resolves.toEqual({ repositories: 1, pullRequests: 1 });
    expect(timers.scheduledAt({ installationId: INSTALLATION_ID, repo: REPO, number: 40 })).toEqual(new Date("2026-11-23T10:30:00Z"));

    mockTimedSettle(approvals);
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    await vi.waitFor(() => expect(recorder.requests.at(-1)).toMatchObject({ method: "PUT", path: `${REPO_PATH}/pulls/40/merge` }));
    timers.stop();
  });
});
