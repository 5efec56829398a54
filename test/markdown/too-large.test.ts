import { describe, expect, it } from "vitest";
import { boundedDiff } from "../../src/engine/markdown/bounded-diff.js";
import { policyCheckMarkdown } from "../../src/engine/markdown/policy-check.js";
import { reviewCommentMarkdown } from "../../src/engine/markdown/review-comment.js";
import type { EnvironmentReview } from "../../src/engine/review/review.js";

/** `count` lines `key-<i>: <value> <i>`. */
function lines(count: number, value: string): string {
  return Array.from({ length: count }, (_, i) => `key-${i}: ${value} ${i}\n`).join("");
}

/** A review of dev whose one file and rendered manifests changed too much to diff line by line. */
function tooLargeReview(): EnvironmentReview {
  const file = boundedDiff("deploy/dev/big.yaml", lines(3000, "old"), lines(30_000, "new"));
  const rendered = boundedDiff("deploy/dev (rendered)", lines(3000, "old"), lines(30_000, "new"));
  return {
    environment: "dev",
    gated: false,
    files: [{ path: "deploy/dev/big.yaml", status: "modified", diff: file.diff, added: file.added, removed: file.removed, masked: 0, tooLarge: true }],
    images: [],
    drift: [],
    policy: { environment: "dev", results: [] },
    problems: [],
    rendered: { status: "rendered", tool: "kustomize", diff: rendered.diff, tooLarge: true },
  };
}

describe("a review too large to diff line by line", () => {
  it("says in the comment that the diffs are too large to show, and points to the check run", () => {
    const comment = reviewCommentMarkdown([tooLargeReview()]);
    expect(comment).toContain("- `deploy/dev/big.yaml` (modified, +30000 −3000): too large to show, see the `promenade/policy` check run.");
    expect(comment).toContain("**Rendered manifests** (kustomize): too large to show, see the `promenade/policy` check run.");
    expect(comment).not.toContain("```diff");
  });

  it("carries as much of the change as fits in the check run's text", () => {
    const { text } = policyCheckMarkdown([tooLargeReview()]);
    expect(text.length).toBeLessThanOrEqual(65_535);
    expect(text).toContain("--- a/deploy/dev/big.yaml\n+++ b/deploy/dev/big.yaml\n@@ -1,3000 +1,30000 @@\n-key-0: old 0\n");
  });
});
