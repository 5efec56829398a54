/** promoteEnvironmentChange on the in-memory GitHub: a change reaching an environment opens the next hop's PRs. */
import { describe, expect, it } from "vitest";
import { readPromotionBody } from "../../src/engine/markdown/promotion-body.js";
import { promoteEnvironmentChange, type DefaultBranchPush } from "../../src/promote/promote-environment-change.js";
import { promotePushedImage } from "../../src/promote/promote-pushed-image.js";
import { signingFor } from "../../src/promote/promotion-record.js";
import { NEXT_HOP_MARKER } from "../../src/engine/markdown/promotion-messages.js";
import { fixtureFiles, memoryRepo, type MemoryGitHub } from "../helpers/memory-github.js";
import type { RepoRef } from "../../src/github/github-client.js";

const NOW = new Date("2026-03-02T10:00:00Z");
const API = "ghcr.io/acme/api";
const STAGING_FILE = "deploy/staging/kustomization.yaml";

/** The push GitHub sends after main moved from `before` to its head, with the files the commits between changed. */
function pushOf(github: MemoryGitHub, repo: RepoRef, before: string, actor = "alice"): DefaultBranchPush {
  const sha = github.branchSha(repo, "main") as string;
  const files = [...new Set([...github.filesAt(repo, before).keys(), ...github.filesAt(repo, sha).keys()])].filter(
    (path) => github.fileAt(repo, before, path) !== github.fileAt(repo, sha, path),
  );
  return { sha, before, files, committedAt: NOW, url: `https://github.com/acme/gitops/commit/${sha}`, actor };
}

/** The fleet with the dev PR for api 1.5.0 opened by a push and merged. */
async function fleetWithDevMerged() {
  const { github, repo, head } = memoryRepo(fixtureFiles("fleet"), { now: NOW });
  await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
  const dev = github.pull(repo, 1);
  expect(await github.mergePullRequest(repo, 1, dev.headSha)).toBe(true);
  return { github, repo, head };
}

describe("promoteEnvironmentChange on an in-memory GitHub", () => {
  it("turns the merged dev PR into the staging PR, records dev's deployment and links the next hop on the merged PR", async () => {
    const { github, repo, head } = await fleetWithDevMerged();
    const push = pushOf(github, repo, head);
    expect(push.files).toEqual(["deploy/dev/kustomization.yaml"]);

    const report = await promoteEnvironmentChange(github, repo, push);

    expect(report.outcomes.map((o) => [o.action, o.promotion.environment, o.pullRequest?.number])).toEqual([["created", "staging", 2]]);
    const staging = github.pull(repo, 2);
    expect(staging).toMatchObject({ title: "Promote api 1.5.0 to staging", headBranch: "promenade/staging/api", baseBranch: "main", state: "open" });
    expect(github.fileAt(repo, "promenade/staging/api", STAGING_FILE)).toContain('newTag: "1.5.0"');
    expect(await github.listPullRequestFiles(repo, 2)).toEqual([STAGING_FILE]);
    const reading = readPromotionBody(staging.body, signingFor(repo));
    expect(reading.status === "valid" && reading.data).toMatchObject({
      environment: "staging",
      from: "dev",
      actor: "alice",
      trigger: { kind: "environment-change" },
    });

    const [deployment, ...more] = github.repository(repo).deployments;
    expect(more).toEqual([]);
    expect(deployment).toMatchObject({ environment: "dev", sha: push.sha, task: "promenade", description: "Promoted by #1", creator: "promenade[bot]" });
    expect(JSON.stringify(deployment?.payload)).toContain("1.5.0");

    const [note] = github.commentsOn(repo, 1);
    expect(note?.body).toContain(NEXT_HOP_MARKER);
    expect(note?.body).toContain("https://github.com/acme/gitops/pull/2");
  });

  it("is idempotent: a second delivery of the push leaves the staging PR and the next-hop comment as they are", async () => {
    const { github, repo, head } = await fleetWithDevMerged();
    const push = pushOf(github, repo, head);
    await promoteEnvironmentChange(github, repo, push);
    const before = {
      pulls: github.pulls(repo),
      comments: structuredClone(github.repository(repo).comments),
      branch: github.branchSha(repo, "promenade/staging/api"),
    };

    const again = await promoteEnvironmentChange(github, repo, push);

    expect(again.outcomes.map((o) => o.action)).toEqual(["unchanged"]);
    expect({ pulls: github.pulls(repo), comments: github.repository(repo).comments, branch: github.branchSha(repo, "promenade/staging/api") }).toEqual(before);
  });

  it("fans out: a change of staging opens one PR into each of prod-eu and prod-us, each changing its own files", async () => {
    const { github, repo, head } = memoryRepo(fixtureFiles("fleet"), { now: NOW });
    github.pushCommit(repo, "main", { [STAGING_FILE]: (github.fileAt(repo, head, STAGING_FILE) as string).replace('"1.4.0"', '"1.4.1"') });

    const report = await promoteEnvironmentChange(github, repo, pushOf(github, repo, head));

    expect(report.outcomes.map((o) => [o.action, o.promotion.environment]).sort()).toEqual([
      ["created", "prod-eu"],
      ["created", "prod-us"],
    ]);
    const byBranch = new Map(github.pulls(repo).map((pr) => [pr.headBranch, pr]));
    expect([...byBranch.keys()].sort()).toEqual(["promenade/prod-eu/api", "promenade/prod-us/api"]);
    expect(await github.listPullRequestFiles(repo, byBranch.get("promenade/prod-eu/api")?.number as number)).toEqual(["deploy/prod-eu/values.yaml"]);
    expect(await github.listPullRequestFiles(repo, byBranch.get("promenade/prod-us/api")?.number as number)).toEqual(["deploy/prod-us/deployment.yaml"]);
    expect(github.fileAt(repo, "promenade/prod-eu/api", "deploy/prod-eu/values.yaml")).toContain("tag: 1.4.1");
    expect(github.fileAt(repo, "promenade/prod-us/api", "deploy/prod-us/deployment.yaml")).toContain("image: ghcr.io/acme/api:1.4.1");
    expect(github.repository(repo).deployments.map((d) => [d.environment, d.description])).toEqual([
      ["staging", `Changed by ${report.outcomes[0]?.pullRequest?.baseSha.slice(0, 7)}`],
    ]);
  });

  it("closes the open staging PR with a note when staging got its versions another way", async () => {
    const { github, repo, head } = await fleetWithDevMerged();
    await promoteEnvironmentChange(github, repo, pushOf(github, repo, head));
    const staging = github.pull(repo, 2);
    expect(staging.state).toBe("open");

    // Someone sets staging to 1.5.0 by hand on main.
    const before = github.branchSha(repo, "main") as string;
    github.pushCommit(repo, "main", { [STAGING_FILE]: (github.fileAt(repo, before, STAGING_FILE) as string).replace('"1.4.0"', '"1.5.0"') }, { author: "bob" });
    const report = await promoteEnvironmentChange(github, repo, pushOf(github, repo, before, "bob"));

    expect(report.outcomes.filter((o) => o.promotion.environment === "staging").map((o) => o.action)).toEqual(["closed"]);
    expect(github.pull(repo, 2)).toMatchObject({ state: "closed", merged: false });
    const [note] = github.commentsOn(repo, 2);
    expect(note?.body).toMatch(/\*\*staging\*\* already runs `ghcr\.io\/acme\/api` 1\.5\.0/);
    // And the hand change moves on to prod.
    expect(
      report.outcomes
        .filter((o) => o.action === "created")
        .map((o) => o.promotion.environment)
        .sort(),
    ).toEqual(["prod-eu", "prod-us"]);
  });

  it("does nothing for a push that changes no environment", async () => {
    const { github, repo, head } = memoryRepo(fixtureFiles("fleet"), { now: NOW });
    github.pushCommit(repo, "main", { "README.md": "changed\n" });
    const report = await promoteEnvironmentChange(github, repo, pushOf(github, repo, head));
    expect(report).toEqual({ outcomes: [], skipped: [] });
    expect(github.pulls(repo)).toEqual([]);
    expect(github.repository(repo).deployments).toEqual([]);
  });
});
