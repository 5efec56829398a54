/**
 * Soak for every change: production's soak runs from when a version reached
 * staging, as Promenade's own deployment records of staging say, or, where
 * there are none, as staging's git history says; for pull requests made by
 * hand as for promotion PRs.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import nock from "nock";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { pullRequestReviewPayload } from "../helpers/payloads.js";
import { createPromotionApp } from "./app.js";
import { mockFileAt, mockPathCommits, mockSourceDeployments, type DeploymentFact } from "./deployment-mocks.js";
import { FixtureRepo, REPO } from "./fixture-repo.js";
import { API_TO_PRODUCTION, signedPromotionBody } from "./promotion-mocks.js";
import { BASE_SHA, gateCheck, mockCheckRuns, mockGateCommentEdit, mockGateReads, OTHER_APP_ID } from "./review-mocks.js";

useNockGuard();
afterEach(() => {
  vi.useRealTimers();
});

const REPO_PATH = "/repos/acme/gitops";
const HEAD = "5a4b".padEnd(40, "0");
const PAYLOAD_REPO = { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" };
const PRODUCTION_FILE = "deploy/production/api.yaml";
const STAGING_FILE = "deploy/staging/kustomization.yaml";
const API = "ghcr.io/acme/api";

/** Production needs only a 30-minute soak in staging. */
const CONFIG = `environments:
  dev: { path: deploy/dev }
  staging: { path: deploy/staging, from: dev }
  production:
    path: deploy/production
    from: staging
    requires:
      soak: 30m
`;

const POLICY_OK = { name: "promenade/policy", status: "completed", conclusion: "success", externalId: '{"errors":0,"movedImages":1}' };

/** The shop repository at the base of the pull requests, with CONFIG. */
function shop(): FixtureRepo {
  return new FixtureRepo("shop", BASE_SHA, { ".github/promenade.yml": CONFIG });
}

/** Staging ran api `tag` from `createdAt` on, as a deployment record says. */
function staging(createdAt: string, tag: string, by: Pick<DeploymentFact, "creator" | "appId"> = {}): DeploymentFact {
  return { createdAt, images: { [API]: { tag, digest: null } }, ...by };
}

/** carol's pull request #70, made by hand, moves production's api from 1.3.0 to 1.4.0. */
const HAND_MADE = { number: 70, head: "bump-api", headSha: HEAD, baseSha: BASE_SHA, body: "Bump api in production.", author: "carol" };

/** Promenade's promotion PR #71 of api 1.4.0 into production, whose signed data says the version reached staging at 10:00. */
const PROMOTION = {
  number: 71,
  head: "promenade/production/api",
  headSha: HEAD,
  baseSha: BASE_SHA,
  body: signedPromotionBody(API_TO_PRODUCTION, HEAD, [PRODUCTION_FILE], {
    sources: new Map([[API, { since: new Date("2026-11-23T10:00:00Z") }]]),
    actor: "bob",
  }),
  author: "promenade[bot]",
};

/** dave comments in a review of `pr`: Promenade settles its gate. */
function reviewed(pr: typeof HAND_MADE) {
  return {
    id: `review-${pr.number}`,
    name: "pull_request_review" as const,
    payload: pullRequestReviewPayload({ action: "submitted", repo: PAYLOAD_REPO, pr, reviewer: "dave", state: "commented", commitId: HEAD }),
  };
}

/** What settling `pr` reads before the soak (config, files, the gate's facts), and the check and comment it writes. */
function serveSettle(pr: typeof HAND_MADE, commits: [string, string][]): void {
  shop().serveConfigFile();
  nock(GITHUB_API)
    .get(`${REPO_PATH}/pulls/${pr.number}/files`)
    .query({ per_page: "100" })
    .reply(200, [{ sha: "1".repeat(40), filename: PRODUCTION_FILE, status: "modified", additions: 1, deletions: 1, changes: 2 }]);
  mockGateReads(pr.number, HEAD, { reviews: [{ login: "dave", state: "COMMENTED", commitId: HEAD }], checkRuns: [POLICY_OK], commits });
  mockCheckRuns();
  mockGateCommentEdit(pr.number);
}

/** The hand-made pull request's one file on both sides: what it moves. */
function serveHandMadeFiles(): void {
  const before = shop().files.get(PRODUCTION_FILE) as string;
  mockFileAt(PRODUCTION_FILE, BASE_SHA, before);
  mockFileAt(PRODUCTION_FILE, HEAD, before.replace("api:1.3.0", "api:1.4.0"));
}

/** Settles carol's pull request at `now` with staging's deployment records `records` (newest first); answers the gate check. */
async function settleHandMade(now: string, records: DeploymentFact[], history?: () => void) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(now));
  const { probot, recorder } = await createPromotionApp();
  serveSettle(HAND_MADE, [["carol", "carol"]]);
  serveHandMadeFiles();
  mockSourceDeployments("staging", records);
  history?.();
  await probot.receive(reviewed(HAND_MADE));
  return gateCheck(recorder) as { conclusion: string; output: { title: string; summary: string } };
}

describe("soak for a pull request made by hand", () => {
  it("passes a 30m soak when Promenade recorded staging running api 1.4.0 40 minutes ago", async () => {
    const check = await settleHandMade("2026-11-23T10:40:00Z", [staging("2026-11-23T10:00:00Z", "1.4.0"), staging("2026-11-23T09:00:00Z", "1.3.0")]);
    expect(check.conclusion).toBe("success");
    expect(check.output.summary).toContain("soak 30m: running in staging since 2026-11-23 10:00 UTC (40m)");
  });

  it("waits 20m more when that record is 10 minutes old, and the title says so", async () => {
    const check = await settleHandMade("2026-11-23T10:10:00Z", [staging("2026-11-23T10:00:00Z", "1.4.0"), staging("2026-11-23T09:00:00Z", "1.3.0")]);
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("soak 20m left");
  });

  it("counts from the earliest record of the run still running the version, past records that repeat it", async () => {
    const check = await settleHandMade("2026-11-23T10:35:00Z", [
      staging("2026-11-23T10:30:00Z", "1.4.0"),
      staging("2026-11-23T10:15:00Z", "1.4.0"),
      staging("2026-11-23T10:00:00Z", "1.3.0"),
      staging("2026-11-23T08:00:00Z", "1.4.0"),
    ]);
    expect(check.output.title).toBe("soak 10m left");
  });

  it.each([
    ["a person", { creator: "mallory", appId: null }],
    ["another app", { creator: "deployer[bot]", appId: OTHER_APP_ID }],
    ["a person through another app", { creator: "mallory", appId: OTHER_APP_ID }],
  ])("ignores a deployment record that %s created", async (_who, by) => {
    const check = await settleHandMade("2026-11-23T10:40:00Z", [
      staging("2026-11-23T10:30:00Z", "1.4.0"),
      staging("2026-11-23T08:00:00Z", "1.4.0", by),
      staging("2026-11-23T07:00:00Z", "1.3.0"),
    ]);
    expect(check.output.title).toBe("soak 20m left");
  });

  it("says it cannot tell, rather than read git history, when 200 records by others hide Promenade's", async () => {
    const hundred = Array.from({ length: 100 }, () => staging("2026-11-23T08:00:00Z", "1.4.0", { creator: "mallory", appId: null }));
    const check = await settleHandMade("2026-11-23T10:40:00Z", hundred, () => mockSourceDeployments("staging", hundred, 2));
    expect(check.output.title).toBe("soak: cannot tell when the version reached staging");
  });

  it("says it cannot tell when staging's newest record no longer runs the version", async () => {
    const check = await settleHandMade("2026-11-23T10:40:00Z", [staging("2026-11-23T10:20:00Z", "1.5.0"), staging("2026-11-23T09:00:00Z", "1.4.0")]);
    expect(check.output.title).toBe("soak: cannot tell when the version reached staging");
  });

  it("without any record of Promenade's, counts from the commit that brought the version into staging's file", async () => {
    const stagingFile = shop().files.get(STAGING_FILE) as string;
    const brought = "b1".padEnd(40, "0");
    const earlier = "e1".padEnd(40, "0");
    const check = await settleHandMade("2026-11-23T10:40:00Z", [staging("2026-11-23T08:00:00Z", "1.4.0", { creator: "mallory", appId: null })], () => {
      shop().serveArchive();
      mockPathCommits(STAGING_FILE, BASE_SHA, [
        { sha: BASE_SHA, date: "2026-11-23T10:20:00Z" },
        { sha: brought, date: "2026-11-23T10:05:00Z" },
        { sha: earlier, date: "2026-11-22T09:00:00Z" },
      ]);
      mockFileAt(STAGING_FILE, brought, stagingFile.replace('newTag: "2.0.3"', 'newTag: "2.0.2"'));
      mockFileAt(STAGING_FILE, earlier, stagingFile.replace('newTag: "1.4.0"', 'newTag: "1.3.0"'));
    });
    expect(check.conclusion).toBe("success");
    expect(check.output.summary).toContain("soak 30m: running in staging since 2026-11-23 10:05 UTC (35m)");
  });
});

describe("soak for a promotion PR", () => {
  it("counts from the later of its signed time and Promenade's record of staging", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:40:00Z"));
    const { probot, recorder } = await createPromotionApp();
    serveSettle(PROMOTION, [["promenade[bot]", "promenade[bot]"]]);
    mockSourceDeployments("staging", [
      staging("2026-11-23T10:20:00Z", "1.4.0"),
      staging("2026-11-23T10:10:00Z", "1.3.0"),
      staging("2026-11-23T10:00:00Z", "1.4.0"),
    ]);
    await probot.receive(reviewed(PROMOTION));
    const check = gateCheck(recorder) as { output: { title: string } };
    expect(check.output.title).toBe("soak 10m left");
  });

  it("keeps its signed time when staging has no record of Promenade's", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:40:00Z"));
    const { probot, recorder } = await createPromotionApp();
    serveSettle(PROMOTION, [["promenade[bot]", "promenade[bot]"]]);
    mockSourceDeployments("staging", []);
    await probot.receive(reviewed(PROMOTION));
    const check = gateCheck(recorder) as { conclusion: string; output: { summary: string } };
    expect(check.conclusion).toBe("success");
    expect(check.output.summary).toContain("running in staging since 2026-11-23 10:00 UTC (40m)");
  });
});
