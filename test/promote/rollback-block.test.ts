/** `/rollback` blocks the version it rolls back from, and `/unblock` lifts it: through runCommands and the promotion orchestrators on the in-memory GitHub. */
import { describe, expect, it } from "vitest";
import { blockedVersions } from "../../src/engine/holds/blocked-versions.js";
import { HOLDS_ISSUE_TITLE } from "../../src/engine/markdown/holds.js";
import type { RepoRef } from "../../src/github/github-client.js";
import { readHolds } from "../../src/promote/holds.js";
import { promoteEnvironmentChange } from "../../src/promote/promote-environment-change.js";
import { promotePushedImage } from "../../src/promote/promote-pushed-image.js";
import { settlePullRequest } from "../../src/promote/settle-pull-request.js";
import { fixtureFiles, MEMORY_APP, memoryRepo, type MemoryGitHub } from "../helpers/memory-github.js";
import { command as commentCommands, GATED_FLEET_CONFIG, latestGate, NOW, passPolicy } from "./command-fleet.js";

const API = "ghcr.io/acme/api";
const DEV_FILE = "deploy/dev/kustomization.yaml";
const ENVIRONMENTS = ["dev", "staging", "prod-eu", "prod-us"];

/**
 * The fleet after 1.5.0 reached dev (a push to main), with Promenade's
 * staging PR (#1) bringing it, approved and reviewed; alice may write, and
 * has an issue to comment on.
 */
async function fleetRunning150() {
  const { github, repo, head } = memoryRepo(fixtureFiles("fleet"), { now: NOW, changes: { ".github/promenade.yml": GATED_FLEET_CONFIG } });
  const sha = setDev(github, repo, "1.5.0");
  await promoteEnvironmentChange(github, repo, { sha, before: head, files: [DEV_FILE], committedAt: NOW, url: null, actor: "carol" });
  const pr = github.pull(repo, 1);
  passPolicy(github, repo, pr.headSha);
  github.setPermission(repo, "dave", "write");
  github.addReview(repo, pr.number, "dave", "APPROVED");
  github.setPermission(repo, "alice", "write");
  const issue = github.addIssue(repo, { title: "Incident", body: "", author: "alice" });
  return { github, repo, stagingPr: pr, issue: issue.number };
}

/** Pushes a commit to main that sets dev's api tag to `tag` (as merging a PR into dev does). */
function setDev(github: MemoryGitHub, repo: RepoRef, tag: string): string {
  const before = github.branchSha(repo, "main") as string;
  const text = github.fileAt(repo, before, DEV_FILE) as string;
  return github.pushCommit(repo, "main", { [DEV_FILE]: text.replace(/newTag: "[^"]*"/, `newTag: "${tag}"`) });
}

async function command(github: MemoryGitHub, repo: RepoRef, issueNumber: number, author: string, body: string) {
  const { outcome, reply } = await commentCommands(github, repo, issueNumber, author, body);
  return { outcome, reply: reply?.body ?? "" };
}

function holdsIssues(github: MemoryGitHub, repo: RepoRef) {
  return github.issues(repo).filter((i) => i.openingTitle === HOLDS_ISSUE_TITLE);
}

describe("/rollback blocks the version it rolls back from", () => {
  it("records the block in dev and every environment promoted from it, fails the gate of the open PR that brings it, and says so", async () => {
    const { github, repo, stagingPr, issue } = await fleetRunning150();

    const rollback = await command(github, repo, issue, "alice", "/rollback dev api to 1.4.1");

    expect(rollback.outcome).toMatchObject({ action: "ran", results: [{ ok: true }] });
    expect(rollback.reply).toContain("Roll back api to 1.4.1 in dev");
    expect(rollback.reply).toContain(
      "`ghcr.io/acme/api` 1.5.0 is now blocked in **dev**, **staging**, **prod-eu**, **prod-us**: no automatic promotion proposes it there again",
    );
    expect(holdsIssues(github, repo).map((i) => [i.state, i.author])).toEqual([["open", MEMORY_APP.login]]);
    expect(holdsIssues(github, repo)[0]?.body).toContain("| `ghcr.io/acme/api` | `1.5.0` | `staging` | @&#8203;alice |");
    const holds = await readHolds(github, repo);
    expect(holds.change).toBeNull();
    expect(holds.list(ENVIRONMENTS)).toEqual([]);
    expect(blockedVersions(holds)).toEqual(
      ["dev", "prod-eu", "prod-us", "staging"].map((environment) => ({
        image: API,
        version: { tag: "1.5.0", digest: null },
        environment,
        by: "alice",
        at: NOW.toISOString(),
      })),
    );
    const gate = latestGate(github, repo, stagingPr.headSha);
    expect(gate).toMatchObject({ conclusion: "failure", title: "blocked: ghcr.io/acme/api 1.5.0" });
  });

  it("after the rollback is merged: the blocked version pushed again opens nothing, saying why; a newer one opens the PR; after /unblock the blocked one is proposed again", async () => {
    const { github, repo, stagingPr, issue } = await fleetRunning150();
    await command(github, repo, issue, "alice", "/rollback dev api to 1.4.1");
    setDev(github, repo, "1.4.1");
    const pullsBefore = github.pulls(repo).length;

    const again = await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });

    expect(again.outcomes).toEqual([]);
    expect(again.skipped).toEqual([
      {
        environment: "dev",
        image: API,
        version: { tag: "1.5.0", digest: null },
        reason: "blocked",
        message: "1.5.0 is blocked in dev by @alice since 2026-03-02 10:00 UTC (rolled back; /unblock ghcr.io/acme/api 1.5.0 allows it again)",
      },
    ]);
    expect(github.pulls(repo)).toHaveLength(pullsBefore);

    const newer = await promotePushedImage(github, repo, { image: API, tag: "1.5.1" });
    expect(newer.outcomes.map((o) => [o.action, o.promotion.title])).toEqual([["created", "Promote api 1.5.1 to dev"]]);

    const unblock = await command(github, repo, issue, "alice", "/unblock api 1.5.0");
    expect(unblock.outcome).toMatchObject({ action: "ran", results: [{ ok: true }] });
    expect(unblock.reply).toContain("`ghcr.io/acme/api` 1.5.0 is no longer blocked in **dev**, **staging**, **prod-eu**, **prod-us**");
    expect(blockedVersions(await readHolds(github, repo))).toEqual([]);
    expect(holdsIssues(github, repo).map((i) => i.state)).toEqual(["closed"]);
    // The staging PR that brings 1.5.0 was settled again: its gate passes.
    expect(latestGate(github, repo, stagingPr.headSha)).toMatchObject({ conclusion: "success" });

    // dev runs 1.4.1: 1.5.0 is newer, so it is proposed again (in place of the open 1.5.1 PR, on the same branch).
    const allowed = await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
    expect(allowed.skipped).toEqual([]);
    expect(allowed.outcomes.map((o) => o.promotion.images[0]?.toVersion)).toEqual([{ tag: "1.5.0", digest: null }]);
  });

  it("/where lists the blocked version under the table, with where it is blocked and the /unblock that lifts it", async () => {
    const { github, repo, issue } = await fleetRunning150();
    const before = await command(github, repo, issue, "alice", "/where api");
    expect(before.reply).not.toContain("⛔");
    await command(github, repo, issue, "alice", "/rollback dev api to 1.4.1");
    const where = await command(github, repo, issue, "alice", "/where api");
    expect(where.reply).toContain(
      "- ⛔ `ghcr.io/acme/api` 1.5.0 is blocked in **dev**, **staging**, **prod-eu**, **prod-us** by @&#8203;alice since 2026-03-02 10:00 UTC (`/unblock ghcr.io/acme/api 1.5.0` lifts it)",
    );
  });

  it("/promote of a blocked version is refused, saying who blocked it and how to unblock it", async () => {
    const { github, repo, issue } = await fleetRunning150();
    await command(github, repo, issue, "alice", "/rollback dev api to 1.4.1");
    const promote = await command(github, repo, issue, "alice", "/promote api to staging");
    expect(promote.outcome).toMatchObject({ action: "ran", results: [{ ok: false }] });
    expect(promote.reply).toContain(
      "Nothing to promote: `ghcr.io/acme/api` to **staging**: 1.5.0 is blocked in staging by @&#8203;alice since 2026-03-02 10:00 UTC (rolled back; /unblock ghcr.io/acme/api 1.5.0 allows it again).",
    );
  });
});

describe("the gate of a pull request made by hand", () => {
  it("fails while it brings a version blocked in its environment, saying who blocked it and how to unblock it, and passes once it is unblocked", async () => {
    const { github, repo, issue } = await fleetRunning150();
    await command(github, repo, issue, "alice", "/rollback dev api to 1.4.1");
    const stagingFile = "deploy/staging/kustomization.yaml";
    const main = github.branchSha(repo, "main") as string;
    github.pushCommit(repo, "by-hand", { [stagingFile]: (github.fileAt(repo, main, stagingFile) as string).replace('"1.4.0"', '"1.5.0"') });
    const pr = github.openPullRequestAs(repo, "bob", { title: "staging: api 1.5.0", body: "", head: "by-hand", base: "main" });
    github.addReview(repo, pr.number, "dave", "APPROVED");

    const blocked = await settlePullRequest(github, repo, github.pull(repo, pr.number), NOW);

    const gate = blocked?.gates.get("staging");
    expect(gate?.passed).toBe(false);
    expect(gate?.requirements.find((r) => r.kind === "blocked")).toMatchObject({
      met: false,
      detail: "ghcr.io/acme/api 1.5.0 is blocked in staging by @alice since 2026-03-02 10:00 UTC (`/unblock ghcr.io/acme/api 1.5.0` lifts it)",
    });

    await command(github, repo, issue, "alice", "/unblock api 1.5.0");
    const after = await settlePullRequest(github, repo, github.pull(repo, pr.number), NOW);
    expect(after?.gates.get("staging")?.requirements.map((r) => r.kind)).not.toContain("blocked");
  });
});

describe("/unblock", () => {
  it("says so when the version or the image is not blocked, naming what is, and writes nothing", async () => {
    const { github, repo, issue } = await fleetRunning150();
    await command(github, repo, issue, "alice", "/rollback dev api to 1.4.1");
    const body = holdsIssues(github, repo)[0]?.body;

    const version = await command(github, repo, issue, "alice", "/unblock api 1.4.1");
    expect(version.outcome).toMatchObject({ results: [{ ok: false }] });
    expect(version.reply).toContain("`ghcr.io/acme/api` 1.4.1 is not blocked in any environment (blocked: `ghcr.io/acme/api 1.5.0`).");
    const image = await command(github, repo, issue, "alice", "/unblock web 1.5.0");
    expect(image.reply).toContain("`web` 1.5.0 is not blocked in any environment (blocked: `ghcr.io/acme/api 1.5.0`).");
    expect(holdsIssues(github, repo)[0]?.body).toBe(body);
  });

  it("needs one of the reviewers of each environment where the version is blocked that has some, and the commands' permission", async () => {
    const { github, repo, issue } = await fleetRunning150();
    await command(github, repo, issue, "alice", "/rollback dev api to 1.4.1");
    const withReviewers = GATED_FLEET_CONFIG.replace("      approvals: 1", "      approvals: 1\n      reviewers: [alice]");
    github.pushCommit(repo, "main", { ".github/promenade.yml": withReviewers });
    github.setPermission(repo, "bob", "write");
    const bob = await command(github, repo, issue, "bob", "/unblock api 1.5.0");
    expect(bob.reply).toContain("commands on staging need one of its reviewers: alice");
    github.setPermission(repo, "mallory", "read");
    const mallory = await command(github, repo, issue, "mallory", "/unblock api 1.5.0");
    expect(mallory.reply).toContain("commands need write permission");
    expect(blockedVersions(await readHolds(github, repo))).toHaveLength(4);
    const alice = await command(github, repo, issue, "alice", "/unblock api 1.5.0");
    expect(alice.outcome).toMatchObject({ results: [{ ok: true }] });
    expect(blockedVersions(await readHolds(github, repo))).toEqual([]);
  });
});

describe("a hand edit of the holds issue", () => {
  it("removing a block does not let the blocked version through: every environment counts as held", async () => {
    const { github, repo, issue } = await fleetRunning150();
    await command(github, repo, issue, "alice", "/rollback dev api to 1.4.1");
    setDev(github, repo, "1.4.1");
    const holdsIssue = holdsIssues(github, repo)[0];
    if (holdsIssue === undefined) throw new Error("no holds issue");
    const body = holdsIssue.body.replace(/"blocks":\[[^\]]*\]/, '"blocks":[]');
    expect(body).not.toBe(holdsIssue.body);
    github.editIssueAs(repo, holdsIssue.number, "mallory", { body });

    const holds = await readHolds(github, repo);
    expect(holds.change).toEqual({ kind: "lost", issue: holdsIssue.number });
    const pushed = await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
    expect(pushed.outcomes.map((o) => o.action)).toEqual(["held"]);
    expect(github.pulls(repo).filter((pr) => pr.headBranch === "promenade/dev/api")).toEqual([]);
  });

  it("adding a block is not believed: no version counts as blocked, and every environment counts as held until /unhold", async () => {
    const { github, repo, issue } = await fleetRunning150();
    await command(github, repo, issue, "alice", "/hold prod-us");
    const holdsIssue = holdsIssues(github, repo)[0];
    if (holdsIssue === undefined) throw new Error("no holds issue");
    const forged = { image: API, version: { tag: "1.5.1", digest: null }, environment: "dev", by: "alice", at: NOW.toISOString() };
    const body = holdsIssue.body.replace('"holds":[', `"blocks":[${JSON.stringify(forged)}],"holds":[`);
    expect(body).not.toBe(holdsIssue.body);
    github.editIssueAs(repo, holdsIssue.number, "mallory", { body });

    const holds = await readHolds(github, repo);
    expect(blockedVersions(holds)).toEqual([]);
    expect(holds.change).toEqual({ kind: "lost", issue: holdsIssue.number });
    const reply = await command(github, repo, issue, "alice", "/where api");
    expect(reply.reply).toContain("none counts as blocked");
    expect(reply.reply).not.toContain("⛔");
  });
});
