/**
 * With GITHUB_TOKEN (the default identity, `github-actions`), nothing the
 * Action writes starts another workflow run: it checks the promotion PRs it
 * opens and promotes what it merges itself, in the same run.
 */
import nock from "nock";
import { describe, expect, it, vi } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { repositoryDispatchPayload } from "../helpers/payloads.js";
import { mockFileAt } from "../handlers/deployment-mocks.js";
import { FixtureRepo, HEAD_SHA, REPO } from "../handlers/fixture-repo.js";
import {
  committedFiles,
  mockAddLabels,
  mockCreateBranchWithCommit,
  mockCreatePullRequest,
  mockNewPromotion,
  mockOpenPullRequest,
  mockOpenPullRequests,
  pullRequest,
  sentBodies,
  type PullRequestResponse,
} from "../handlers/promotion-mocks.js";
import { mockCheckRuns, mockHeadCheckRuns, mockReviewComment, serveReview } from "../handlers/review-mocks.js";
import { mockAppBySlug, useLocalGitHub } from "./local-github.js";

useNockGuard();
vi.setConfig({ testTimeout: 90_000 });

const local = useLocalGitHub();

const REPO_PATH = `/repos/${REPO.owner}/${REPO.repo}`;
const BOT = { login: "github-actions[bot]", type: "Bot" };
const CONFIG = ".github/promenade.yml";
const DEV_FILE = "deploy/dev/kustomization.yaml";
const STAGING_FILE = "deploy/staging/kustomization.yaml";
/** The commits of the dev and staging promotions. */
const PROMOTION_SHA = "d".repeat(40);
const STAGING_SHA = "5".repeat(40);
/** main once #7 is merged. */
const MERGED_SHA = "3e7ged".padEnd(40, "0").replace(/[^0-9a-f]/g, "0");

/** The fleet with dev merged by itself, at `sha`, with `changes`. */
function fleet(sha: string, changes: Record<string, string> = {}): FixtureRepo {
  const config = new FixtureRepo("fleet").files.get(CONFIG)?.replace("    path: deploy/dev\n", "    path: deploy/dev\n    autoMerge: true\n") ?? "";
  return new FixtureRepo("fleet", sha, { [CONFIG]: config, ...changes });
}

/** `path` of the fleet with api at `tag`. */
function atTag(path: string, from: string, tag: string): Record<string, string> {
  return { [path]: new FixtureRepo("fleet").files.get(path)?.replace(`"${from}"`, `"${tag}"`) ?? "" };
}

/** Promenade's query for the holds issue, as `github-actions[bot]`: none. */
function mockNoHolds(): void {
  nock(GITHUB_API)
    .persist()
    .post(
      "/graphql",
      (body: { query?: string; variables?: Record<string, unknown> }) =>
        body.query?.includes("promenadeIssuesByAuthor") === true && body.variables?.author === BOT.login,
    )
    .reply(200, {
      data: {
        repository: {
          byAuthor: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
          byLabel: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
        },
      },
    });
}

/** `repo` as readRepoAtHead reads it, holds aside (the archive asked for by the branch's name for a pushed image). */
function serveAtHead(repo: FixtureRepo): void {
  repo.serveHeadAndConfig();
  repo.serveArchive("sha or branch");
}

/** The PR that `created` answered, as GitHub lists it later: opened by GITHUB_TOKEN's bot, with `fields`. */
function later(created: PullRequestResponse[], fields: Partial<PullRequestResponse> = {}): () => PullRequestResponse {
  return () => ({ ...(created[0] as PullRequestResponse), user: BOT, ...fields });
}

describe("the GitHub Action with GITHUB_TOKEN", () => {
  it("reviews the dev PR it opened, merges it, and opens the staging PR in the same run", async () => {
    mockAppBySlug("github-actions", 15368);
    mockNoHolds();
    const main = fleet(HEAD_SHA);
    const merged = fleet(MERGED_SHA, atTag(DEV_FILE, "1.4.1", "1.5.0"));
    // The dispatch: the dev PR #7.
    serveAtHead(main);
    const dev = mockNewPromotion("promenade/dev/api", 7);
    // #7 checked: reviewed, policy and gate checks, merged by itself, commented.
    nock(GITHUB_API).get(`${REPO_PATH}/pulls/7`).reply(200, later(dev));
    main.serveHead();
    serveReview(7, main, fleet(PROMOTION_SHA, atTag(DEV_FILE, "1.4.1", "1.5.0")));
    mockHeadCheckRuns(PROMOTION_SHA);
    mockCheckRuns(2);
    main.serveHead();
    nock(GITHUB_API)
      .put(`${REPO_PATH}/pulls/7/merge`, { sha: PROMOTION_SHA })
      .reply(200, { sha: MERGED_SHA, merged: true, message: "Pull Request successfully merged" });
    mockReviewComment(7);
    // The merge promoted: a deployment of dev, the staging PR #8, a link to it on #7.
    merged.serveHead();
    nock(GITHUB_API)
      .get(`${REPO_PATH}/pulls/7/files`)
      .query({ per_page: "100" })
      .reply(200, [{ sha: "1".repeat(40), filename: DEV_FILE, status: "modified", additions: 1, deletions: 1, changes: 2 }]);
    merged.serveHead();
    merged.serveConfigFile();
    merged.serveArchive();
    nock(GITHUB_API)
      .get(`${REPO_PATH}/commits/${MERGED_SHA}/pulls`)
      .query({ per_page: "100" })
      .reply(200, () => [later(dev, { state: "closed", merged_at: "2026-12-01T12:00:00Z" })()]);
    mockFileAt(DEV_FILE, HEAD_SHA, main.files.get(DEV_FILE) ?? "");
    nock(GITHUB_API)
      .post(`${REPO_PATH}/deployments`)
      .reply(201, { id: 77, sha: MERGED_SHA, environment: "dev" })
      .post(`${REPO_PATH}/deployments/77/statuses`)
      .reply(201, { id: 1, state: "success" });
    mockOpenPullRequest("promenade/staging/api");
    mockCreateBranchWithCommit("promenade/staging/api", STAGING_SHA);
    const staging = mockCreatePullRequest(8, STAGING_SHA);
    mockAddLabels(8);
    nock(GITHUB_API)
      .get(`${REPO_PATH}/issues/7/comments`)
      .query({ per_page: "100" })
      .reply(200, [])
      .post(`${REPO_PATH}/issues/7/comments`)
      .reply(201, { id: 902 });
    mockOpenPullRequests([pullRequest(8, "promenade/staging/api", { user: BOT })]);
    // #8 checked: staging does not merge by itself.
    nock(GITHUB_API)
      .get(`${REPO_PATH}/pulls/8`)
      .reply(200, later(staging, { base: { ref: "main", sha: MERGED_SHA, repo: { full_name: "acme/gitops" } } }));
    merged.serveHead();
    const stagingHead = fleet(STAGING_SHA, { ...atTag(DEV_FILE, "1.4.1", "1.5.0"), ...atTag(STAGING_FILE, "1.4.1", "1.5.0") });
    nock(GITHUB_API)
      .get(`${REPO_PATH}/pulls/8/files`)
      .query({ per_page: "100" })
      .reply(200, [{ sha: "2".repeat(40), filename: STAGING_FILE, status: "modified", additions: 1, deletions: 1, changes: 2 }]);
    merged.serveConfigFile();
    merged.serveArchive();
    stagingHead.serveArchive();
    mockHeadCheckRuns(STAGING_SHA);
    mockCheckRuns(2);
    mockReviewComment(8);

    const payload = repositoryDispatchPayload({
      repo: { ...REPO, defaultBranch: "main" },
      eventType: "promenade-image",
      clientPayload: { image: "ghcr.io/acme/api", tag: "1.5.0" },
    });
    const result = await local.run("repository_dispatch", payload, { "INPUT_APP-SLUG": undefined });
    expect(result.stderr, result.stdout).toBe("");
    expect(result.code).toBe(0);
    const recorder = local.github().recorder;
    expect(committedFiles(recorder).map(({ branch, path }) => `${branch}: ${path}`)).toEqual([
      "promenade/dev/api: deploy/dev/kustomization.yaml",
      "promenade/staging/api: deploy/staging/kustomization.yaml",
    ]);
    expect(staging[0]?.title).toBe("Promote api 1.5.0 to staging");
    expect(sentBodies(recorder, "PUT", `${REPO_PATH}/pulls/7/merge`)).toEqual([{ sha: PROMOTION_SHA }]);
    expect(result.stdout.split("\n").filter((line) => /^(created|checked|merged)/.test(line))).toEqual([
      "created promenade/dev/api: https://github.com/acme/gitops/pull/7",
      "checked #7: merged",
      `merged #7: promoting main at ${MERGED_SHA.slice(0, 12)}`,
      "created promenade/staging/api: https://github.com/acme/gitops/pull/8",
      "checked #8",
    ]);
  });
});
