import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { BASE_SHA, createAdapter, NEW_SHA, REPO } from "./fixtures.js";

useNockGuard();

const REPO_PATH = "/repos/acme/gitops";

describe("listEnvironmentDeployments", () => {
  it("lists the environment's deployments of every task in one read, with who made them", async () => {
    nock(GITHUB_API)
      .get(`${REPO_PATH}/deployments`)
      .query({ environment: "dev", per_page: "30" })
      .reply(200, [
        {
          id: 9,
          sha: NEW_SHA,
          task: "deploy",
          created_at: "2026-11-23T10:00:00Z",
          creator: { login: "argocd-notifications[bot]" },
          performed_via_github_app: { id: 77, slug: "argocd-notifications" },
        },
        { id: 8, sha: BASE_SHA, task: "promenade", created_at: "2026-11-23T09:00:00Z", creator: null, performed_via_github_app: null },
      ]);
    const { github, recorder } = createAdapter();
    await expect(github.listEnvironmentDeployments(REPO, "dev", 30)).resolves.toEqual([
      { id: 9, sha: NEW_SHA, task: "deploy", createdAt: new Date("2026-11-23T10:00:00Z"), creator: "argocd-notifications[bot]", appId: 77 },
      { id: 8, sha: BASE_SHA, task: "promenade", createdAt: new Date("2026-11-23T09:00:00Z"), creator: null, appId: null },
    ]);
    expect(recorder.reads).toBe(1);
  });
});

describe("latestDeploymentState", () => {
  it("reads the newest status only; null without any", async () => {
    nock(GITHUB_API)
      .get(`${REPO_PATH}/deployments/9/statuses`)
      .query({ per_page: "1" })
      .reply(200, [{ id: 2, state: "failure" }]);
    nock(GITHUB_API).get(`${REPO_PATH}/deployments/10/statuses`).query({ per_page: "1" }).reply(200, []);
    const { github } = createAdapter();
    await expect(github.latestDeploymentState(REPO, 9)).resolves.toBe("failure");
    await expect(github.latestDeploymentState(REPO, 10)).resolves.toBeNull();
  });
});

describe("commitStatuses", () => {
  it("reads the latest status of each context on a commit", async () => {
    nock(GITHUB_API)
      .get(`${REPO_PATH}/commits/${NEW_SHA}/status`)
      .query({ per_page: "100" })
      .reply(200, {
        state: "failure",
        sha: NEW_SHA,
        total_count: 2,
        statuses: [
          { context: "kustomization/apps/6f0c9e2a", state: "failure" },
          { context: "ci", state: "success" },
        ],
      });
    const { github } = createAdapter();
    await expect(github.commitStatuses(REPO, NEW_SHA)).resolves.toEqual([
      { context: "kustomization/apps/6f0c9e2a", state: "failure" },
      { context: "ci", state: "success" },
    ]);
  });
});

describe("compareCommits", () => {
  it("answers the status and the files changed, and no files when GitHub lists only the first 300", async () => {
    nock(GITHUB_API)
      .get(`${REPO_PATH}/compare/${BASE_SHA}...${NEW_SHA}`)
      .query({ per_page: "1" })
      .reply(200, { status: "ahead", files: [{ filename: "README.md" }] });
    nock(GITHUB_API)
      .get(`${REPO_PATH}/compare/${NEW_SHA}...${BASE_SHA}`)
      .query({ per_page: "1" })
      .reply(200, { status: "ahead", files: Array.from({ length: 300 }, (_, i) => ({ filename: `f${i}.yaml` })) });
    const { github } = createAdapter();
    await expect(github.compareCommits(REPO, BASE_SHA, NEW_SHA)).resolves.toEqual({ status: "ahead", files: ["README.md"] });
    await expect(github.compareCommits(REPO, NEW_SHA, BASE_SHA)).resolves.toEqual({ status: "ahead", files: null });
  });
});
