/** checkPullRequest on the in-memory GitHub: the policy check, the gate, the comment, the merge, and the config check. */
import { describe, expect, it } from "vitest";
import { CONFIG_PATH } from "../../src/engine/config/parse-config.js";
import { REVIEW_MARKER } from "../../src/engine/markdown/review-comment.js";
import type { RepoRef } from "../../src/github/github-client.js";
import { checkPullRequest } from "../../src/promote/check-pull-request.js";
import { promoteEnvironmentChange } from "../../src/promote/promote-environment-change.js";
import { promotePushedImage } from "../../src/promote/promote-pushed-image.js";
import { settlePullRequest } from "../../src/promote/settle-pull-request.js";
import type { Renderer } from "../../src/render-manifests/rendered-diff.js";
import { fixtureFiles, memoryRepo, type MemoryGitHub } from "../helpers/memory-github.js";

// Reviews run in this thread (the app's reviewer is made once per process, on first use).
process.env.PROMENADE_REVIEW_WORKERS = "0";

const NOW = new Date("2026-03-02T10:00:00Z");
const DEV_FILE = "deploy/dev/kustomization.yaml";

const CONFIG = `environments:
  dev: { path: deploy/dev, autoMerge: true }
  staging:
    path: deploy/staging
    from: dev
    requires:
      approvals: 1
  prod-eu: { path: deploy/prod-eu, from: staging }
  prod-us: { path: deploy/prod-us, from: staging }
pullRequests:
  labels: [promotion]
`;

/** "Renders" a directory as its YAML files one after the other. */
const render: Renderer = async (reader, dir) => {
  const files = (await reader.listFiles(dir)).sort();
  const texts = await Promise.all(files.map((file) => reader.readFile(file)));
  return { status: "rendered", tool: "concatenation", output: texts.map((text) => `---\n${text}`).join("") };
};

function fleet() {
  return memoryRepo(fixtureFiles("fleet"), { now: NOW, changes: { [CONFIG_PATH]: CONFIG } });
}

function runsNamed(github: MemoryGitHub, repo: RepoRef, sha: string, name: string) {
  return github.checkRunsOn(repo, sha).filter((run) => run.name === name);
}

describe("checkPullRequest", () => {
  it("reviews Promenade's dev PR, writes the policy check and the comment, and merges it (dev has autoMerge)", async () => {
    const { github, repo } = fleet();
    await promotePushedImage(github, repo, { image: "ghcr.io/acme/api", tag: "1.5.0" });
    const pr = github.pull(repo, 1);

    const outcome = await checkPullRequest(github, repo, pr, true, render, NOW);

    expect(outcome.review.action).toBe("reviewed");
    expect(runsNamed(github, repo, pr.headSha, "promenade/policy").map((run) => [run.conclusion, run.externalId])).toEqual([
      ["success", JSON.stringify({ errors: 0, movedImages: 1 })],
    ]);
    expect(runsNamed(github, repo, pr.headSha, "promenade/gate").map((run) => run.conclusion)).toEqual(["success"]);
    expect(outcome.settled?.merged).toBe(true);
    expect(github.pull(repo, 1)).toMatchObject({ state: "closed", merged: true });
    expect(github.fileAt(repo, "main", DEV_FILE)).toContain('newTag: "1.5.0"');
    const comments = github.commentsOn(repo, 1).filter((c) => c.body.includes(REVIEW_MARKER));
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("1.5.0");
  });

  it("on a gated staging PR: the gate waits in the check and the comment, and a later approval turns both to passed", async () => {
    const { github, repo, head } = fleet();
    const sha = github.pushCommit(repo, "main", { [DEV_FILE]: (github.fileAt(repo, head, DEV_FILE) as string).replace('"1.4.1"', '"1.5.0"') });
    await promoteEnvironmentChange(github, repo, { sha, before: head, files: [DEV_FILE], committedAt: NOW, url: null, actor: "carol" });
    const pr = github.pull(repo, 1);

    const outcome = await checkPullRequest(github, repo, pr, true, render, NOW);

    expect(outcome.settled?.gates.get("staging")?.passed).toBe(false);
    expect(outcome.settled?.merged).toBe(false);
    expect(runsNamed(github, repo, pr.headSha, "promenade/gate").map((run) => run.conclusion)).toEqual(["failure"]);
    const comment = () => github.commentsOn(repo, pr.number).find((c) => c.body.includes(REVIEW_MARKER))?.body ?? "";
    expect(comment()).toContain("**Gate**: ⏳ waiting");

    github.setPermission(repo, "dave", "maintain");
    github.addReview(repo, pr.number, "dave", "APPROVED");
    const settled = await settlePullRequest(github, repo, pr, NOW);

    expect(settled?.gates.get("staging")?.passed).toBe(true);
    expect(runsNamed(github, repo, pr.headSha, "promenade/gate").map((run) => run.conclusion)).toEqual(["failure", "success"]);
    expect(comment()).toContain("**Gate**: ✅ passed");
    expect(github.pull(repo, pr.number).state).toBe("open");
  });

  it("checks a config change on the PR's head: failure with annotations for a bad one, success once fixed, the environments' directories included", async () => {
    const { github, repo } = fleet();
    github.pushCommit(repo, "config", { [CONFIG_PATH]: "environments:\n  dev: { path: deploy/nowhere }\n" });
    const pr = github.openPullRequestAs(repo, "carol", { title: "Config", body: "", head: "config", base: "main" });

    await checkPullRequest(github, repo, github.pull(repo, pr.number), true, render, NOW);
    const bad = github.pull(repo, pr.number).headSha;
    const [failure] = runsNamed(github, repo, bad, "promenade/config");
    expect(failure).toMatchObject({ conclusion: "failure" });
    expect(failure?.summary).toContain("| `environments.dev.path` | no such directory in the repository |");
    expect(failure?.annotations).toBe(1);

    const fixed = github.pushCommit(repo, "config", { [CONFIG_PATH]: "environments:\n  dev: { path: deploy/dev }\n" });
    await checkPullRequest(github, repo, github.pull(repo, pr.number), true, render, NOW);
    expect(runsNamed(github, repo, fixed, "promenade/config").map((run) => run.conclusion)).toEqual(["success"]);
    expect(github.calls.filter((call) => call.method === "existingDirectories")).toHaveLength(2);
  });

  it("leaves a PR into another branch with the config check only", async () => {
    const { github, repo } = fleet();
    github.pushCommit(repo, "release", {});
    github.pushCommit(repo, "topic", { [DEV_FILE]: "changed: true\n" });
    const pr = github.openPullRequestAs(repo, "carol", { title: "Topic", body: "", head: "topic", base: "release" });
    const outcome = await checkPullRequest(github, repo, github.pull(repo, pr.number), false, render, NOW);
    expect(outcome).toEqual({ review: { action: "skipped" }, settled: null });
    expect(github.checkRunsOn(repo, github.pull(repo, pr.number).headSha)).toEqual([]);
  });
});
