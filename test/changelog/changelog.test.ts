import { describe, expect, it } from "vitest";
import { config } from "../plan/helpers.js";
import {
  CHANGELOG_COMMITS,
  CHANGELOG_RELEASES,
  changelogBetween,
  changelogCommit,
  changelogRequests,
  type SourceCommit,
  type SourceRelease,
} from "../../src/engine/changelog/changelog.js";

const sha = (n: number) => n.toString(16).padStart(40, "a");
const commit = (n: number, message = `change ${n}`): SourceCommit => ({ sha: sha(n), message, url: `https://github.com/acme/api/commit/${sha(n)}` });
const release = (tagName: string, commitSha: string | null, fields: Partial<SourceRelease> = {}): SourceRelease => ({
  tagName,
  name: tagName,
  body: `notes of ${tagName}`,
  url: `https://github.com/acme/api/releases/tag/${tagName}`,
  commitSha,
  draft: false,
  ...fields,
});

describe("changelogCommit", () => {
  it("reads the pull request of a squash merge from its title", () => {
    expect(changelogCommit(commit(1, "Fix the cache (#123)\n\n* detail"))).toMatchObject({ title: "Fix the cache", pullRequest: 123 });
  });

  it("reads the pull request of a merge commit, titled by the pull request's title", () => {
    expect(changelogCommit(commit(1, "Merge pull request #45 from acme/fix-cache\n\nFix the cache"))).toMatchObject({
      title: "Fix the cache",
      pullRequest: 45,
    });
    expect(changelogCommit(commit(1, "Merge pull request #45 from acme/fix-cache"))).toMatchObject({
      title: "Merge pull request #45 from acme/fix-cache",
      pullRequest: 45,
    });
  });

  it("reads no pull request elsewhere in the message", () => {
    expect(changelogCommit(commit(1, "Fix #123 in the cache\n\nSee (#456)"))).toMatchObject({ title: "Fix #123 in the cache", pullRequest: null });
  });
});

describe("changelogBetween", () => {
  const to = { ref: "v1.4.2", sha: sha(3) };

  it("lists at most CHANGELOG_COMMITS commits, and says how many there are", () => {
    const commits = Array.from({ length: 80 }, (_, i) => commit(i + 1));
    const between = changelogBetween(to, { status: "ahead", aheadBy: 300, behindBy: 0, commits }, []);
    expect(between.commits).toHaveLength(CHANGELOG_COMMITS);
    expect(between.commits[0]?.sha).toBe(sha(1));
    expect(between.aheadBy).toBe(300);
  });

  it("keeps the releases whose tag points at a commit between the versions or at the new one, not drafts, at most CHANGELOG_RELEASES", () => {
    const comparison = { status: "ahead" as const, aheadBy: 2, behindBy: 0, commits: [commit(2), commit(3)] };
    const releases = [
      release("v1.5.0", sha(9)),
      release("v1.4.2", sha(3)),
      release("v1.4.2-rc1", sha(2)),
      release("v1.4.2-draft", sha(2), { draft: true }),
      release("v1.4.1", sha(1)),
      release("untagged", null),
    ];
    expect(changelogBetween(to, comparison, releases).releases.map((r) => r.tagName)).toEqual(["v1.4.2", "v1.4.2-rc1"]);
    const many = Array.from({ length: 9 }, (_, i) => release(`v1.4.2-${i}`, sha(3)));
    expect(changelogBetween(to, comparison, many).releases).toHaveLength(CHANGELOG_RELEASES);
  });
});

describe("changelogRequests", () => {
  const cfg = config(`environments:
  dev: { path: deploy/dev }
images:
  - { name: ghcr.io/acme/api, source: acme/api }
  - { name: ghcr.io/acme/worker }
`);
  const change = (image: string, from: string | null, to: string | null) => ({
    image,
    fromVersion: from === null ? null : { tag: from, digest: null },
    toVersion: { tag: to, digest: to === null ? `sha256:${"1".repeat(64)}` : null },
    bump: "other" as const,
  });

  it("asks for images with a source whose tag changes", () => {
    const images = [
      change("ghcr.io/acme/api", "1.4.1", "1.4.2"),
      change("ghcr.io/acme/worker", "1.0.0", "1.0.1"),
      change("ghcr.io/acme/api", null, "1.4.2"),
      change("ghcr.io/acme/api", "1.4.2", "1.4.2"),
      change("ghcr.io/acme/api", "1.4.2", null),
    ];
    expect(changelogRequests(cfg, { images })).toEqual([{ image: "ghcr.io/acme/api", source: "acme/api", fromTag: "1.4.1", toTag: "1.4.2" }]);
  });
});
