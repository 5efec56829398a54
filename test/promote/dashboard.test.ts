/** The dashboard's orchestrators on the in-memory GitHub: refreshDashboard (open, update, no write when unchanged, only Promenade's own issue and PRs) and runTickedBoxes. */
import { beforeEach, describe, expect, it } from "vitest";
import { DASHBOARD_TITLE } from "../../src/engine/markdown/dashboard.js";
import type { RepoRef } from "../../src/github/github-client.js";
import { forgetDashboardScans, refreshDashboard } from "../../src/promote/dashboard/refresh-dashboard.js";
import { runTickedBoxes } from "../../src/promote/dashboard/run-ticked-boxes.js";
import type { Renderer } from "../../src/render-manifests/rendered-diff.js";
import { fixtureFiles, MEMORY_APP, memoryRepo, type MemoryGitHub } from "../helpers/memory-github.js";

const NOW = new Date("2026-03-02T10:00:00Z");
const noRender: Renderer = () => Promise.reject(new Error("no rendering in these tests"));

function fleet() {
  const { github, repo, head } = memoryRepo(fixtureFiles("fleet"), { now: NOW });
  github.setPermission(repo, "alice", "write");
  github.setPermission(repo, "mallory", "read");
  return { github, repo, head };
}

// The in-memory fixtures of different tests may share commit shas.
beforeEach(() => forgetDashboardScans());

function dashboards(github: MemoryGitHub, repo: RepoRef) {
  return github.issues(repo).filter((issue) => issue.title === DASHBOARD_TITLE && issue.authorIsBot);
}

/** The dashboard's body with the box `text` ticked. */
function ticked(body: string, text: string): string {
  const box = `- [ ] ${text}\n`;
  if (!body.includes(box)) throw new Error(`no box "${text}" in:\n${body}`);
  return body.replace(box, `- [x] ${text}\n`);
}

describe("refreshDashboard", () => {
  it("opens the dashboard with what runs where, then writes nothing while nothing changed", async () => {
    const { github, repo } = fleet();
    expect(await refreshDashboard(github, repo)).toEqual({ action: "opened", issue: 1 });
    const [dashboard] = dashboards(github, repo);
    expect(dashboard?.labels).toEqual(["promenade"]);
    expect(dashboard?.body).toContain("| `api` | `1.4.1` | `1.4.0` |");
    expect(dashboard?.body).toContain("- [ ] promote api to staging\n");
    expect(await refreshDashboard(github, repo)).toEqual({ action: "unchanged", issue: 1 });
    expect(github.callNames().filter((name) => name === "updateIssue" || name === "createIssue")).toEqual(["createIssue"]);
  });

  it("scans the files again only when the default branch moved: a refresh at the same commit downloads no archive", async () => {
    const { github, repo, head } = fleet();
    const listings: string[] = [];
    const reader = github.repoReader.bind(github);
    github.repoReader = (at, sha) => {
      const files = reader(at, sha);
      return { ...files, listFiles: (dir) => (listings.push(`${sha}:${dir}`), files.listFiles(dir)) };
    };
    await refreshDashboard(github, repo);
    const first = listings.length;
    expect(first).toBeGreaterThan(0);
    expect(listings.every((listing) => listing.startsWith(`${head}:`))).toBe(true);

    await refreshDashboard(github, repo);
    expect(listings.length).toBe(first);

    const file = "deploy/dev/kustomization.yaml";
    const moved = github.pushCommit(repo, "main", { [file]: (github.fileAt(repo, head, file) as string).replace('"1.4.1"', '"1.5.0"') });
    await refreshDashboard(github, repo);
    expect(listings.slice(first).every((listing) => listing.startsWith(`${moved}:`))).toBe(true);
    expect(listings.length).toBeGreaterThan(first);
    expect(dashboards(github, repo)[0]?.body).toContain("| `api` | `1.5.0` | `1.4.0` |");
  });

  it("opens nothing in a repository without a valid config", async () => {
    const { github, repo } = memoryRepo(fixtureFiles("fleet"), { changes: { ".github/promenade.yml": null } });
    expect(await refreshDashboard(github, repo)).toEqual({ action: "no-config" });
    expect(github.issues(repo)).toEqual([]);
  });

  it("lists Promenade's open promotion PRs with the gate its own check run says, not another app's, nor a PR a person opened from a promotion branch", async () => {
    const { github, repo } = fleet();
    github.pushCommit(repo, "promenade/staging/api", { "a.txt": "a" });
    github.pushCommit(repo, "promenade/staging/evil", { "b.txt": "b" });
    const own = github.openPullRequestAs(repo, MEMORY_APP.login, {
      title: "Promote api 1.4.1 to staging",
      body: "",
      head: "promenade/staging/api",
      base: "main",
    });
    github.openPullRequestAs(repo, "mallory", { title: "Promote evil to staging", body: "", head: "promenade/staging/evil", base: "main" });
    const headSha = github.pull(repo, own.number).headSha;
    github.addCheckRun(repo, { headSha, name: "promenade/gate", appId: MEMORY_APP.id, conclusion: "failure", title: "Waiting for 1 approval" });
    github.addCheckRun(repo, { headSha, name: "promenade/gate", appId: 99, conclusion: "success", title: "All good" });
    await refreshDashboard(github, repo);
    const body = dashboards(github, repo)[0]?.body ?? "";
    expect(body).toContain(`Promote api 1.4.1 to staging | staging | ❌ failed: Waiting for 1 approval |`);
    expect(body).not.toContain("Promote evil");
    expect(body).not.toContain("All good");
  });

  it("says since when a version runs, from Promenade's own deployment records, and offers its rollback", async () => {
    const { github, repo, head } = fleet();
    github.now = () => new Date("2026-02-01T08:00:00Z");
    await github.recordDeployment(repo, {
      sha: head,
      environment: "staging",
      task: "promenade",
      description: "",
      logUrl: null,
      payload: { images: { "ghcr.io/acme/api": { tag: "1.3.0", digest: null } } },
    });
    github.now = () => new Date("2026-02-20T08:00:00Z");
    await github.recordDeployment(repo, {
      sha: head,
      environment: "staging",
      task: "promenade",
      description: "",
      logUrl: null,
      payload: { images: { "ghcr.io/acme/api": { tag: "1.4.0", digest: null } } },
    });
    await refreshDashboard(github, repo);
    const body = dashboards(github, repo)[0]?.body ?? "";
    expect(body).toContain("`1.4.0` since 2026-02-20 08:00 UTC");
    expect(body).toContain("- [ ] roll back api in staging\n");
  });

  it("ignores an issue titled like the dashboard that a person opened, and puts its own back when a person renamed or closed it", async () => {
    const { github, repo } = fleet();
    github.addIssue(repo, { title: DASHBOARD_TITLE, body: "- [ ] promote api to staging", author: "mallory", labels: ["promenade"] });
    expect(await refreshDashboard(github, repo)).toEqual({ action: "opened", issue: 2 });
    github.editIssueAs(repo, 2, "mallory", { title: "Old dashboard", state: "closed" });
    expect(await refreshDashboard(github, repo)).toEqual({ action: "updated", issue: 2 });
    expect(github.issues(repo).find((issue) => issue.number === 2)).toMatchObject({ title: DASHBOARD_TITLE, state: "open" });
    expect(github.issues(repo).find((issue) => issue.number === 1)?.body).toBe("- [ ] promote api to staging");
  });
});

describe("runTickedBoxes", () => {
  async function withDashboard() {
    const setup = fleet();
    await refreshDashboard(setup.github, setup.repo);
    const dashboard = dashboards(setup.github, setup.repo)[0];
    if (dashboard === undefined) throw new Error("no dashboard");
    return { ...setup, number: dashboard.number, body: dashboard.body };
  }

  async function edit(github: MemoryGitHub, repo: RepoRef, number: number, editor: string, before: string, after: string) {
    github.editIssueAs(repo, number, editor, { body: after });
    return runTickedBoxes(github, repo, { issueNumber: number, before, after, editor }, noRender, NOW);
  }

  it("a box ticked by someone who may run the command runs it for them, and the dashboard is written again, unticked, with the new PR", async () => {
    const { github, repo, number, body } = await withDashboard();
    const outcome = await edit(github, repo, number, "alice", body, ticked(body, "promote api to staging"));
    expect(outcome).toMatchObject({ action: "ran", results: [{ ok: true }], refresh: { action: "updated" } });
    expect(github.pulls(repo).map((pr) => [pr.title, pr.headBranch])).toEqual([["Promote api 1.4.1 to staging", "promenade/staging/api"]]);
    const after = dashboards(github, repo)[0]?.body ?? "";
    expect(after).not.toContain("- [x]");
    expect(after).toContain("Promote api 1.4.1 to staging | staging | ⏳ not decided yet |");
    expect(github.commentsOn(repo, number)).toEqual([]);
  });

  it("a rollback box ticked runs /rollback for them: the PR puts back the version the environment ran before", async () => {
    const { github, repo, head } = fleet();
    const file = "deploy/staging/kustomization.yaml";
    const earlier = (github.fileAt(repo, head, file) as string).replace('"1.4.0"', '"1.3.0"');
    const record = (tag: string) =>
      github.recordDeployment(repo, {
        sha: head,
        environment: "staging",
        task: "promenade",
        description: "",
        logUrl: null,
        payload: { images: { "ghcr.io/acme/api": { tag, digest: null } } },
      });
    github.pushCommit(repo, "main", { [file]: earlier });
    await record("1.3.0");
    github.pushCommit(repo, "main", { [file]: github.fileAt(repo, head, file) as string });
    await record("1.4.0");
    await refreshDashboard(github, repo);
    const dashboard = dashboards(github, repo)[0];
    if (dashboard === undefined) throw new Error("no dashboard");
    const outcome = await edit(github, repo, dashboard.number, "alice", dashboard.body, ticked(dashboard.body, "roll back api in staging"));
    expect(outcome).toMatchObject({ action: "ran", results: [{ ok: true, text: "/rollback staging ghcr.io/acme/api" }] });
    expect(github.pulls(repo).map((pr) => pr.title)).toEqual(["Roll back api to 1.3.0 in staging"]);
    const after = dashboards(github, repo)[0]?.body ?? "";
    expect(after).toContain("| `ghcr.io/acme/api` | `1.4.0` | staging | @&#8203;alice | 2026-03-02 10:00 UTC |");
    expect(after).toContain("| `ghcr.io/acme/api` | `1.4.0` | prod-eu | @&#8203;alice | 2026-03-02 10:00 UTC |");
  });

  it("a box ticked by someone without the permission runs nothing: unticked, and a reply says why", async () => {
    const { github, repo, number, body } = await withDashboard();
    await edit(github, repo, number, "mallory", body, ticked(body, "promote api to staging"));
    expect(github.pulls(repo)).toEqual([]);
    expect(dashboards(github, repo)[0]?.body).toBe(body);
    expect(github.commentsOn(repo, number).map((comment) => comment.body)).toEqual([
      "@&#8203;mallory ticked a box on this dashboard; the box is unticked again.\n\n> /promote ghcr.io/acme/api to staging\n\n😕 commands need write permission on acme/gitops; @&#8203;mallory has read\n",
    ]);
  });

  it("another change to the text runs nothing and is undone; so is a box added by hand and ticked", async () => {
    const { github, repo, number, body } = await withDashboard();
    const before = `${body}- [ ] promote api to dev\n`;
    const outcome = await edit(github, repo, number, "alice", before, `${body.replace("Promenade keeps", "Someone keeps")}- [x] promote api to dev\n`);
    expect(outcome).toMatchObject({ action: "ran", results: [], refresh: { action: "updated" } });
    expect(github.pulls(repo)).toEqual([]);
    expect(dashboards(github, repo)[0]?.body).toBe(body);
  });

  it("reads no tick against a body that is not Promenade's rendering (its signed data removed or changed)", async () => {
    const { github, repo, number, body } = await withDashboard();
    const before = body.replace(/<!-- promenade:[\s\S]*-->/, "<!-- promenade: {} -->");
    const outcome = await edit(github, repo, number, "alice", before, ticked(before, "promote api to staging"));
    expect(outcome).toMatchObject({ action: "ran", results: [] });
    expect(github.pulls(repo)).toEqual([]);
  });

  it("reads no tick on an issue that is not Promenade's dashboard", async () => {
    const { github, repo, body } = await withDashboard();
    const mine = github.addIssue(repo, { title: DASHBOARD_TITLE, body, author: "alice", labels: ["promenade"] });
    expect(await edit(github, repo, mine.number, "alice", body, ticked(body, "promote api to staging"))).toEqual({ action: "not-dashboard" });
    expect(github.pulls(repo)).toEqual([]);
  });
});
