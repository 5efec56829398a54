/** settlePullRequest on the in-memory GitHub: the gate check on the head commit, and the auto-merge of Promenade's untouched PRs. */
import { describe, expect, it } from "vitest";
import { REVIEW_MARKER } from "../../src/engine/markdown/review-comment.js";
import type { PullRequest, RepoRef } from "../../src/github/github-client.js";
import { promoteEnvironmentChange } from "../../src/promote/promote-environment-change.js";
import { promotePushedImage } from "../../src/promote/promote-pushed-image.js";
import { settlePullRequest } from "../../src/promote/settle-pull-request.js";
import { fixtureFiles, MEMORY_APP, memoryRepo, type MemoryGitHub } from "../helpers/memory-github.js";

const NOW = new Date("2026-03-02T10:00:00Z");
const API = "ghcr.io/acme/api";
const DEV_FILE = "deploy/dev/kustomization.yaml";

const CONFIG = `environments:
  dev:
    path: deploy/dev
    autoMerge: true
  staging:
    path: deploy/staging
    from: dev
    requires:
      approvals: 1
  prod-eu:
    path: deploy/prod-eu
    from: staging
  prod-us:
    path: deploy/prod-us
    from: staging
images:
  - name: ghcr.io/acme/api
    versions: ">=1.0.0 <2.0.0"
pullRequests:
  labels: [promotion]
`;

function fleet() {
  return memoryRepo(fixtureFiles("fleet"), { now: NOW, changes: { ".github/promenade.yml": CONFIG } });
}

/** Promenade's review of the head: the `promenade/policy` run the merge waits for. */
function policyPassed(github: MemoryGitHub, repo: RepoRef, sha: string, errors = 0): void {
  github.addCheckRun(repo, {
    headSha: sha,
    name: "promenade/policy",
    appId: MEMORY_APP.id,
    conclusion: errors === 0 ? "success" : "failure",
    externalId: JSON.stringify({ errors, movedImages: 1 }),
  });
}

/** The fleet with dev moved to 1.5.0 on main by hand, and Promenade's staging PR (#1) for it. */
async function stagingPullRequest() {
  const { github, repo, head } = fleet();
  const sha = github.pushCommit(repo, "main", { [DEV_FILE]: (github.fileAt(repo, head, DEV_FILE) as string).replace('"1.4.1"', '"1.5.0"') });
  await promoteEnvironmentChange(github, repo, { sha, before: head, files: [DEV_FILE], committedAt: NOW, url: null, actor: "carol" });
  const pr = github.pull(repo, 1);
  expect(pr.headBranch).toBe("promenade/staging/api");
  return { github, repo, pr };
}

function gateRuns(github: MemoryGitHub, repo: RepoRef, sha: string) {
  return github.checkRunsOn(repo, sha).filter((run) => run.name === "promenade/gate");
}

describe("settlePullRequest's gate", () => {
  it("waits for an approval, then passes once someone with write permission approves the head commit", async () => {
    const { github, repo, pr } = await stagingPullRequest();
    policyPassed(github, repo, pr.headSha);
    github.addComment(repo, pr.number, MEMORY_APP.login, `${REVIEW_MARKER}\nreview\n<!-- promenade:gate staging -->\nold\n<!-- /promenade:gate -->`, true);

    const waiting = await settlePullRequest(github, repo, pr, NOW);

    expect(waiting?.gates.get("staging")?.passed).toBe(false);
    expect(waiting?.merged).toBe(false);
    expect(gateRuns(github, repo, pr.headSha).map((run) => [run.conclusion, run.appId])).toEqual([["failure", MEMORY_APP.id]]);
    expect(github.commentsOn(repo, pr.number)[0]?.body).toContain("**Gate**: ⏳ waiting");

    github.setPermission(repo, "dave", "write");
    github.addReview(repo, pr.number, "dave", "APPROVED");
    const passed = await settlePullRequest(github, repo, pr, NOW);

    expect(passed?.gates.get("staging")?.requirements.map((r) => [r.kind, r.met])).toEqual([
      ["approvals", true],
      ["hold", true],
      ["policy", true],
    ]);
    expect(passed?.gates.get("staging")?.passed).toBe(true);
    expect(gateRuns(github, repo, pr.headSha).map((run) => run.conclusion)).toEqual(["failure", "success"]);
    expect((await github.listCheckRuns(repo, pr.headSha)).find((run) => run.name === "promenade/gate")?.conclusion).toBe("success");
    expect(github.commentsOn(repo, pr.number)[0]?.body).toContain("**Gate**: ✅ passed");
    // Staging has no autoMerge: passing is not merging.
    expect(passed?.merged).toBe(false);
    expect(github.pull(repo, pr.number).state).toBe("open");
  });

  it("does not count an approval of an earlier commit, nor one by someone without write permission", async () => {
    const { github, repo, pr } = await stagingPullRequest();
    github.setPermission(repo, "dave", "write");
    github.addReview(repo, pr.number, "dave", "APPROVED", github.branchSha(repo, "main"));
    github.setPermission(repo, "erin", "read");
    github.addReview(repo, pr.number, "erin", "APPROVED");

    const outcome = await settlePullRequest(github, repo, pr, NOW);

    expect(outcome?.gates.get("staging")?.passed).toBe(false);
    expect(gateRuns(github, repo, pr.headSha).map((run) => run.conclusion)).toEqual(["failure"]);
  });

  it("writes no second gate run when its answer on the head is the same", async () => {
    const { github, repo } = fleet();
    await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
    const pr = github.pull(repo, 1);
    await settlePullRequest(github, repo, pr, NOW);
    await settlePullRequest(github, repo, pr, NOW);
    expect(gateRuns(github, repo, pr.headSha).map((run) => [run.conclusion, run.title])).toEqual([["success", "No gated environment changes"]]);
  });
});

describe("settlePullRequest's auto-merge", () => {
  it("merges Promenade's untouched PR into an autoMerge environment once its policy passed: main gets the commit", async () => {
    const { github, repo } = fleet();
    await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
    const pr = github.pull(repo, 1);

    const early = await settlePullRequest(github, repo, pr, NOW);
    expect(early?.merged).toBe(false);
    expect(github.pull(repo, 1).state).toBe("open");

    policyPassed(github, repo, pr.headSha);
    const outcome = await settlePullRequest(github, repo, pr, NOW);

    expect(outcome?.merged).toBe(true);
    expect(github.pull(repo, 1)).toMatchObject({ state: "closed", merged: true });
    expect(github.fileAt(repo, "main", DEV_FILE)).toContain('newTag: "1.5.0"');
    expect(github.commit(github.repository(repo), github.branchSha(repo, "main") as string).parents).toContain(pr.headSha);
    expect(await github.mergedPullRequestsOfCommit(repo, github.branchSha(repo, "main") as string)).toEqual([
      { number: 1, url: pr.url, headBranch: pr.headBranch },
    ]);
  });

  it("does not merge once someone pushed to the PR's branch", async () => {
    const { github, repo } = fleet();
    await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
    github.pushCommit(
      repo,
      "promenade/dev/api",
      { [DEV_FILE]: (github.fileAt(repo, "promenade/dev/api", DEV_FILE) as string).replace('"1.5.0"', '"1.5.1"') },
      { author: "mallory" },
    );
    const pr = github.pull(repo, 1);
    policyPassed(github, repo, pr.headSha);

    const outcome = await settlePullRequest(github, repo, pr, NOW);

    expect(outcome?.trust.kind).toBe("changed");
    expect(outcome?.merged).toBe(false);
    expect(github.callNames()).not.toContain("mergePullRequest");
    expect(github.pull(repo, 1).state).toBe("open");
    expect(gateRuns(github, repo, pr.headSha)[0]?.summary).toContain("Promenade will not merge this pull request");
  });

  it("does not merge a person's PR with the same change, nor Promenade's while another app's check fails", async () => {
    const { github, repo, head } = fleet();
    github.pushCommit(repo, "by-hand", { [DEV_FILE]: (github.fileAt(repo, head, DEV_FILE) as string).replace('"1.4.1"', '"1.5.0"') });
    const hand = github.openPullRequestAs(repo, "carol", { title: "Bump api", body: "", head: "by-hand", base: "main" });
    policyPassed(github, repo, github.pull(repo, hand.number).headSha);
    expect((await settlePullRequest(github, repo, github.pull(repo, hand.number), NOW))?.merged).toBe(false);

    await github.updatePullRequest(repo, hand.number, { state: "closed" });
    await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
    const pr = (await github.findOpenPullRequest(repo, "promenade/dev/api")) as PullRequest;
    policyPassed(github, repo, pr.headSha);
    github.addCheckRun(repo, { headSha: pr.headSha, name: "e2e", appId: 99, conclusion: "failure" });
    expect((await settlePullRequest(github, repo, pr, NOW))?.merged).toBe(false);
    expect(github.pull(repo, pr.number).state).toBe("open");

    github.addCheckRun(repo, { headSha: pr.headSha, name: "e2e", appId: 99, conclusion: "success" });
    expect((await settlePullRequest(github, repo, pr, NOW))?.merged).toBe(true);
  });
});
