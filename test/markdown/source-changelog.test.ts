/** The changelog of a promotion PR body: what it says, that people's text in it is inert, and that it keeps the body within GitHub's limit. */
import { describe, expect, it } from "vitest";
import { only } from "../plan/helpers.js";
import { imagePromotion } from "../../src/engine/plan/build-promotion.js";
import { groupPromotions } from "../../src/engine/plan/group-promotions.js";
import type { Promotion } from "../../src/engine/plan/promotion.js";
import { BODY_LIMIT, promotionBodyMarkdown } from "../../src/engine/markdown/promotion-body.js";
import { changelogBetween, type SourceChangelog, type SourceCommit, type SourceRelease } from "../../src/engine/changelog/changelog.js";

const API = "ghcr.io/acme/api";
const sha = (n: number) => `${n.toString(16).padStart(7, "0")}${"f".repeat(33)}`;
const commit = (n: number, message: string): SourceCommit => ({ sha: sha(n), message, url: `https://github.com/acme/api/commit/${sha(n)}` });
const release = (tagName: string, commitSha: string, body: string, name: string | null = tagName): SourceRelease => ({
  tagName,
  name,
  body,
  url: `https://github.com/acme/api/releases/tag/${tagName}`,
  commitSha,
  draft: false,
});

const toStaging = (image: string, from: string, to: string): Promotion =>
  imagePromotion({
    environment: "staging",
    from: "dev",
    image,
    slug: image.slice(image.lastIndexOf("/") + 1),
    fromVersion: { tag: from, digest: null },
    toVersion: { tag: to, digest: null },
    trigger: { kind: "environment-change", environment: "dev" },
  });

/** The changelog of acme/api between v1.4.1 and v1.4.2 with `commits` and `releases`. */
function read(commits: SourceCommit[], releases: SourceRelease[] = [], aheadBy = commits.length, source = "acme/api"): SourceChangelog {
  const to = { ref: "v1.4.2", sha: sha(2) };
  return {
    status: "read",
    source,
    from: { version: "1.4.1", ref: { ref: "v1.4.1", sha: sha(0) } },
    to: { version: "1.4.2", ref: to },
    between: changelogBetween(to, { status: "ahead", aheadBy, behindBy: 0, commits }, releases),
  };
}

/** The "Changes" section of the body of `promotion` with `changelogs`. */
function changes(promotion: Promotion, changelogs: Map<string, SourceChangelog>): string {
  const body = promotionBodyMarkdown(promotion, { changelogs });
  return body.slice(body.indexOf("Changes:"), body.indexOf("<!-- promenade"));
}

describe("the changelog of a promotion PR body", () => {
  it("lists the commits between the two refs with their pull requests, and the release notes", () => {
    const changelog = read(
      [commit(1, "Fix the cache (#12)"), commit(2, "Merge pull request #13 from acme/retry\n\nRetry on 502")],
      [release("v1.4.2", sha(2), "## Fixes\n- the cache\n\nThanks!", "Spring")],
    );
    expect(changes(toStaging(API, "1.4.1", "1.4.2"), new Map([[API, changelog]]))).toMatchInlineSnapshot(`
      "Changes:
      **\`ghcr.io/acme/api\`** in [acme/api \`v1.4.1\`...\`v1.4.2\`](https://github.com/acme/api/compare/v1.4.1...v1.4.2): 2 commits.
      - [\`0000001\`](https://github.com/acme/api/commit/0000001fffffffffffffffffffffffffffffffff) Fix the cache ([acme/api#&#8203;12](https://github.com/acme/api/pull/12))
      - [\`0000002\`](https://github.com/acme/api/commit/0000002fffffffffffffffffffffffffffffffff) Retry on 502 ([acme/api#&#8203;13](https://github.com/acme/api/pull/13))

      Release [\`v1.4.2\`: Spring](https://github.com/acme/api/releases/tag/v1.4.2):
      > #&#8203;#&#8203; Fixes
      > \\- the cache
      >
      > Thanks!

      "
    `);
  });

  it("writes commit titles inert: no mention, no HTML, no link, no reference", () => {
    const text = changes(toStaging(API, "1.4.1", "1.4.2"), new Map([[API, read([commit(1, "@everyone <img src=x> [x](https://evil) #5")])]]));
    expect(text).toContain("@&#8203;everyone &lt;img src=x&gt; \\[x\\](https:&#8203;//evil) #&#8203;5");
    expect(text).not.toMatch(/@everyone|<img|\]\(https:\/\/evil|#5/);
  });

  it("writes release notes inert, each line quoted", () => {
    const notes = "@everyone please\n<img src=x>\n> [!WARNING]\n| a | b |\n# Heading\n[link](https://evil)\n```\ncode";
    const text = changes(toStaging(API, "1.4.1", "1.4.2"), new Map([[API, read([commit(2, "Release")], [release("v1.4.2", sha(2), notes, "@acme/sre <b>")])]]));
    expect(text).toContain("Release [`v1.4.2`: @&#8203;acme/sre &lt;b&gt;](https://github.com/acme/api/releases/tag/v1.4.2):");
    expect(text).toContain(
      [
        "> @&#8203;everyone please",
        "> &lt;img src=x&gt;",
        "> &gt; \\[!WARNING\\]",
        "> \\| a \\| b \\|",
        "> #&#8203; Heading",
        "> \\[link\\](https:&#8203;//evil)",
        "> \\`\\`\\`",
        "> code",
      ].join("\n"),
    );
    expect(text).not.toMatch(/@everyone|@acme|<img|<b>|\]\(https:\/\/evil/);
  });

  it("cuts long commit titles and release notes", () => {
    const notes = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n");
    const text = changes(toStaging(API, "1.4.1", "1.4.2"), new Map([[API, read([commit(2, "x".repeat(500))], [release("v1.4.2", sha(2), notes)])]]));
    expect(text).toContain(`${"x".repeat(199)}…`);
    expect(text).not.toContain("x".repeat(200));
    expect(text).toContain("> line 39\n> … (cut: the release page has the rest)");
    expect(text).not.toContain("line 40");
  });

  it("lists at most 50 commits and says how many more there are", () => {
    const commits = Array.from({ length: 100 }, (_, i) => commit(i + 1, `change ${i + 1}`));
    const text = changes(toStaging(API, "1.4.1", "1.4.2"), new Map([[API, read(commits, [], 320)]]));
    expect(text.match(/^- \[/gm)).toHaveLength(50);
    expect(text).toContain(") change 50\n");
    expect(text).not.toContain(") change 51");
    expect(text).toContain("320 commits.");
    expect(text).toContain("- … and 270 more commits: see the compare link.");
  });

  it("says plainly which version did not resolve, and then lists nothing and links no comparison", () => {
    const changelog: SourceChangelog = {
      status: "read",
      source: "acme/api",
      from: { version: "1.4.1", ref: { ref: "v1.4.1", sha: sha(0) } },
      to: { version: "main-1a2b3c4", ref: null },
      between: null,
    };
    expect(changes(toStaging(API, "1.4.1", "main-1a2b3c4"), new Map([[API, changelog]]))).toBe(
      "Changes:\n**`ghcr.io/acme/api`**: Promenade could not resolve `main-1a2b3c4` in acme/api (no tag `main-1a2b3c4` and no commit `1a2b3c4`). So no changes are listed.\n\n",
    );
  });

  it("says plainly that the source repository could not be read", () => {
    const denied = changes(toStaging(API, "1.4.1", "1.4.2"), new Map([[API, { status: "unreadable", source: "acme/api", reason: "denied" }]]));
    expect(denied).toContain("Promenade could not read acme/api: the repository does not exist or the app's installation cannot read it");
    expect(denied).not.toContain("compare");
    const failed = changes(toStaging(API, "1.4.1", "1.4.2"), new Map([[API, { status: "unreadable", source: "acme/api", reason: "failed" }]]));
    expect(failed).toContain("Promenade could not read acme/api just now (GitHub failed)");
  });

  it("says when the new version is behind the old one", () => {
    const to = { ref: "v1.4.0", sha: sha(2) };
    const changelog: SourceChangelog = {
      status: "read",
      source: "acme/api",
      from: { version: "1.4.1", ref: { ref: "v1.4.1", sha: sha(0) } },
      to: { version: "1.4.0", ref: to },
      between: changelogBetween(to, { status: "behind", aheadBy: 0, behindBy: 3, commits: [] }, []),
    };
    expect(changes(toStaging(API, "1.4.1", "1.4.0"), new Map([[API, changelog]]))).toContain(
      "): the new version is 3 commits behind the old one, so it brings no new commit.",
    );
  });

  it("shows one changelog per image of a grouped PR, and keeps the body under GitHub's limit however long they are", () => {
    const images = ["ghcr.io/acme/api", "ghcr.io/acme/worker", "ghcr.io/acme/web"];
    const grouped = only(
      groupPromotions(
        { pullRequests: { group: "environment", labels: [], pinDigests: false } },
        images.map((image) => toStaging(image, "1.4.1", "1.4.2")),
      ),
    );
    const hostile = "@everyone <img> ".repeat(40);
    const commits = Array.from({ length: 50 }, (_, i) => commit(i + 1, hostile));
    const releases = Array.from({ length: 5 }, (_, i) => release(`v1.4.2-${i}`, sha(2), `${"@".repeat(3000)}\n`.repeat(40)));
    const changelogs = new Map(images.map((image) => [image, read(commits, releases, 50, `acme/${image.slice(11)}`)]));
    const body = promotionBodyMarkdown(grouped, { changelogs });
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    for (const image of images) expect(body).toContain(`**\`${image}\`** in [acme/${image.slice(11)} \`v1.4.1\`...\`v1.4.2\``);
    expect(body).toMatch(/- … and \d+ more commits: see the compare link\./);
    expect(body).toContain("<!-- promenade: ");
  });
});
