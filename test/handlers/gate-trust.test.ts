/**
 * Attacks on the gate by someone with write access, each through the whole
 * app: what they try, and that the gate (or the merge) does not give way.
 */
import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { checkRunCompletedPayload, pullRequestReviewPayload } from "../helpers/payloads.js";
import { createPromotionApp } from "./app.js";
import { mockSourceDeployments } from "./deployment-mocks.js";
import { FixtureRepo, REPO } from "./fixture-repo.js";
import { API_TO_PRODUCTION, pullRequest, signedPromotionBody } from "./promotion-mocks.js";
import {
  BASE_SHA,
  gateCheck,
  mockCheckRuns,
  mockGateCommentEdit,
  mockGateReads,
  mockHeadCheckRuns,
  mockReviewComment,
  mockTeam,
  OTHER_APP_ID,
  pullRequestEvent,
  serveReview,
  type GateFacts,
} from "./review-mocks.js";
import type { Promotion } from "../../src/engine/plan/promotion.js";

useNockGuard();
afterEach(() => {
  vi.useRealTimers();
});

const REPO_PATH = "/repos/acme/gitops";
const HEAD = "9a7e".padEnd(40, "0");
const PAYLOAD_REPO = { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" };
const PRODUCTION_FILE = "deploy/production/api.yaml";

/** dev merges by itself; production needs two approvals and a 2h soak. */
const CONFIG = `environments:
  dev: { path: deploy/dev, autoMerge: true }
  staging: { path: deploy/staging, from: dev }
  production:
    path: deploy/production
    from: staging
    autoMerge: true
    requires:
      approvals: 2
      reviewers: ["@acme/sre", alice]
      soak: 2h
`;

/** The version reached staging 10 minutes before the events below. */
const REACHED_STAGING = new Date("2026-11-23T10:00:00Z");
const NOW = new Date("2026-11-23T10:10:00Z");

const API_TO_DEV: Promotion = {
  environment: "dev",
  images: [{ image: "ghcr.io/acme/api", fromVersion: { tag: "1.3.0", digest: null }, toVersion: { tag: "1.4.0", digest: null }, bump: "minor" }],
  branch: "promenade/dev/api",
  title: "Promote api 1.4.0 to dev",
  trigger: { kind: "push", image: "ghcr.io/acme/api", tag: "1.4.0", digest: null },
};

/** The body Promenade wrote for the production promotion of commit HEAD, triggered by bob. */
const GENUINE = signedPromotionBody(API_TO_PRODUCTION, HEAD, [PRODUCTION_FILE], {
  sources: new Map([["ghcr.io/acme/api", { since: REACHED_STAGING }]]),
  actor: "bob",
});

/** Promenade's deployment record of staging running api 1.4.0 since then. */
function mockStagingRecord(): void {
  mockSourceDeployments("staging", [{ createdAt: REACHED_STAGING.toISOString(), images: { "ghcr.io/acme/api": { tag: "1.4.0", digest: null } } }]);
}

/** The config on main and the files pull request `number` changes. */
function serveSettle(number: number, files: string[]): void {
  new FixtureRepo("shop", BASE_SHA, { ".github/promenade.yml": CONFIG }).serveConfigFile();
  nock(GITHUB_API)
    .get(`${REPO_PATH}/pulls/${number}/files`)
    .query({ per_page: "100" })
    .reply(
      200,
      files.map((filename, i) => ({ sha: String(i).repeat(40), filename, status: "modified", additions: 1, deletions: 1, changes: 2 })),
    );
}

/** The pull request as `GET /pulls/{n}` answers it (when a check wakes the gate), then serveSettle. */
function servePullRequest(number: number, fields: Parameters<typeof pullRequest>[2], files: string[]): void {
  nock(GITHUB_API)
    .get(`${REPO_PATH}/pulls/${number}`)
    .reply(200, pullRequest(number, fields?.head?.ref ?? "x", { base: { ref: "main", sha: BASE_SHA, repo: { full_name: "acme/gitops" } }, ...fields }));
  serveSettle(number, files);
}

/** Another tool's check `ci` completed on the head of pull request `number`: Promenade settles it. */
function ciCompleted(number: number, headSha = HEAD) {
  return {
    id: `ci-${number}`,
    name: "check_run" as const,
    payload: checkRunCompletedPayload({ repo: PAYLOAD_REPO, name: "ci", conclusion: "success", headSha, numbers: [number] }),
  };
}

function approvedBy(reviewer: string, number: number, pr: { head: string; body: string; author: string }) {
  return {
    id: `review-${reviewer}-${number}`,
    name: "pull_request_review" as const,
    payload: pullRequestReviewPayload({
      action: "submitted",
      repo: PAYLOAD_REPO,
      pr: { number, headSha: HEAD, baseSha: BASE_SHA, ...pr },
      reviewer,
      state: "approved",
      commitId: HEAD,
    }),
  };
}

const POLICY_OK = { name: "promenade/policy", status: "completed", conclusion: "success", externalId: '{"errors":0,"movedImages":1}' };
const CI_OK = { name: "ci", status: "completed", conclusion: "success" };

function merges(recorder: { requests: { method: string; path: string }[] }): string[] {
  return recorder.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/merge")).map((r) => r.path);
}

describe("the gate cannot be talked past", () => {
  it("ignores a promotion PR's data block edited by hand (trigger, soak start, rollback), says so, and merges nothing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const { probot, recorder } = await createPromotionApp();
    const forged = GENUINE.replace('"actor":"bob"', '"actor":"nobody"')
      .replace("2026-11-23T10:00:00.000Z", "2000-01-01T00:00:00.000Z")
      .replace('"trigger":{"kind":"environment-change","environment":"staging"}', '"trigger":{"kind":"rollback"}');
    expect(forged).not.toBe(GENUINE);
    const pr = { head: "promenade/production/api", body: forged, author: "promenade[bot]" };
    serveSettle(40, [PRODUCTION_FILE]);
    mockGateReads(40, HEAD, {
      reviews: [
        { login: "bob", state: "APPROVED", commitId: HEAD },
        { login: "alice", state: "APPROVED", commitId: HEAD },
      ],
      checkRuns: [POLICY_OK],
    });
    mockTeam("bob", true);
    mockCheckRuns();
    const comment = mockGateCommentEdit(40);
    await probot.receive(approvedBy("bob", 40, pr));
    const check = gateCheck(recorder) as { conclusion: string; output: { title: string; summary: string } };
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("changed by hand; soak: cannot tell when the version reached staging");
    expect(check.output.summary).toContain("Promenade's data in the pull request's body was changed by hand");
    expect(comment.body).toContain("Promenade's data in the pull request's body was changed by hand");
    expect(merges(recorder)).toEqual([]);
  });

  it("counts the genuine trigger out and the genuine soak in when the block is untouched", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const { probot, recorder } = await createPromotionApp();
    const pr = { head: "promenade/production/api", body: GENUINE, author: "promenade[bot]" };
    serveSettle(40, [PRODUCTION_FILE]);
    mockGateReads(40, HEAD, {
      reviews: [
        { login: "bob", state: "APPROVED", commitId: HEAD },
        { login: "alice", state: "APPROVED", commitId: HEAD },
      ],
      checkRuns: [POLICY_OK],
    });
    mockStagingRecord();
    mockTeam("bob", true);
    mockCheckRuns();
    mockGateCommentEdit(40);
    await probot.receive(approvedBy("bob", 40, pr));
    const check = gateCheck(recorder) as { conclusion: string; output: { title: string; summary: string } };
    expect(check.output.title).toBe("1 of 2 approvals from @acme/sre, alice; soak 1h50m left");
    expect(check.output.summary).toContain("approved but triggered this promotion");
  });

  it("never merges a hand-made PR into an autoMerge environment, whatever data block its body carries", async () => {
    const { probot, recorder } = await createPromotionApp();
    const copied = signedPromotionBody(API_TO_DEV, "d".repeat(40), ["deploy/dev/kustomization.yaml"]);
    servePullRequest(
      50,
      { body: copied, user: { login: "mallory", type: "User" }, head: { ref: "promenade/dev/api", sha: HEAD, repo: { full_name: "acme/gitops" } } },
      ["deploy/dev/kustomization.yaml", "deploy/base/api.yaml"],
    );
    mockHeadCheckRuns(HEAD, [POLICY_OK, CI_OK]);
    mockCheckRuns();
    await probot.receive(ciCompleted(50));
    expect(gateCheck(recorder)).toMatchObject({ conclusion: "success", output: { title: "No gated environment changes" } });
    expect(merges(recorder)).toEqual([]);
  });

  it("never merges its own promotion PR once someone pushed to its branch, and says why", async () => {
    const { probot, recorder } = await createPromotionApp();
    const body = signedPromotionBody(API_TO_DEV, "d".repeat(40), ["deploy/dev/kustomization.yaml"]);
    servePullRequest(51, { body, head: { ref: "promenade/dev/api", sha: HEAD, repo: { full_name: "acme/gitops" } } }, [
      "deploy/dev/kustomization.yaml",
      "deploy/base/api.yaml",
    ]);
    mockHeadCheckRuns(HEAD, [POLICY_OK, CI_OK]);
    mockCheckRuns();
    await probot.receive(ciCompleted(51));
    const check = gateCheck(recorder) as { output: { summary: string } };
    expect(check.output.summary).toContain("Promenade will not merge this pull request: commits were pushed to the branch after Promenade's own.");
    expect(merges(recorder)).toEqual([]);
  });

  it("merges its own untouched promotion PR into an autoMerge environment", async () => {
    const { probot, recorder } = await createPromotionApp();
    const body = signedPromotionBody(API_TO_DEV, HEAD, ["deploy/dev/kustomization.yaml"]);
    servePullRequest(52, { body, head: { ref: "promenade/dev/api", sha: HEAD, repo: { full_name: "acme/gitops" } } }, ["deploy/dev/kustomization.yaml"]);
    mockHeadCheckRuns(HEAD, [POLICY_OK, CI_OK]);
    mockCheckRuns();
    nock(GITHUB_API)
      .put(`${REPO_PATH}/pulls/52/merge`, { sha: HEAD })
      .reply(200, { merged: true, sha: "5".repeat(40), message: "merged" });
    await probot.receive(ciCompleted(52));
    expect(merges(recorder)).toEqual([`${REPO_PATH}/pulls/52/merge`]);
  });

  it("reads back only its own promenade/policy run: another app's forged success does not pass the gate", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T12:30:00Z"));
    const { probot, recorder } = await createPromotionApp();
    const pr = { head: "promenade/production/api", body: GENUINE, author: "promenade[bot]" };
    serveSettle(40, [PRODUCTION_FILE]);
    const facts: GateFacts = {
      reviews: [
        { login: "alice", state: "APPROVED", commitId: HEAD },
        { login: "dave", state: "APPROVED", commitId: HEAD },
      ],
      checkRuns: [
        { ...POLICY_OK, appId: OTHER_APP_ID },
        { name: "promenade/policy", status: "completed", conclusion: "failure", externalId: '{"errors":2,"movedImages":1}' },
      ],
    };
    mockGateReads(40, HEAD, facts);
    mockStagingRecord();
    mockTeam("dave", true);
    mockCheckRuns();
    mockGateCommentEdit(40);
    await probot.receive(approvedBy("dave", 40, pr));
    const check = gateCheck(recorder) as { conclusion: string; output: { title: string } };
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("2 policy errors");
    expect(merges(recorder)).toEqual([]);
  });

  it("never counts the approval of someone who pushed to the branch, even with an email that matches no account", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T12:30:00Z"));
    const { probot, recorder } = await createPromotionApp();
    const base = new FixtureRepo("shop", BASE_SHA, { ".github/promenade.yml": CONFIG });
    const head = new FixtureRepo("shop", HEAD, {
      ".github/promenade.yml": CONFIG,
      [PRODUCTION_FILE]: (base.files.get(PRODUCTION_FILE) as string).replace("replicas: 2", "replicas: 3"),
    });
    // mallory pushes a commit (its author email matches no account) onto alice's pull request.
    serveReview(60, base, head);
    mockHeadCheckRuns("01d0".padEnd(40, "0"));
    mockGateReads(60, HEAD, {
      commits: [
        ["alice", "alice"],
        [null, null],
      ],
    });
    mockCheckRuns(2);
    mockReviewComment(60);
    await probot.receive(pullRequestEvent("synchronize", 60, "more-replicas", HEAD, { before: "01d0".padEnd(40, "0"), sender: "mallory", author: "alice" }));
    const recorded = gateCheck(recorder) as { external_id: string };
    expect(JSON.parse(recorded.external_id)).toEqual({ pushers: ["mallory"] });

    // Then mallory approves, and so does dave.
    const pr = { head: "more-replicas", body: "", author: "alice" };
    serveSettle(60, [PRODUCTION_FILE]);
    mockGateReads(60, HEAD, {
      reviews: [
        { login: "mallory", state: "APPROVED", commitId: HEAD },
        { login: "dave", state: "APPROVED", commitId: HEAD },
      ],
      checkRuns: [
        { ...POLICY_OK, externalId: '{"errors":0,"movedImages":0}' },
        { name: "promenade/gate", status: "completed", conclusion: "failure", externalId: recorded.external_id },
      ],
      commits: [
        ["alice", "alice"],
        [null, null],
      ],
    });
    mockTeam("mallory", true);
    mockTeam("dave", true);
    mockCheckRuns();
    nock(GITHUB_API).get(`${REPO_PATH}/issues/60/comments`).query({ per_page: "100" }).reply(200, []);
    await probot.receive(approvedBy("mallory", 60, pr));
    const check = gateCheck(recorder) as { external_id: string; output: { summary: string } };
    expect(check.output.summary).toMatch(/mallory\S* approved but pushed to this pull request/);
    expect(check.output.summary).toMatch(/1 of 2 approvals/);
    expect(JSON.parse(check.external_id)).toEqual({ pushers: ["mallory"] });
  });
});
