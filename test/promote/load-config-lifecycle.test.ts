/** loadConfig on the in-memory GitHub: the "Action required" issue through a config's life (missing, invalid, changed, fixed, broken again). */
import { describe, expect, it } from "vitest";
import { CONFIG_PATH } from "../../src/engine/config/parse-config.js";
import { CONFIG_ISSUE_TITLE } from "../../src/engine/markdown/config-issue.js";
import { loadConfig } from "../../src/promote/load-config.js";
import { fixtureFiles, memoryRepo, type MemoryGitHub } from "../helpers/memory-github.js";
import type { RepoRef } from "../../src/github/github-client.js";

const NOW = new Date("2026-03-02T10:00:00Z");

/** Pushes `config` (null: removes it) to main, and loads the config at the new head. */
async function loadAfterPush(github: MemoryGitHub, repo: RepoRef, config: string | null) {
  github.pushCommit(repo, "main", { [CONFIG_PATH]: config });
  return loadConfig(github, repo, await github.defaultBranchHead(repo));
}

function configIssues(github: MemoryGitHub, repo: RepoRef) {
  return github.issues(repo).filter((issue) => issue.title === CONFIG_ISSUE_TITLE);
}

describe("loadConfig through a config's life", () => {
  it("answers null for a repository without the file, reading only the file and writing nothing", async () => {
    const { github, repo } = memoryRepo(fixtureFiles("fleet"), { now: NOW, changes: { [CONFIG_PATH]: null } });
    expect(await loadConfig(github, repo, await github.defaultBranchHead(repo))).toBeNull();
    expect(github.callNames()).toEqual(["defaultBranchHead", "readFile"]);
    expect(github.issues(repo)).toEqual([]);
  });

  it("opens the issue for an invalid file, updates it when the problems change, closes it with a comment once valid, and opens another when broken again", async () => {
    const { github, repo } = memoryRepo(fixtureFiles("fleet"), { now: NOW });

    expect(await loadAfterPush(github, repo, "environments:\n  dev: { path: deploy/dev, autoMerge: maybe }\n")).toBeNull();
    const [issue, ...more] = configIssues(github, repo);
    expect(more).toEqual([]);
    expect(issue).toMatchObject({ state: "open", author: "promenade[bot]", authorIsBot: true, labels: ["promenade"] });
    expect(issue?.body).toContain("autoMerge");
    const firstBody = issue?.body;

    // The same problems: no write.
    const calls = github.calls.length;
    expect(await loadAfterPush(github, repo, "environments:\n  dev: { path: deploy/dev, autoMerge: maybe }\n")).toBeNull();
    expect(github.calls.slice(calls).map((call) => call.method)).not.toContain("updateIssue");

    // Other problems: the same issue, its body rewritten.
    expect(await loadAfterPush(github, repo, "environments: [dev]\n")).toBeNull();
    expect(configIssues(github, repo)).toHaveLength(1);
    expect(issue?.body).not.toBe(firstBody);
    expect(issue?.lastBodyEditors).toEqual(["promenade[bot]"]);

    // Fixed: answered, the issue closed with a comment naming the commit.
    const config = await loadAfterPush(github, repo, fixtureFiles("fleet")[CONFIG_PATH] as string);
    expect(Object.keys(config?.environments ?? {})).toEqual(["dev", "staging", "prod-eu", "prod-us"]);
    expect(issue?.state).toBe("closed");
    const [fixed] = github.commentsOn(repo, issue?.number as number);
    expect(fixed?.body).toContain((github.branchSha(repo, "main") as string).slice(0, 7));

    // Broken again: a new issue (the closed one is not reopened).
    expect(await loadAfterPush(github, repo, "environments: 3\n")).toBeNull();
    expect(configIssues(github, repo).map((i) => [i.number, i.state])).toEqual([
      [issue?.number, "closed"],
      [(issue?.number as number) + 1, "open"],
    ]);
  });

  it("reports a file that is not text (a NUL byte) as invalid", async () => {
    const { github, repo } = memoryRepo(fixtureFiles("fleet"), { now: NOW });
    expect(await loadAfterPush(github, repo, "environments:\0\n")).toBeNull();
    expect(configIssues(github, repo)[0]?.body).toContain("binary");
  });

  it("merges the base from the owner's .github repository named by _extends", async () => {
    const { github, repo } = memoryRepo(fixtureFiles("fleet"), { now: NOW });
    github.addRepository({ owner: "acme", repo: ".github" }, { [CONFIG_PATH]: "pullRequests:\n  labels: [from-base]\n" });
    const config = await loadAfterPush(github, repo, "_extends: .github\nenvironments:\n  dev: { path: deploy/dev }\n");
    expect(config?.pullRequests.labels).toEqual(["from-base"]);
    expect(Object.keys(config?.environments ?? {})).toEqual(["dev"]);
  });

  it("reports an _extends whose repository is not there", async () => {
    const { github, repo } = memoryRepo(fixtureFiles("fleet"), { now: NOW });
    expect(await loadAfterPush(github, repo, "_extends: .github\nenvironments:\n  dev: { path: deploy/dev }\n")).toBeNull();
    expect(configIssues(github, repo)[0]?.body).toContain("_extends");
  });
});
