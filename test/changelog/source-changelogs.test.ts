/** sourceChangelogs on the in-memory GitHub: what it reads, what it keeps, and for whom. */
import { beforeEach, describe, expect, it } from "vitest";
import { config } from "../plan/helpers.js";
import { MemoryGitHub } from "../helpers/memory-github.js";
import { GitHubError } from "../../src/github/errors.js";
import { forgetSourceChangelogs, sourceChangelogs, type ChangelogGitHub } from "../../src/promote/source-changelog.js";

const API = "ghcr.io/acme/api";
const GITOPS = { owner: "acme", repo: "gitops" };
const SOURCE = { owner: "acme", repo: "api" };
const cfg = config(`environments:
  dev: { path: deploy/dev }
images:
  - { name: ${API}, source: acme/api }
`);
const change = (image: string, from: string, to: string) => ({
  image,
  fromVersion: { tag: from, digest: null },
  toVersion: { tag: to, digest: null },
  bump: "patch" as const,
});
const promotion = (from: string, to: string) => ({ images: [change(API, from, to)] });

/** acme/api with v1.4.1, then two commits up to v1.4.2 (the second squash-merged from #7), and main-<sha> builds. */
function sourceRepository(): { github: MemoryGitHub; shas: string[] } {
  const github = new MemoryGitHub();
  const first = github.addRepository(SOURCE, { "README.md": "api" });
  const second = github.pushCommit(SOURCE, "main", { "a.txt": "a" }, { message: "Add a" });
  const third = github.pushCommit(SOURCE, "main", { "b.txt": "b" }, { message: "Add b (#7)" });
  github.tags.set(
    "acme/api",
    new Map([
      ["v1.4.1", first],
      ["v1.4.2", third],
    ]),
  );
  return { github, shas: [first, second, third] };
}

beforeEach(() => forgetSourceChangelogs());

describe("sourceChangelogs", () => {
  it("resolves both versions in one query and compares them once", async () => {
    const { github, shas } = sourceRepository();
    const changelogs = await sourceChangelogs(github, GITOPS, cfg, promotion("1.4.1", "1.4.2"));
    expect(changelogs.get(API)).toMatchObject({
      status: "read",
      from: { version: "1.4.1", ref: { ref: "v1.4.1", sha: shas[0] } },
      to: { version: "1.4.2", ref: { ref: "v1.4.2", sha: shas[2] } },
      between: {
        status: "ahead",
        aheadBy: 2,
        commits: [
          { title: "Add a", pullRequest: null },
          { title: "Add b", pullRequest: 7 },
        ],
      },
    });
    expect(github.callNames()).toEqual(["sourceRefs", "compareSourceCommits"]);
  });

  it("resolves a commit named in the tag", async () => {
    const { github, shas } = sourceRepository();
    const tag = `main-${(shas[1] as string).slice(0, 7)}`;
    const changelogs = await sourceChangelogs(github, GITOPS, cfg, promotion("1.4.1", tag));
    expect(changelogs.get(API)).toMatchObject({ status: "read", to: { version: tag, ref: { ref: (shas[1] as string).slice(0, 7), sha: shas[1] } } });
  });

  it("keeps a complete changelog per account: the same pair is read once for one account, and again for another", async () => {
    const { github } = sourceRepository();
    await sourceChangelogs(github, GITOPS, cfg, promotion("1.4.1", "1.4.2"));
    await sourceChangelogs(github, { owner: "ACME", repo: "other-gitops" }, cfg, promotion("1.4.1", "1.4.2"));
    expect(github.callNames()).toEqual(["sourceRefs", "compareSourceCommits"]);
    await sourceChangelogs(github, { owner: "globex", repo: "gitops" }, cfg, promotion("1.4.1", "1.4.2"));
    expect(github.callNames()).toEqual(["sourceRefs", "compareSourceCommits", "sourceRefs", "compareSourceCommits"]);
  });

  it("asks again for a version that did not resolve (its tag may come later)", async () => {
    const { github } = sourceRepository();
    const first = await sourceChangelogs(github, GITOPS, cfg, promotion("1.4.1", "1.4.3"));
    expect(first.get(API)).toMatchObject({ status: "read", to: { ref: null }, between: null });
    await sourceChangelogs(github, GITOPS, cfg, promotion("1.4.1", "1.4.3"));
    expect(github.callNames()).toEqual(["sourceRefs", "sourceRefs"]);
  });

  it("says a repository the app cannot see is unreadable (denied), and one GitHub failed on unreadable (failed), keeping neither", async () => {
    const missing = new MemoryGitHub();
    expect((await sourceChangelogs(missing, GITOPS, cfg, promotion("1.4.1", "1.4.2"))).get(API)).toEqual({
      status: "unreadable",
      source: "acme/api",
      reason: "denied",
    });
    const failing = (status: number): ChangelogGitHub => ({
      sourceRefs: () => Promise.reject(new GitHubError("read the tags of acme/api", "POST /graphql", status, undefined, "boom")),
      compareSourceCommits: () => Promise.reject(new Error("not reached")),
    });
    expect((await sourceChangelogs(failing(403), GITOPS, cfg, promotion("1.4.1", "1.4.2"))).get(API)).toMatchObject({ reason: "denied" });
    expect((await sourceChangelogs(failing(502), GITOPS, cfg, promotion("1.4.1", "1.4.2"))).get(API)).toMatchObject({ reason: "failed" });
    const { github } = sourceRepository();
    expect((await sourceChangelogs(github, GITOPS, cfg, promotion("1.4.1", "1.4.2"))).get(API)).toMatchObject({ status: "read" });
  });

  it("reads one changelog per image of a grouped promotion, each from its own source", async () => {
    const { github } = sourceRepository();
    const grouped = config(`environments:
  dev: { path: deploy/dev }
images:
  - { name: ${API}, source: acme/api }
  - { name: ghcr.io/acme/worker, source: acme/worker }
pullRequests: { group: environment }
`);
    const images = [change(API, "1.4.1", "1.4.2"), change("ghcr.io/acme/worker", "2.0.0", "2.1.0")];
    const changelogs = await sourceChangelogs(github, GITOPS, grouped, { images });
    expect([...changelogs.keys()]).toEqual([API, "ghcr.io/acme/worker"]);
    expect(changelogs.get(API)).toMatchObject({ status: "read", between: { aheadBy: 2 } });
    expect(changelogs.get("ghcr.io/acme/worker")).toEqual({ status: "unreadable", source: "acme/worker", reason: "denied" });
  });

  it("reads nothing for images without a source or whose tag does not change", async () => {
    const { github } = sourceRepository();
    expect(await sourceChangelogs(github, GITOPS, cfg, promotion("1.4.2", "1.4.2"))).toEqual(new Map());
    expect(github.callNames()).toEqual([]);
  });
});
