/**
 * runCommands on the in-memory GitHub: `/promote <image> to <env>`, `/promote` in a promotion PR, `/where`,
 * `/check`, a misspelt command, a commenter without permission, a repository without a config. What each
 * wrote (PRs, branches, merges, replies, reactions) is read back from the in-memory state.
 */
import { describe, expect, it } from "vitest";
import { fixtureFiles, MEMORY_APP, memoryRepo } from "../helpers/memory-github.js";
import { command, GATED_FLEET_CONFIG, NOW, passPolicy } from "./command-fleet.js";

const STAGING_FILE = "deploy/staging/kustomization.yaml";

/** The fleet with staging gated on one approval. */

function fleet(config: string | null = GATED_FLEET_CONFIG) {
  const { github, repo } = memoryRepo(fixtureFiles("fleet"), { now: NOW, changes: { ".github/promenade.yml": config } });
  github.setPermission(repo, "alice", "write");
  const issue = github.addIssue(repo, { title: "Release week", body: "", author: "alice" });
  return { github, repo, issue: issue.number };
}

describe("runCommands on the in-memory GitHub", () => {
  it("/promote api to staging opens the staging PR with dev's version, replies with its link and reacts 👀 then 🚀", async () => {
    const { github, repo, issue } = fleet();

    const { outcome, reply, reactions } = await command(github, repo, issue, "alice", "/promote api to staging");

    expect(outcome).toMatchObject({ action: "ran", results: [{ ok: true }] });
    expect(reactions).toEqual(["eyes", "rocket"]);
    const pulls = github.pulls(repo);
    expect(pulls.map((p) => [p.title, p.headBranch, p.author])).toEqual([["Promote api 1.4.1 to staging", "promenade/staging/api", MEMORY_APP.login]]);
    expect(github.fileAt(repo, "promenade/staging/api", STAGING_FILE)).toContain('newTag: "1.4.1"');
    expect(github.fileAt(repo, "main", STAGING_FILE)).toContain('newTag: "1.4.0"');
    expect(reply?.author).toBe(MEMORY_APP.login);
    expect(reply?.body).toContain("Promote api 1.4.1 to staging");
  });

  it("/promote in the promotion PR says what is missing while the gate fails, and merges once it passes", async () => {
    const { github, repo, issue } = fleet();
    await command(github, repo, issue, "alice", "/promote api to staging");
    const pr = github.pulls(repo)[0];
    if (pr === undefined) throw new Error("no staging PR");
    // The review of the PR (checkPullRequest, not run here) found no policy error.
    passPolicy(github, repo, pr.headSha);

    const early = await command(github, repo, pr.number, "alice", "/promote", true);

    expect(early.outcome).toMatchObject({ action: "ran", results: [{ ok: false }] });
    expect(early.reactions).toEqual(["eyes", "confused"]);
    expect(early.reply?.body).toContain("Not merged yet:");
    expect(early.reply?.body).toMatch(/approval/);
    expect(early.reply?.body).not.toMatch(/policy/);
    expect(github.pull(repo, pr.number).state).toBe("open");

    github.setPermission(repo, "dave", "write");
    github.addReview(repo, pr.number, "dave", "APPROVED");
    const merged = await command(github, repo, pr.number, "alice", "/promote", true);

    expect(merged.outcome).toMatchObject({ action: "ran", results: [{ ok: true }] });
    expect(merged.reply?.body).toContain("Merged into **staging**.");
    expect(github.pull(repo, pr.number)).toMatchObject({ state: "closed", merged: true });
    expect(github.fileAt(repo, "main", STAGING_FILE)).toContain('newTag: "1.4.1"');
  });

  it("/where replies with the version each environment runs", async () => {
    const { github, repo, issue } = fleet();

    const { outcome, reply } = await command(github, repo, issue, "alice", "/where api");

    expect(outcome).toMatchObject({ action: "ran", results: [{ ok: true }] });
    const rows = (reply?.body ?? "").split("\n").filter((line) => line.startsWith("|"));
    expect(rows.join("\n")).toMatch(/dev[^\n]*staging[^\n]*prod-eu[^\n]*prod-us/);
    expect(rows.join("\n")).toMatch(/1\.4\.1[^\n]*1\.4\.0[^\n]*1\.3\.0/);
    expect(github.pulls(repo)).toEqual([]);
  });

  it("a misspelt command is not run: the reply suggests the nearest command and folds the help in", async () => {
    const { github, repo, issue } = fleet();

    const { outcome, reply, reactions } = await command(github, repo, issue, "alice", "/promot api to staging");

    expect(outcome).toMatchObject({ action: "ran", results: [{ ok: false }] });
    expect(reactions).toEqual(["eyes", "confused"]);
    expect(reply?.body).toContain("did you mean `/promote`?");
    expect(reply?.body).toContain("<details>");
    expect(github.pulls(repo)).toEqual([]);
  });

  it("a commenter with read permission is refused, saying which permission is needed, and nothing is opened", async () => {
    const { github, repo, issue } = fleet();
    github.setPermission(repo, "mallory", "read");

    const { outcome, reply, reactions } = await command(github, repo, issue, "mallory", "/promote api to staging");

    expect(outcome).toMatchObject({ action: "ran", results: [{ ok: false }] });
    expect(reactions).toEqual(["eyes", "confused"]);
    expect(reply?.body).toContain("commands need write permission on acme/gitops; @&#8203;mallory has read");
    expect(github.pulls(repo)).toEqual([]);
    expect(github.branchSha(repo, "promenade/staging/api")).toBeUndefined();
  });

  it("/check outside a pull request says where it works", async () => {
    const { github, repo, issue } = fleet();

    const { reply } = await command(github, repo, issue, "alice", "/check");

    expect(reply?.body).toContain("`/check` works on a pull request.");
  });

  it("a repository without a config takes no command, and says so", async () => {
    const { github, repo, issue } = fleet(null);

    const { outcome, reply, reactions } = await command(github, repo, issue, "alice", "/promote api to staging");

    expect(outcome).toMatchObject({ action: "ran", results: [{ ok: false }] });
    expect(reactions).toEqual(["eyes", "confused"]);
    expect(reply?.body).toContain("This repository has no valid `.github/promenade.yml` on its default branch");
    expect(github.pulls(repo)).toEqual([]);
  });

  it("a comment without a command line does nothing at all", async () => {
    const { github, repo, issue } = fleet();
    const calls = github.callNames().length;

    const { outcome, reply, reactions } = await command(github, repo, issue, "alice", "We could /promote api later.");

    expect(outcome).toEqual({ action: "none" });
    expect(reply).toBeUndefined();
    expect(reactions).toEqual([]);
    expect(github.callNames().length).toBe(calls);
  });
});
