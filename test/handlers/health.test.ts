/**
 * `requires.healthy` through the whole app, GitHub mocked at the HTTP
 * boundary: a staging promotion PR waits until dev reports the version
 * healthy, by another tool's deployment of dev (Argo CD notifications) or by
 * a commit status (Flux's notification-controller), on a commit where dev
 * runs it; Promenade's own deployment records never count.
 */
import nock from "nock";
import { describe, expect, it } from "vitest";
import type { Promotion } from "../../src/engine/plan/promotion.js";
import { REVIEW_MARKER } from "../../src/engine/markdown/review-comment.js";
import { GITHUB_API, OWN_APP, type RequestRecorder } from "../helpers/github-mock.js";
import { checkRunCompletedPayload, deploymentStatusPayload, statusPayload } from "../helpers/payloads.js";
import { createPromotionApp } from "./app.js";
import { FixtureRepo, REPO } from "./fixture-repo.js";
import { mockOpenPullRequests, pullRequest, signedPromotionBody } from "./promotion-mocks.js";
import { BASE_SHA, gateCheck, mockCheckRuns, mockGateReads, mockHeadCheckRuns, OTHER_APP_ID } from "./review-mocks.js";
import { useNockGuard } from "../helpers/github-mock.js";

useNockGuard();

const REPO_PATH = `/repos/${REPO.owner}/${REPO.repo}`;
const PAYLOAD_REPO = { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" };
/** The head of Promenade's staging PR. */
const HEAD = "5a9e".padEnd(40, "0");
/** The commit of main that brought api 1.4.2 into dev, where Promenade recorded it. */
const DEV_SHA = "de71".padEnd(40, "0");
/** A commit of main where dev's files changed since (it runs something else). */
const ELSEWHERE = "e15e".padEnd(40, "0");
const API = "ghcr.io/acme/api";

const API_TO_STAGING: Promotion = {
  environment: "staging",
  from: "dev",
  images: [{ image: API, fromVersion: { tag: "1.4.0", digest: null }, toVersion: { tag: "1.4.2", digest: null }, bump: "patch" }],
  branch: "promenade/staging/api",
  title: "Promote api 1.4.2 to staging",
  trigger: { kind: "environment-change", environment: "dev" },
};

function config(requires: string): string {
  return `environments:
  dev: { path: deploy/dev, autoMerge: true }
  staging:
    path: deploy/staging
    from: dev
    autoMerge: true
    requires: ${requires}
`;
}

const HEALTHY = config("{ healthy: true }");
const FLUX = config('{ healthy: true, healthChecks: ["kustomization/apps"] }');

const STAGING_FILE = "deploy/staging/kustomization.yaml";
const POLICY_OK = { name: "promenade/policy", status: "completed", conclusion: "success", externalId: '{"errors":0,"movedImages":1}' };

function openPromotion() {
  const body = signedPromotionBody(API_TO_STAGING, HEAD, [STAGING_FILE], { actor: "carol" });
  return pullRequest(41, API_TO_STAGING.branch, { body, head: { ref: API_TO_STAGING.branch, sha: HEAD, repo: { full_name: "acme/gitops" } } });
}

/** A deployment of dev as GitHub lists it. */
function listed(id: number, sha: string, task: string, creator: string, appId: number | null) {
  return {
    url: `${GITHUB_API}${REPO_PATH}/deployments/${id}`,
    id,
    node_id: `DE_${id}`,
    sha,
    ref: sha,
    task,
    payload: task === "promenade" ? { images: { [API]: { tag: "1.4.2", digest: null } } } : {},
    original_environment: "dev",
    environment: "dev",
    description: null,
    creator: { login: creator, id: 50 + id, type: creator.endsWith("[bot]") ? "Bot" : "User" },
    created_at: "2026-11-23T10:00:00Z",
    updated_at: "2026-11-23T10:00:00Z",
    statuses_url: `${GITHUB_API}${REPO_PATH}/deployments/${id}/statuses`,
    repository_url: `${GITHUB_API}${REPO_PATH}`,
    performed_via_github_app: appId === null ? null : { id: appId, slug: appId === OWN_APP.id ? OWN_APP.slug : "argocd-notifications" },
  };
}

/** Promenade's record: dev runs api 1.4.2 since DEV_SHA. */
const RECORD = listed(3000, DEV_SHA, "promenade", "promenade[bot]", OWN_APP.id);

/** What a report wakes: main's head and config, the open pull requests, then settling PR #41 up to the health facts. */
function serveSettle(text: string): void {
  const shop = new FixtureRepo("shop", BASE_SHA, { ".github/promenade.yml": text });
  shop.serveHead();
  shop.serveConfigFile();
  mockOpenPullRequests([openPromotion()]);
  nock(GITHUB_API)
    .get(`${REPO_PATH}/pulls/41/files`)
    .query({ per_page: "100" })
    .reply(200, [{ sha: "1".repeat(40), filename: STAGING_FILE, status: "modified", additions: 1, deletions: 1, changes: 2 }]);
  mockGateReads(41, HEAD, { checkRuns: [POLICY_OK] });
  nock(GITHUB_API).get(`${REPO_PATH}/deployments`).query({ environment: "dev", task: "promenade", per_page: "30", page: "1" }).reply(200, [RECORD]);
}

/** Every deployment of dev (all tasks), newest first, and the latest status of each of `states` (by id). */
function mockDevDeployments(deployments: ReturnType<typeof listed>[], states: Record<number, string>): void {
  nock(GITHUB_API).get(`${REPO_PATH}/deployments`).query({ environment: "dev", per_page: "30" }).reply(200, deployments);
  for (const [id, state] of Object.entries(states)) {
    nock(GITHUB_API)
      .get(`${REPO_PATH}/deployments/${id}/statuses`)
      .query({ per_page: "1" })
      .reply(200, [{ id: Number(id) * 10, state, environment: "dev", created_at: "2026-11-23T10:05:00Z", updated_at: "2026-11-23T10:05:00Z" }]);
  }
}

/** The gate's check run and comment writes; answers the comment's new body. */
/** GitHub's comparison of dev's record commit with `sha`, one commit ahead, which changed `file`. */
function mockComparedWithRecord(sha: string, file: string): void {
  nock(GITHUB_API)
    .get(`${REPO_PATH}/compare/${DEV_SHA}...${sha}`)
    .query({ per_page: "1" })
    .reply(200, { status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1, commits: [], files: [{ filename: file, status: "modified" }] });
}

function mockGateWrites(): { body?: string } {
  mockCheckRuns();
  const edited: { body?: string } = {};
  const body = `${REVIEW_MARKER}\n\n### staging\n\n<!-- promenade:gate staging -->\nold\n<!-- /promenade:gate -->\n`;
  nock(GITHUB_API)
    .get(`${REPO_PATH}/issues/41/comments`)
    .query({ per_page: "100" })
    .reply(200, [{ id: 710, body, user: { login: "promenade[bot]", type: "Bot" }, html_url: "https://github.com/acme/gitops/pull/41#issuecomment-710" }])
    .patch(`${REPO_PATH}/issues/comments/710`)
    .reply(200, (_uri, sent) => {
      edited.body = (sent as { body: string }).body;
      return { id: 710 };
    });
  return edited;
}

function mockMerge(): void {
  nock(GITHUB_API)
    .put(`${REPO_PATH}/pulls/41/merge`, { sha: HEAD })
    .reply(200, { merged: true, sha: "5".repeat(40), message: "merged" });
}

/** The health line of the gate check sent last. */
function healthLine(recorder: RequestRecorder): string | undefined {
  const check = gateCheck(recorder) as { output: { summary: string } };
  return check.output.summary.split("\n").find((line) => line.includes("| health |"));
}

function merged(recorder: RequestRecorder): boolean {
  return recorder.requests.some((r) => r.method === "PUT" && r.path === `${REPO_PATH}/pulls/41/merge`);
}

function argoReports(state: "success" | "failure" | "in_progress", sha = DEV_SHA, id = 9001) {
  return {
    id: `argo-${id}-${state}`,
    name: "deployment_status" as const,
    payload: deploymentStatusPayload({ repo: PAYLOAD_REPO, environment: "dev", sha, state, deploymentId: id, appId: OTHER_APP_ID }),
  };
}

describe("requires.healthy by deployments of dev", () => {
  it("waits while only Promenade's own record and a deployment in progress are there, naming what it waits for", async () => {
    const { probot, recorder } = await createPromotionApp();
    serveSettle(HEALTHY);
    const argo = listed(9001, DEV_SHA, "deploy", "argocd-notifications[bot]", OTHER_APP_ID);
    // Promenade's record is listed too (GitHub lists every task): its success status is never read, never counted.
    mockDevDeployments([argo, RECORD], { 9001: "in_progress" });
    const comment = mockGateWrites();
    await probot.receive(argoReports("in_progress"));
    expect(gateCheck(recorder)).toMatchObject({ conclusion: "failure", output: { title: "waiting for a healthy dev" } });
    expect(healthLine(recorder)).toBe("| ❌ | health | health: waiting for a successful deployment of dev running api 1.4.2 |");
    expect(comment.body).toContain("- ❌ health: waiting for a successful deployment of dev running api 1.4.2");
    expect(recorder.requests.some((r) => r.path === `${REPO_PATH}/deployments/3000/statuses`)).toBe(false);
    expect(merged(recorder)).toBe(false);
  });

  it("fails, showing the failure, when dev's deployment of the version failed", async () => {
    const { probot, recorder } = await createPromotionApp();
    serveSettle(HEALTHY);
    mockDevDeployments([listed(9001, DEV_SHA, "deploy", "argocd-notifications[bot]", OTHER_APP_ID), RECORD], { 9001: "failure" });
    mockGateWrites();
    await probot.receive(argoReports("failure"));
    expect(gateCheck(recorder)).toMatchObject({ conclusion: "failure", output: { title: "dev unhealthy" } });
    expect(healthLine(recorder)).toBe("| ❌ | health | health: the deployment of dev running api 1.4.2 failed (on de71000) |");
    expect(merged(recorder)).toBe(false);
  });

  it("passes and merges once dev's deployment succeeded on a commit running the version", async () => {
    const { probot, recorder } = await createPromotionApp();
    serveSettle(HEALTHY);
    mockDevDeployments([listed(9002, DEV_SHA, "deploy", "argocd-notifications[bot]", OTHER_APP_ID), RECORD], { 9002: "success" });
    mockGateWrites();
    mockMerge();
    await probot.receive(argoReports("success", DEV_SHA, 9002));
    expect(gateCheck(recorder)).toMatchObject({ conclusion: "success" });
    expect(healthLine(recorder)).toBe("| ✅ | health | health: api 1.4.2 reported healthy in dev by a deployment (on de71000) |");
    expect(merged(recorder)).toBe(true);
  });

  it("does not count a success on a commit where dev's files changed, nor one Promenade's app made with another task", async () => {
    const { probot, recorder } = await createPromotionApp();
    serveSettle(HEALTHY);
    mockDevDeployments(
      [
        listed(9003, ELSEWHERE, "deploy", "argocd-notifications[bot]", OTHER_APP_ID),
        listed(9004, DEV_SHA, "deploy", "promenade[bot]", OWN_APP.id),
        listed(9005, DEV_SHA, "promenade", "mallory", null),
        RECORD,
      ],
      {},
    );
    mockComparedWithRecord(ELSEWHERE, "deploy/dev/kustomization.yaml");
    mockGateWrites();
    await probot.receive(argoReports("success", ELSEWHERE, 9003));
    expect(gateCheck(recorder)).toMatchObject({ conclusion: "failure", output: { title: "waiting for a healthy dev" } });
    expect(recorder.requests.some((r) => r.path.includes("/statuses"))).toBe(false);
    expect(merged(recorder)).toBe(false);
  });

  it("wakes nothing on the status of Promenade's own deployment record", async () => {
    const { probot, recorder } = await createPromotionApp({ token: false });
    const payload = deploymentStatusPayload({ repo: PAYLOAD_REPO, environment: "dev", sha: DEV_SHA, state: "success", task: "promenade", appId: OWN_APP.id });
    await probot.receive({ id: "own-record", name: "deployment_status", payload });
    expect(recorder.lines()).toEqual([]);
  });
});

describe("requires.healthChecks by commit statuses", () => {
  /** Main's head as settling reads it for the candidates, compared with the record's commit (only README.md changed), and the reports on both commits. */
  function serveReports(headStatuses: { context: string; state: string }[], recordStatuses: { context: string; state: string }[]): void {
    new FixtureRepo("shop", BASE_SHA).serveHead();
    mockComparedWithRecord(BASE_SHA, "README.md");
    for (const [sha, statuses] of [
      [BASE_SHA, headStatuses],
      [DEV_SHA, recordStatuses],
    ] as const) {
      nock(GITHUB_API)
        .get(`${REPO_PATH}/commits/${sha}/status`)
        .query({ per_page: "100" })
        .reply(200, { state: "success", sha, total_count: statuses.length, statuses: statuses.map((status, i) => ({ id: i + 1, ...status })) });
      nock(GITHUB_API)
        .get(`${REPO_PATH}/commits/${sha}/check-runs`)
        .query({ filter: "latest", per_page: "100" })
        .reply(200, { total_count: 0, check_runs: [] });
    }
  }

  const flux = (state: "success" | "failure", sha = DEV_SHA) => ({
    id: `flux-${sha}-${state}`,
    name: "status" as const,
    payload: statusPayload({ repo: PAYLOAD_REPO, sha, context: "kustomization/apps/6f0c9e2a", state }),
  });

  it("fails on Flux's failed status, then passes and merges once it succeeded on a commit running the version", async () => {
    const { probot, recorder } = await createPromotionApp();
    serveSettle(FLUX);
    serveReports([], [{ context: "kustomization/apps/6f0c9e2a", state: "failure" }]);
    mockGateWrites();
    await probot.receive(flux("failure"));
    expect(gateCheck(recorder)).toMatchObject({ conclusion: "failure", output: { title: "dev unhealthy" } });
    expect(healthLine(recorder)).toBe("| ❌ | health | health: dev running api 1.4.2 is unhealthy (kustomization/apps failed on de71000) |");

    serveSettle(FLUX);
    serveReports([{ context: "kustomization/apps/6f0c9e2a", state: "success" }], [{ context: "kustomization/apps/6f0c9e2a", state: "failure" }]);
    mockGateWrites();
    mockMerge();
    await probot.receive(flux("success", BASE_SHA));
    expect(healthLine(recorder)).toBe("| ✅ | health | health: api 1.4.2 reported healthy in dev (kustomization/apps succeeded on c0ffee0) |");
    expect(merged(recorder)).toBe(true);
  });

  it("does not count the right status on a commit that does not run the version", async () => {
    const { probot, recorder } = await createPromotionApp();
    serveSettle(FLUX);
    new FixtureRepo("shop", BASE_SHA).serveHead();
    mockComparedWithRecord(BASE_SHA, "deploy/dev/kustomization.yaml");
    nock(GITHUB_API)
      .get(`${REPO_PATH}/commits/${DEV_SHA}/status`)
      .query({ per_page: "100" })
      .reply(200, { state: "pending", sha: DEV_SHA, total_count: 0, statuses: [] });
    nock(GITHUB_API)
      .get(`${REPO_PATH}/commits/${DEV_SHA}/check-runs`)
      .query({ filter: "latest", per_page: "100" })
      .reply(200, { total_count: 0, check_runs: [] });
    mockGateWrites();
    await probot.receive(flux("success", BASE_SHA));
    expect(healthLine(recorder)).toBe(
      "| ❌ | health | health: waiting for kustomization/apps to succeed on a commit of dev running api 1.4.2 (kustomization/apps has not reported) |",
    );
    // Main's head changed dev's files: its statuses are never read.
    expect(recorder.requests.some((r) => r.path === `${REPO_PATH}/commits/${BASE_SHA}/status`)).toBe(false);
    expect(merged(recorder)).toBe(false);
  });

  it("settles on another tool's check run completing on a commit of main (no pull request), a check run answering healthChecks too", async () => {
    const { probot, recorder } = await createPromotionApp();
    serveSettle(FLUX);
    new FixtureRepo("shop", BASE_SHA).serveHead();
    mockComparedWithRecord(BASE_SHA, "deploy/dev/kustomization.yaml");
    nock(GITHUB_API)
      .get(`${REPO_PATH}/commits/${DEV_SHA}/status`)
      .query({ per_page: "100" })
      .reply(200, { state: "pending", sha: DEV_SHA, total_count: 0, statuses: [] });
    mockHeadCheckRuns(DEV_SHA, [{ name: "kustomization/apps", status: "completed", conclusion: "success" }]);
    mockGateWrites();
    mockMerge();
    const payload = checkRunCompletedPayload({ repo: PAYLOAD_REPO, name: "kustomization/apps", conclusion: "success", headSha: DEV_SHA, numbers: [] });
    await probot.receive({ id: "health-run", name: "check_run", payload });
    expect(healthLine(recorder)).toBe("| ✅ | health | health: api 1.4.2 reported healthy in dev (kustomization/apps succeeded on de71000) |");
    expect(merged(recorder)).toBe(true);
  });

  it("reads nothing but the config for a status no environment listens to", async () => {
    const { probot, recorder } = await createPromotionApp();
    const shop = new FixtureRepo("shop", BASE_SHA, { ".github/promenade.yml": FLUX });
    shop.serveHead();
    shop.serveConfigFile();
    await probot.receive({ id: "ci", name: "status", payload: statusPayload({ repo: PAYLOAD_REPO, sha: BASE_SHA, context: "ci/build", state: "success" }) });
    expect(recorder.lines()).toEqual(["POST /graphql", `GET ${REPO_PATH}/contents/.github%2Fpromenade.yml?ref=${BASE_SHA}`]);
  });
});
