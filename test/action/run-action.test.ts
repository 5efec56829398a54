/**
 * The GitHub Action as the runner runs it: the committed bundle in a child
 * process, GitHub served on 127.0.0.1 (local-github.ts) from the handler
 * tests' nock builders, every request validated against GitHub's API
 * description. Run `npm run bundle` after changing the sources.
 */
import { createHash } from "node:crypto";
import nock from "nock";
import { describe, expect, it, vi } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { pushPayload, repositoryDispatchPayload } from "../helpers/payloads.js";
import { mockFileAt } from "../handlers/deployment-mocks.js";
import { FixtureRepo, HEAD_SHA, REPO, repositoryNodeId } from "../handlers/fixture-repo.js";
import { branchesCreated, committedFiles, mockNewPromotion, mockOpenPullRequests, pullRequest, sentBodies } from "../handlers/promotion-mocks.js";
import {
  BASE_SHA,
  gateCheck,
  mockCheckRuns,
  mockHeadCheckRuns,
  mockReviewComment,
  policyCheck,
  pullRequestEvent,
  reviewComment,
  serveReview,
} from "../handlers/review-mocks.js";
import { mockAppBySlug, useLocalGitHub } from "./local-github.js";
import type { BundleRun } from "./run-bundle.js";

useNockGuard();
// Octokit's throttling spaces the Action's writes a second apart, as on GitHub.
vi.setConfig({ testTimeout: 60_000 });

const PAYLOAD_REPO = { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" };
const REPO_PATH = `/repos/${REPO.owner}/${REPO.repo}`;
const DEV_FILE = "deploy/dev/kustomization.yaml";

const local = useLocalGitHub();

/** Runs the bundle as the handler tests' app, `promenade` (its bot authors the promotion PRs and the holds issue). */
function run(event: string, payload: object, env: Record<string, string | undefined> = {}): Promise<BundleRun> {
  mockAppBySlug("promenade", 1);
  return local.run(event, payload, env);
}

/** The fleet at main, and at a pull request's head that moves dev's api to 1.5.0. */
function devPromotion(headSha: string): { base: FixtureRepo; head: FixtureRepo } {
  const base = new FixtureRepo("fleet", BASE_SHA);
  const text = base.files.get(DEV_FILE)?.replace('"1.4.1"', '"1.5.0"') ?? "";
  return { base, head: new FixtureRepo("fleet", headSha, { [DEV_FILE]: text }) };
}

describe("the GitHub Action", () => {
  it("opens the dev PR on a promenade-image dispatch", async () => {
    new FixtureRepo("fleet").serve();
    const created = mockNewPromotion("promenade/dev/api", 7);
    const digest = `sha256:${createHash("sha256").update("1.5.0").digest("hex")}`;
    const payload = repositoryDispatchPayload({
      repo: PAYLOAD_REPO,
      eventType: "promenade-image",
      clientPayload: { image: "ghcr.io/acme/api", tag: "1.5.0", digest },
    });
    const result = await run("repository_dispatch", payload);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("created promenade/dev/api: https://github.com/acme/gitops/pull/7");
    expect(committedFiles(local.github().recorder)).toEqual([
      { branch: "promenade/dev/api", path: DEV_FILE, content: expect.stringContaining('newTag: "1.5.0" # dev gets every release') },
    ]);
    // The branch is created at the head and committed to in one GraphQL request.
    expect(branchesCreated(local.github().recorder)).toEqual([{ repositoryId: repositoryNodeId(REPO), name: "refs/heads/promenade/dev/api", oid: HEAD_SHA }]);
    expect(created[0]?.title).toBe("Promote api 1.5.0 to dev");
    expect(created[0]?.body).toContain("| `ghcr.io/acme/api` | `1.4.1` | `1.5.0` (`sha256:1f4dc096d58f`) | minor |");
    expect(created[0]?.body).toMatch(/<!-- promenade: \{.*"sig":"[0-9a-f]{64}"\} -->/);
    expect(sentBodies(local.github().recorder, "POST", `${REPO_PATH}/issues/7/labels`)).toEqual([{ labels: ["promotion", "automated"] }]);
    expect(local.github().authorizations.length).toBeGreaterThan(0);
  });

  it("posts the Promenade comment and the policy and gate checks on a pull request opened", async () => {
    const headSha = "4ead1".padEnd(40, "0");
    const repos = devPromotion(headSha);
    serveReview(7, repos.base, repos.head);
    mockReviewComment(7);
    mockHeadCheckRuns(headSha);
    mockCheckRuns(2);
    const result = await run("pull_request", pullRequestEvent("opened", 7, "promenade/dev/api", headSha).payload);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("checked #7: reviewed dev");
    expect(reviewComment(local.github().recorder)).toContain("deploy/dev/kustomization.yaml");
    expect(policyCheck(local.github().recorder)).toMatchObject({ name: "promenade/policy", head_sha: headSha, conclusion: "success" });
    expect(gateCheck(local.github().recorder)).toMatchObject({
      name: "promenade/gate",
      head_sha: headSha,
      conclusion: "success",
      output: { title: "No gated environment changes" },
    });
  });

  it("opens the staging PR on the push of the merged dev PR", async () => {
    const before = "b".repeat(40);
    new FixtureRepo("fleet").serve();
    const created = mockNewPromotion("promenade/staging/api", 12);
    nock(GITHUB_API)
      .get(`${REPO_PATH}/commits/${HEAD_SHA}/pulls`)
      .query({ per_page: "100" })
      .reply(200, [pullRequest(11, "promenade/dev/api", { state: "closed", merged_at: "2024-05-01T12:00:00Z" })])
      .post(`${REPO_PATH}/deployments`)
      .reply(201, { id: 77, sha: HEAD_SHA, environment: "dev" })
      .post(`${REPO_PATH}/deployments/77/statuses`)
      .reply(201, { id: 1, state: "success" })
      .get(`${REPO_PATH}/issues/11/comments`)
      .query({ per_page: "100" })
      .reply(200, [])
      .post(`${REPO_PATH}/issues/11/comments`)
      .reply(201, { id: 900, html_url: "https://github.com/acme/gitops/pull/11#issuecomment-900" });
    mockFileAt(DEV_FILE, before, (new FixtureRepo("fleet").files.get(DEV_FILE) ?? "").replace("1.4.1", "1.4.0"));
    mockOpenPullRequests();
    const payload = pushPayload({
      repo: PAYLOAD_REPO,
      before,
      after: HEAD_SHA,
      files: { modified: [DEV_FILE] },
      message: "Merge pull request #11 from acme/promenade/dev/api",
    });
    const result = await run("push", payload);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("created promenade/staging/api: https://github.com/acme/gitops/pull/12");
    expect(committedFiles(local.github().recorder)).toEqual([
      { branch: "promenade/staging/api", path: "deploy/staging/kustomization.yaml", content: expect.stringContaining('newTag: "1.4.1"') },
    ]);
    expect(created[0]?.title).toBe("Promote api 1.4.1 to staging");
    expect(sentBodies(local.github().recorder, "POST", `${REPO_PATH}/issues/11/comments`)).toEqual([
      { body: expect.stringContaining("https://github.com/acme/gitops/pull/12") },
    ]);
  });

  it("re-decides every open pull request into the default branch on a schedule", async () => {
    const fleet = new FixtureRepo("fleet");
    fleet.serveHead();
    fleet.serveConfigFile();
    const headSha = "e".repeat(40);
    mockOpenPullRequests([
      pullRequest(12, "promenade/staging/api", { head: { ref: "promenade/staging/api", sha: headSha, repo: { full_name: "acme/gitops" } } }),
      pullRequest(13, "feature", { base: { ref: "release", sha: HEAD_SHA, repo: { full_name: "acme/gitops" } } }),
    ]);
    nock(GITHUB_API)
      .get(`${REPO_PATH}/pulls/12/files`)
      .query({ per_page: "100" })
      .reply(200, [{ sha: "1".repeat(40), filename: "deploy/staging/kustomization.yaml", status: "modified", additions: 1, deletions: 1, changes: 2 }]);
    mockHeadCheckRuns(headSha);
    mockCheckRuns(1);
    const result = await run("schedule", { schedule: "*/15 * * * *" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("settled 1 of 1 open pull request(s) into main");
    expect(gateCheck(local.github().recorder)).toMatchObject({ name: "promenade/gate", head_sha: headSha, conclusion: "success" });
  });

  it("exits 1 with the failure as an ::error:: line when GitHub refuses", async () => {
    nock(GITHUB_API)
      .post("/graphql", (body: { query?: string }) => body.query?.includes("promenadeDefaultBranch") === true)
      .reply(200, {
        data: null,
        errors: [{ type: "NOT_FOUND", path: ["repository"], message: "Could not resolve to a Repository with the name 'acme/gitops'." }],
      });
    const result = await run("workflow_dispatch", { inputs: {}, ref: "refs/heads/main" });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error::Promenade failed: .*Could not resolve to a Repository/m);
  });

  it("exits 1 with a one-line reason without a signing key", async () => {
    const result = await run("schedule", { schedule: "*/15 * * * *" }, { "INPUT_SIGNING-KEY": undefined });
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([expect.stringMatching(/^::error::Promenade cannot run: the signing-key input .* is missing/)]);
    expect(local.github().recorder.requests).toEqual([]);
  });
});
