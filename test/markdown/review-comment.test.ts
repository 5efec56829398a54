import { describe, expect, it } from "vitest";
import type { PolicyFinding } from "../../src/engine/policy/index.js";
import { FINDINGS_IN_COMMENT, reviewCommentMarkdown } from "../../src/engine/markdown/review-comment.js";
import type { EnvironmentReview, FileDiff } from "../../src/engine/review/review.js";

/** A review of `environment` (ungated, no from, nothing found) with `overrides`. */
function review(overrides: Partial<EnvironmentReview> = {}): EnvironmentReview {
  return {
    environment: "dev",
    gated: false,
    files: [],
    images: [],
    drift: [],
    policy: { environment: "dev", results: [] },
    problems: [],
    rendered: { status: "skipped", reason: "rendering is turned off" },
    ...overrides,
  };
}

/** A modified file whose diff has `lines` lines: the two header lines, a hunk header, then added lines. */
function changed(path: string, lines: number, text = "x"): FileDiff {
  const body = Array.from({ length: lines - 3 }, (_, i) => `+${text} ${i}`);
  const diff = [`--- a/${path}`, `+++ b/${path}`, `@@ -0,0 +1,${lines - 3} @@`, ...body].join("\n") + "\n";
  return { path, status: "modified", diff, added: lines - 3, removed: 0, masked: 0 };
}

/** `count` error findings of no-latest-tag in deploy/dev/api.yaml, one per line. */
function findings(count: number): PolicyFinding[] {
  return Array.from({ length: count }, (_, i) => ({
    policy: "no-latest-tag",
    severity: "error" as const,
    message: "uses latest",
    file: "deploy/dev/api.yaml",
    line: i + 1,
    object: null,
  }));
}

/** The file diff blocks of a comment: inline (`path` line before a fence) or folded (`<details>`). */
function shapes(comment: string): string[] {
  return [...comment.matchAll(/^(<details><summary><code>[^<]*|`[^`]+` \(modified)/gm)].map((m) => m[1] as string);
}

describe("reviewCommentMarkdown", () => {
  it("shows a small review", () => {
    expect(reviewCommentMarkdown([review({ files: [changed("deploy/dev/a.yaml", 4)] })])).toMatchInlineSnapshot(`
      "<!-- promenade:review -->

      ## Promenade

      This pull request changes 1 file of **dev**.

      ### dev

      **Gate**: none, \`dev\` has no \`requires\`.

      **Policy**: no policy applies to \`dev\`.

      **Image versions**: no image changes version.

      **Files**: 1 file changed (+1 −0)

      \`deploy/dev/a.yaml\` (modified, +1 −0)

      \`\`\`diff
      --- a/deploy/dev/a.yaml
      +++ b/deploy/dev/a.yaml
      @@ -0,0 +1,1 @@
      +x 0
      \`\`\`

      _Rendering of dev skipped: rendering is turned off._
      "
    `);
  });

  it("folds a diff of more than 12 lines in <details>", () => {
    const comment = reviewCommentMarkdown([review({ files: [changed("deploy/dev/twelve.yaml", 12), changed("deploy/dev/thirteen.yaml", 13)] })]);
    expect(shapes(comment)).toEqual(["`deploy/dev/twelve.yaml` (modified", "<details><summary><code>deploy/dev/thirteen.yaml"]);
    expect(comment).toContain("<details><summary><code>deploy/dev/thirteen.yaml</code> (modified, +10 −0), 13 diff lines</summary>\n\n```diff\n");
  });

  it("leaves out the largest diffs first to fit the limit, and says how many", () => {
    const files = [changed("deploy/dev/medium.yaml", 150), changed("deploy/dev/big.yaml", 300), changed("deploy/dev/small.yaml", 5)];
    const full = reviewCommentMarkdown([review({ files })]);
    const one = reviewCommentMarkdown([review({ files })], { limit: full.length - 1000 });
    expect(one.length).toBeLessThanOrEqual(full.length - 1000);
    expect(one).toContain("1 diff (the largest) is left out below.");
    expect(one).toContain("- `deploy/dev/big.yaml` (modified, +297 −0): diff left out, 300 lines.");
    expect(one).toContain("+++ b/deploy/dev/medium.yaml");

    const two = reviewCommentMarkdown([review({ files })], { limit: full.length - 2500 });
    expect(two.length).toBeLessThanOrEqual(full.length - 2500);
    expect(two).toContain("2 diffs (the largest) are left out below.");
    expect(two).toContain("- `deploy/dev/medium.yaml` (modified, +147 −0): diff left out, 150 lines.");
    expect(two).toContain(changed("deploy/dev/small.yaml", 5).diff);
    expect(two).not.toContain("_…cut here");
  });

  it("cuts nothing from a comment exactly at the limit, and exactly fills the limit after a cut", () => {
    const files = [changed("deploy/dev/big.yaml", 100), changed("deploy/dev/small.yaml", 13)];
    const full = reviewCommentMarkdown([review({ files })]);
    expect(reviewCommentMarkdown([review({ files })], { limit: full.length })).toBe(full);
    const cut = reviewCommentMarkdown([review({ files })], { limit: full.length - 1 });
    expect(cut).toContain("1 diff (the largest) is left out below.");
    expect(reviewCommentMarkdown([review({ files })], { limit: cut.length })).toBe(cut);
  });

  it("cuts the comment at the limit when even the text around the diffs is longer", () => {
    const problems = Array.from({ length: 200 }, (_, i) => ({ file: `deploy/dev/f${i}.yaml`, line: 1, message: "not valid YAML" }));
    const comment = reviewCommentMarkdown([review({ problems, policy: null, files: [changed("deploy/dev/a.yaml", 40)] })], { limit: 2000 });
    expect(comment.length).toBeLessThanOrEqual(2000);
    expect(comment).toContain("1 diff (the largest) is left out below.");
    expect(comment.endsWith("\n\n_…cut here: the rest does not fit in one comment; see the `promenade/policy` check run._\n")).toBe(true);
  });

  it("keeps backticks in diffs and paths from breaking fences and code spans", () => {
    const path = "deploy/dev/we`ird.yaml";
    const file = changed(path, 4, "run: ```` echo");
    const comment = reviewCommentMarkdown([review({ files: [file, changed("deploy/dev/<b>.yaml", 13)] })]);
    expect(comment).toContain(`\`\` ${path} \`\` (modified, +1 −0)\n\n\`\`\`\`\`diff\n${file.diff}\`\`\`\`\`\n`);
    expect(comment).toContain("<code>deploy/dev/&lt;b&gt;.yaml</code>");
  });

  it("says rendering was refused and why, the entry as inert code (no mention, link or markup)", () => {
    const refusal = {
      file: "deploy/dev/kustomization.yaml",
      problem: "`resources` entry names a remote location",
      entry: "http://10.0.0.1/x.yaml?@acme/sre`**<b>**",
    };
    const head = reviewCommentMarkdown([review({ rendered: { status: "refused", refusal, beforePullRequest: false } })]);
    expect(head).toContain(
      "**Rendered manifests**: rendering dev refused: `deploy/dev/kustomization.yaml`: `resources` entry names a remote location (`` http://10.0.0.1/x.yaml?@acme/sre`**<b>** ``). Rendering never fetches from the network, reads outside the repository or inflates Helm charts.",
    );
    const base = reviewCommentMarkdown([
      review({
        rendered: {
          status: "refused",
          refusal: { file: "deploy/dev/kustomization.yaml", problem: "`helmCharts` inflates a Helm chart" },
          beforePullRequest: true,
        },
      }),
    ]);
    expect(base).toContain(
      "rendering dev refused (before this pull request): `deploy/dev/kustomization.yaml`: `helmCharts` inflates a Helm chart. Rendering never",
    );
  });

  it(`lists at most ${FINDINGS_IN_COMMENT} findings and says how many more there are`, () => {
    const comment = reviewCommentMarkdown([
      review({
        policy: {
          environment: "dev",
          results: [{ policy: "no-latest-tag", severity: "error", description: "no latest", checked: 60, checkedUnit: "reference", findings: findings(53) }],
        },
      }),
    ]);
    expect(comment).toContain("**Policy**: ❌ 53 errors");
    expect(comment.match(/^\| ❌ error \|/gm)).toHaveLength(FINDINGS_IN_COMMENT);
    expect(comment).toContain("…and 3 more findings: the `promenade/policy` check run annotates them all.");
  });

  it("takes the gate section from the options, or points to the gate check, and says none without requires", () => {
    const reviews = [review({ environment: "staging", gated: true }), review({ environment: "prod", gated: true }), review()];
    const comment = reviewCommentMarkdown(reviews, { gates: new Map([["staging", "**Gate**: 1 approval missing."]]) });
    expect(comment.match(/^\*\*Gate\*\*.*$/gm)).toEqual([
      "**Gate**: 1 approval missing.",
      "**Gate**: the `promenade/gate` check on the head commit says what this pull request still needs.",
      "**Gate**: none, `dev` has no `requires`.",
    ]);
  });
});
