/** promotePushedImage on the in-memory GitHub: the dev PR it opens, updates, or leaves alone. */
import { describe, expect, it } from "vitest";
import { readPromotionBody } from "../../src/engine/markdown/promotion-body.js";
import { promotePushedImage } from "../../src/promote/promote-pushed-image.js";
import { changeHolds } from "../../src/promote/holds.js";
import { signingFor } from "../../src/promote/promotion-record.js";
import { fixtureFiles, memoryRepo } from "../helpers/memory-github.js";

const NOW = new Date("2026-03-02T10:00:00Z");
const DEV_BRANCH = "promenade/dev/api";
const DEV_FILE = "deploy/dev/kustomization.yaml";
const API = "ghcr.io/acme/api";

function fleet() {
  return memoryRepo(fixtureFiles("fleet"), { now: NOW });
}

describe("promotePushedImage on an in-memory GitHub", () => {
  it("opens the dev PR: a branch with one commit on main changing only the dev tag, a signed body, the config's labels", async () => {
    const { github, repo, head } = fleet();
    const report = await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });

    expect(report.outcomes.map((o) => [o.action, o.promotion.environment])).toEqual([["created", "dev"]]);
    const branchSha = github.branchSha(repo, DEV_BRANCH) as string;
    const commit = github.commit(github.repository(repo), branchSha);
    expect(commit.parents).toEqual([head]);
    expect(commit.message).toMatch(/^Promote api 1\.5\.0 to dev/);
    const before = github.filesAt(repo, head);
    const after = github.filesAt(repo, DEV_BRANCH);
    expect([...after.keys()].filter((path) => after.get(path) !== before.get(path))).toEqual([DEV_FILE]);
    expect(after.get(DEV_FILE)).toBe((before.get(DEV_FILE) as string).replace('newTag: "1.4.1"', 'newTag: "1.5.0"'));
    expect(github.branchSha(repo, "main")).toBe(head);

    const [pr, ...others] = github.pulls(repo);
    expect(others).toEqual([]);
    expect(pr).toMatchObject({
      number: 1,
      title: "Promote api 1.5.0 to dev",
      state: "open",
      headBranch: DEV_BRANCH,
      baseBranch: "main",
      headSha: branchSha,
      author: "promenade[bot]",
    });
    expect(pr?.labels).toEqual(["promotion", "automated"]);
    const reading = readPromotionBody(pr?.body, signingFor(repo));
    expect(reading.status).toBe("valid");
    if (reading.status !== "valid") return;
    expect(reading.data).toMatchObject({
      environment: "dev",
      branch: DEV_BRANCH,
      commit: branchSha,
      files: [DEV_FILE],
      images: [{ image: API, fromVersion: { tag: "1.4.1", digest: null }, toVersion: { tag: "1.5.0", digest: null }, bump: "minor" }],
      trigger: { kind: "push", image: API, tag: "1.5.0" },
      superseded: [],
    });
    expect(await github.listPullRequestFiles(repo, 1)).toEqual([DEV_FILE]);
  });

  it("updates the open PR in place for a newer version: a new commit on main, the same number, the superseded version in its data", async () => {
    const { github, repo, head } = fleet();
    await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
    const firstCommit = github.branchSha(repo, DEV_BRANCH);

    const report = await promotePushedImage(github, repo, { image: API, tag: "1.6.0" });

    expect(report.outcomes.map((o) => o.action)).toEqual(["updated"]);
    const commitSha = github.branchSha(repo, DEV_BRANCH) as string;
    expect(commitSha).not.toBe(firstCommit);
    expect(github.commit(github.repository(repo), commitSha).parents).toEqual([head]);
    expect(github.fileAt(repo, DEV_BRANCH, DEV_FILE)).toContain('newTag: "1.6.0"');
    const pulls = github.pulls(repo);
    expect(pulls.map((pr) => [pr.number, pr.state, pr.title])).toEqual([[1, "open", "Promote api 1.6.0 to dev"]]);
    const reading = readPromotionBody(pulls[0]?.body, signingFor(repo));
    expect(reading.status === "valid" && reading.data).toMatchObject({
      commit: commitSha,
      superseded: [{ image: API, tag: "1.5.0" }],
      images: [{ toVersion: { tag: "1.6.0" } }],
    });
    expect(github.callNames().filter((name) => name === "replaceBranchCommit")).toHaveLength(1);
  });

  it.each([
    ["an older version", "1.4.9"],
    ["the same version", "1.5.0"],
  ])("leaves the open PR untouched for %s", async (_, tag) => {
    const { github, repo } = fleet();
    await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
    const before = { sha: github.branchSha(repo, DEV_BRANCH), pulls: github.pulls(repo) };
    const writes = github.calls.length;

    const report = await promotePushedImage(github, repo, { image: API, tag });

    expect(report.outcomes.map((o) => o.action)).toEqual(["unchanged"]);
    expect({ sha: github.branchSha(repo, DEV_BRANCH), pulls: github.pulls(repo) }).toEqual(before);
    const written = github.calls.slice(writes).map((call) => call.method);
    expect(written).not.toContain("replaceBranchCommit");
    expect(written).not.toContain("updatePullRequest");
    expect(written).not.toContain("createPullRequest");
  });

  it("skips a version dev already runs, or outside the config's range, opening nothing", async () => {
    const { github, repo } = fleet();
    const running = await promotePushedImage(github, repo, { image: API, tag: "1.4.1" });
    const outside = await promotePushedImage(github, repo, { image: API, tag: "2.0.0" });
    expect(running.outcomes.concat(outside.outcomes).filter((o) => o.action === "created")).toEqual([]);
    expect(outside.skipped.length).toBeGreaterThan(0);
    expect(github.pulls(repo)).toEqual([]);
    expect([...github.repository(repo).branches.keys()]).toEqual(["main"]);
  });

  it("opens nothing into a held dev, and opens it once the hold is lifted", async () => {
    const { github, repo } = fleet();
    const environments = ["dev", "staging", "prod-eu", "prod-us"];
    await changeHolds(github, repo, { hold: { environment: "dev", by: "alice", reason: "freeze", at: NOW.toISOString() } }, environments);

    const held = await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
    expect(held.outcomes.map((o) => [o.action, o.promotion.environment])).toEqual([["held", "dev"]]);
    expect(github.pulls(repo)).toEqual([]);
    expect(github.branchSha(repo, DEV_BRANCH)).toBeUndefined();

    await changeHolds(github, repo, { lift: "dev" }, environments);
    const lifted = await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
    expect(lifted.outcomes.map((o) => o.action)).toEqual(["created"]);
  });

  it("does nothing in a repository without a config, and opens the config issue for an invalid one", async () => {
    const missing = memoryRepo(fixtureFiles("fleet"), { now: NOW, changes: { ".github/promenade.yml": null } });
    expect(await promotePushedImage(missing.github, missing.repo, { image: API, tag: "1.5.0" })).toEqual({ outcomes: [], skipped: [] });
    expect(missing.github.issues(missing.repo)).toEqual([]);

    const invalid = memoryRepo(fixtureFiles("fleet"), { now: NOW, changes: { ".github/promenade.yml": "environments: 3\n" } });
    expect(await promotePushedImage(invalid.github, invalid.repo, { image: API, tag: "1.5.0" })).toEqual({ outcomes: [], skipped: [] });
    expect(invalid.github.issues(invalid.repo).map((i) => [i.title, i.state])).toEqual([["Action required: fix .github/promenade.yml", "open"]]);
    expect(invalid.github.pulls(invalid.repo)).toEqual([]);
  });
  describe("the open PR of the branch the config names for the image", () => {
    const lookups = (github: ReturnType<typeof fleet>["github"]) =>
      github.calls.filter((call) => call.method === "findOpenPullRequest").map((call) => call.args[1]);

    it("is looked up once, as soon as the config is read, before Promenade's issues", async () => {
      const { github, repo } = fleet();
      const report = await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
      expect(report.outcomes.map((o) => o.action)).toEqual(["created"]);
      expect(lookups(github)).toEqual([DEV_BRANCH]);
      const names = github.callNames();
      expect(names.indexOf("findOpenPullRequest")).toBeLessThan(names.indexOf("findOpenIssueByTitle"));
    });

    it("is looked up again when that look-up failed, and the PR opened all the same", async () => {
      const { github, repo } = fleet();
      const lookUp = github.findOpenPullRequest.bind(github);
      let failures = 1;
      github.findOpenPullRequest = async (...args) => {
        const answer = await lookUp(...args);
        if (failures-- > 0) throw new Error("GitHub answered 502");
        return answer;
      };
      const report = await promotePushedImage(github, repo, { image: API, tag: "1.5.0" });
      expect(report.outcomes.map((o) => o.action)).toEqual(["created"]);
      expect(lookups(github)).toEqual([DEV_BRANCH, DEV_BRANCH]);
      expect(github.pulls(repo)).toHaveLength(1);
    });

    it("is not looked up ahead for an image the config does not list", async () => {
      const { github, repo } = fleet();
      const report = await promotePushedImage(github, repo, { image: "ghcr.io/acme/unlisted", tag: "1.0.0" });
      expect(report.outcomes).toEqual([]);
      expect(lookups(github)).toEqual([]);
    });
  });

  describe("with the default branch named: its archive downloaded beside the head's read", () => {
    it("reads the files from that archive when it is of the head: no other download", async () => {
      const { github, repo, head } = fleet();
      await promotePushedImage(github, repo, { image: API, tag: "1.5.0" }, "main");
      expect(github.calls.filter((call) => call.method === "archiveOf" || call.method === "repoReader").map((call) => [call.method, call.args[1]])).toEqual([
        ["archiveOf", "main"],
      ]);
      expect(github.filesAt(repo, DEV_BRANCH).get(DEV_FILE)).toBe(
        (github.filesAt(repo, head).get(DEV_FILE) as string).replace('newTag: "1.4.1"', 'newTag: "1.5.0"'),
      );
    });

    it("never reads an archive of another commit: after a push in between, the head's files are promoted, downloaded by its sha", async () => {
      const { github, repo, head } = fleet();
      const readHead = github.defaultBranchHeadAndFile.bind(github);
      let pushed = "";
      // The archive was asked for at `head`; a push lands before the head is read.
      github.defaultBranchHeadAndFile = (at, path) => {
        const text = (github.filesAt(repo, head).get(DEV_FILE) as string).replace("# dev gets every release", "# pushed meanwhile");
        pushed = github.pushCommit(repo, "main", { [DEV_FILE]: text });
        return readHead(at, path);
      };
      const report = await promotePushedImage(github, repo, { image: API, tag: "1.5.0" }, "main");
      expect(report.outcomes.map((o) => o.action)).toEqual(["created"]);
      expect(github.calls.filter((call) => call.method === "archiveOf" || call.method === "repoReader").map((call) => [call.method, call.args[1]])).toEqual([
        ["archiveOf", "main"],
        ["repoReader", pushed],
      ]);
      const commit = github.commit(github.repository(repo), github.branchSha(repo, DEV_BRANCH) as string);
      expect(commit.parents).toEqual([pushed]);
      expect(github.filesAt(repo, DEV_BRANCH).get(DEV_FILE)).toContain('newTag: "1.5.0" # pushed meanwhile');
    });
  });
});
