/** `/hold` and `/unhold` through runCommands on the in-memory GitHub: the holds issue, the reply, the reactions, the gates of open PRs. */
import { describe, expect, it } from "vitest";
import { HOLDS_ISSUE_TITLE } from "../../src/engine/markdown/holds.js";
import { commandReplyMarker } from "../../src/engine/markdown/command-reply.js";
import { runCommands } from "../../src/promote/commands/run-commands.js";
import { readHolds } from "../../src/promote/holds.js";
import { promoteEnvironmentChange } from "../../src/promote/promote-environment-change.js";
import { fixtureFiles, MEMORY_APP, memoryRepo } from "../helpers/memory-github.js";
import { command, GATED_FLEET_CONFIG, latestGate, noRender, NOW, passPolicy } from "./command-fleet.js";

const DEV_FILE = "deploy/dev/kustomization.yaml";

/** The fleet with Promenade's staging PR (#1) open, approved and reviewed; alice may write. */
async function fleetWithStagingPullRequest() {
  const { github, repo, head } = memoryRepo(fixtureFiles("fleet"), { now: NOW, changes: { ".github/promenade.yml": GATED_FLEET_CONFIG } });
  const sha = github.pushCommit(repo, "main", { [DEV_FILE]: (github.fileAt(repo, head, DEV_FILE) as string).replace('"1.4.1"', '"1.5.0"') });
  await promoteEnvironmentChange(github, repo, { sha, before: head, files: [DEV_FILE], committedAt: NOW, url: null, actor: "carol" });
  const pr = github.pull(repo, 1);
  passPolicy(github, repo, pr.headSha);
  github.setPermission(repo, "dave", "write");
  github.addReview(repo, pr.number, "dave", "APPROVED");
  github.setPermission(repo, "alice", "write");
  const issue = github.addIssue(repo, { title: "Release week", body: "", author: "alice" });
  return { github, repo, pr, issue: issue.number };
}

describe("/hold and /unhold", () => {
  it("/hold opens Promenade's holds issue, fails the gate of the open staging PR, and replies; /unhold closes it and the gate passes again", async () => {
    const { github, repo, pr, issue } = await fleetWithStagingPullRequest();

    const hold = await command(github, repo, issue, "alice", "/hold staging release freeze");

    expect(hold.outcome).toMatchObject({ action: "ran", results: [{ ok: true }] });
    expect(hold.reactions).toEqual(["eyes", "rocket"]);
    expect(hold.reply?.author).toBe(MEMORY_APP.login);
    expect(hold.reply?.body).toContain("**staging** is held: release freeze");
    const holdsIssues = github.issues(repo).filter((i) => i.title === HOLDS_ISSUE_TITLE);
    expect(holdsIssues.map((i) => [i.state, i.author, i.labels])).toEqual([["open", MEMORY_APP.login, ["promenade"]]]);
    expect(holdsIssues[0]?.body).toContain("release freeze");
    const holds = await readHolds(github, repo);
    expect(holds.get("staging")).toMatchObject({ by: "alice", reason: "release freeze", at: NOW.toISOString() });
    expect(latestGate(github, repo, pr.headSha)).toMatchObject({ conclusion: "failure" });

    // A change reaching dev opens nothing into held staging.
    const before = github.branchSha(repo, "main") as string;
    const sha = github.pushCommit(repo, "main", { [DEV_FILE]: (github.fileAt(repo, before, DEV_FILE) as string).replace('"1.5.0"', '"1.6.0"') });
    const report = await promoteEnvironmentChange(github, repo, { sha, before, files: [DEV_FILE], committedAt: NOW, url: null, actor: "carol" });
    expect(report.outcomes.map((o) => [o.action, o.promotion.environment])).toEqual([["held", "staging"]]);
    expect(github.fileAt(repo, "promenade/staging/api", "deploy/staging/kustomization.yaml")).toContain('"1.5.0"');

    const unhold = await command(github, repo, issue, "alice", "/unhold staging");

    expect(unhold.outcome).toMatchObject({ action: "ran", results: [{ ok: true }] });
    expect(unhold.reactions).toEqual(["eyes", "rocket"]);
    expect(unhold.reply?.body).toContain("**staging** is no longer held");
    expect(
      github
        .issues(repo)
        .filter((i) => i.title === HOLDS_ISSUE_TITLE)
        .map((i) => i.state),
    ).toEqual(["closed"]);
    expect((await readHolds(github, repo)).has("staging")).toBe(false);
    expect(latestGate(github, repo, pr.headSha)).toMatchObject({ conclusion: "success" });
  });

  it("a second /hold reuses the closed holds issue, reopening it", async () => {
    const { github, repo, issue } = await fleetWithStagingPullRequest();
    await command(github, repo, issue, "alice", "/hold staging");
    await command(github, repo, issue, "alice", "/unhold staging");
    await command(github, repo, issue, "alice", "/hold prod-eu incident");
    const holdsIssues = github.issues(repo).filter((i) => i.openingTitle === HOLDS_ISSUE_TITLE);
    expect(holdsIssues.map((i) => i.state)).toEqual(["open"]);
    expect([...(await readHolds(github, repo)).list(["dev", "staging", "prod-eu", "prod-us"])].map((h) => h.environment)).toEqual(["prod-eu"]);
  });

  it("refuses /unhold of an environment that is not held, and /hold by someone without write permission, writing no holds issue", async () => {
    const { github, repo, issue } = await fleetWithStagingPullRequest();
    const unhold = await command(github, repo, issue, "alice", "/unhold staging");
    expect(unhold.outcome).toMatchObject({ action: "ran", results: [{ ok: false }] });
    expect(unhold.reply?.body).toContain("**staging** is not held.");
    expect(unhold.reactions).toEqual(["eyes", "confused"]);

    github.setPermission(repo, "mallory", "read");
    const hold = await command(github, repo, issue, "mallory", "/hold staging");
    expect(hold.outcome).toMatchObject({ action: "ran", results: [{ ok: false }] });
    expect(hold.reply?.body).toContain("commands need write permission");
    expect(github.issues(repo).filter((i) => i.title === HOLDS_ISSUE_TITLE)).toEqual([]);
  });

  it("edits its one reply when the same comment is delivered again", async () => {
    const { github, repo, issue } = await fleetWithStagingPullRequest();
    const comment = github.addComment(repo, issue, "alice", "/hold staging");
    const run = () =>
      runCommands(github, repo, { id: comment.id, body: comment.body, author: "alice", issueNumber: issue, isPullRequest: false }, noRender, NOW);
    await run();
    await run();
    expect(github.commentsOn(repo, issue).filter((c) => c.body.includes(commandReplyMarker(comment.id)))).toHaveLength(1);
  });

  it("ignores a comment without a command", async () => {
    const { github, repo, issue } = await fleetWithStagingPullRequest();
    const calls = github.calls.length;
    const { outcome, reactions } = await command(github, repo, issue, "alice", "thanks, looks good");
    expect(outcome).toEqual({ action: "none" });
    expect(reactions).toEqual([]);
    expect(github.calls.slice(calls)).toEqual([]);
  });
});
