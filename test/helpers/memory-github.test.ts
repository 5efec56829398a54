/** The in-memory GitHub behaves as GitHub does where the orchestrators depend on it. */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { GitHubError } from "../../src/github/errors.js";
import { MEMORY_APP, memoryRepo } from "./memory-github.js";

const FILES = { "deploy/dev/app.yaml": "image: api:1\n", "README.md": "hi\n" };

describe("MemoryGitHub", () => {
  it("commits only on a branch at the expected head, and refuses a second open PR from one head or a PR without commits", async () => {
    const { github, repo, head } = memoryRepo(FILES);
    expect(await github.resetBranch(repo, "b", head)).toBe("created");
    await expect(github.createPullRequest(repo, { title: "t", body: "", head: "b", base: "main" })).rejects.toThrow(/No commits between/);
    const sha = await github.commitFiles(repo, {
      branch: "b",
      baseSha: head,
      message: "m",
      changes: [{ path: "deploy/dev/app.yaml", content: "image: api:2\n" }],
    });
    await expect(github.commitFiles(repo, { branch: "b", baseSha: head, message: "m", changes: [] })).rejects.toBeInstanceOf(GitHubError);
    const pr = await github.createPullRequest(repo, { title: "t", body: "", head: "b", base: "main" });
    expect(pr).toMatchObject({ number: 1, headSha: sha, baseSha: head, author: MEMORY_APP.login });
    await expect(github.createPullRequest(repo, { title: "t", body: "", head: "b", base: "main" })).rejects.toMatchObject({ status: 422 });
    expect(await github.listPullRequestFiles(repo, 1)).toEqual(["deploy/dev/app.yaml"]);
    expect(await github.resetBranch(repo, "b", head)).toBe("moved");
    expect(github.pull(repo, 1).state).toBe("closed"); // GitHub closes a PR whose head is moved onto its base
  });

  it("merges only at the expected head, writing a merge commit on the base that keeps both sides' changes", async () => {
    const { github, repo } = memoryRepo(FILES);
    const head = github.pushCommit(repo, "b", { "deploy/dev/app.yaml": "image: api:2\n" });
    github.openPullRequestAs(repo, "carol", { title: "t", body: "", head: "b", base: "main" });
    github.pushCommit(repo, "main", { "README.md": "changed\n" });
    expect(await github.mergePullRequest(repo, 1, "0".repeat(40))).toBe(false);
    expect(await github.mergePullRequest(repo, 1, head)).toBe(true);
    expect(Object.fromEntries(github.filesAt(repo, "main"))).toEqual({ "deploy/dev/app.yaml": "image: api:2\n", "README.md": "changed\n" });
    expect(await github.mergePullRequest(repo, 1, head)).toBe(false);
    expect(await github.pullRequestCommitters(repo, 1)).toEqual(["octocat"]);
  });

  it("upserts and edits only the bot's comment with the marker, never a person's quoting it", async () => {
    const { github, repo } = memoryRepo(FILES);
    const issue = github.addIssue(repo, { title: "i", body: "", author: "carol" });
    github.addComment(repo, issue.number, "carol", "<!-- m --> quoted");
    expect(await github.editComment(repo, issue.number, "<!-- m -->", (body) => `${body}!`)).toBe(false);
    const first = await github.upsertComment(repo, issue.number, "<!-- m -->", "one");
    const second = await github.upsertComment(repo, issue.number, "<!-- m -->", "two");
    expect(second.id).toBe(first.id);
    expect(github.commentsOn(repo, issue.number).map((c) => c.body)).toEqual(["<!-- m --> quoted", "<!-- m -->\ntwo"]);
    expect(await github.editComment(repo, issue.number, "<!-- m -->", (body) => body)).toBe(false);
  });

  it("lists the latest check run per app and name, and reads files as the archive and contents API do", async () => {
    const { github, repo, head } = memoryRepo(FILES);
    github.addCheckRun(repo, { headSha: head, name: "ci", appId: 7, conclusion: "failure" });
    github.addCheckRun(repo, { headSha: head, name: "ci", appId: 7, conclusion: "success" });
    github.addCheckRun(repo, { headSha: head, name: "ci", appId: 8, conclusion: "failure" });
    expect((await github.listCheckRuns(repo, head)).map((run) => [run.appId, run.conclusion])).toEqual([
      [8, "failure"],
      [7, "success"],
    ]);
    const reader = github.repoReader(repo, head);
    expect(await reader.listFiles(".")).toEqual(["deploy/dev/app.yaml"]);
    await expect(reader.readFile("deploy/prod/app.yaml")).rejects.toBeInstanceOf(InputError);
    expect(await github.readFile(repo, "main", "missing.yaml")).toBeNull();
    expect(await github.readFile(repo, "no-such-ref", "README.md")).toBeNull();
    await expect(github.readFile(repo, head, "deploy")).rejects.toBeInstanceOf(InputError);
    expect(await github.existingDirectories(repo, head, [".", "deploy/dev", "deploy/prod", "README.md"])).toEqual(new Set([".", "deploy/dev"]));
  });

  it("answers the commits that touched a path, newest first, with their times", async () => {
    const { github, repo } = memoryRepo(FILES);
    const t1 = new Date("2026-01-02T00:00:00Z");
    const t2 = new Date("2026-01-03T00:00:00Z");
    const a = github.pushCommit(repo, "main", { "deploy/dev/app.yaml": "image: api:2\n" }, { date: t1 });
    github.pushCommit(repo, "main", { "README.md": "x\n" }, { date: t2 });
    const b = github.pushCommit(repo, "main", { "deploy/dev/app.yaml": "image: api:3\n" }, { date: t2 });
    const touching = await github.pathCommits(repo, "main", "deploy/dev/app.yaml", 2);
    expect(touching).toEqual([
      { sha: b, committedAt: t2 },
      { sha: a, committedAt: t1 },
    ]);
    expect(github.calls.map((call) => call.method)).toEqual(["pathCommits"]);
  });
});
