import { describe, expect, it } from "vitest";
import { boundedDiff, MAX_COARSE_DIFF_CHARS, MAX_DIFF_CHARS, MAX_DIFF_EDITS } from "../../src/engine/markdown/bounded-diff.js";
import { unifiedDiff } from "../../src/engine/markdown/file-diff.js";
import { fenced } from "../../src/engine/markdown/syntax.js";
import { applyDiff } from "./apply-diff.js";

/** `count` lines `<prefix><i>: value <i>`, each ending with a newline. */
function numbered(prefix: string, count: number, from = 0): string {
  return Array.from({ length: count }, (_, i) => `${prefix}${from + i}: value ${from + i}\n`).join("");
}

describe("boundedDiff", () => {
  it("is unifiedDiff, with its counts, while the change is within bounds", () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    for (let run = 0; run < 200; run++) {
      const old = Array.from({ length: random(25) }, () => `l${random(6)}`);
      const next = old.flatMap((line) => [[], [line], [line], [line, `n${random(3)}`], [`x${random(3)}`]][random(5)] as string[]);
      const before = old.join("\n") + (old.length > 0 && random(5) > 0 ? "\n" : "");
      const after = next.join("\n") + (next.length > 0 && random(5) > 0 ? "\n" : "");
      const diff = unifiedDiff("f", before, after);
      const bounded = boundedDiff("f", before, after);
      expect(bounded).toEqual({
        diff,
        added: (diff.match(/^\+(?!\+\+ b\/)/gm) ?? []).length,
        removed: (diff.match(/^-(?!-- a\/)/gm) ?? []).length,
        tooLarge: false,
      });
    }
  });

  it("shows a file of more than MAX_DIFF_EDITS lines added, removed or inserted whole, exactly as unifiedDiff does", () => {
    const big = numbered("key", MAX_DIFF_EDITS + 1000);
    const inserted = `${numbered("head", 10)}${big}${numbered("tail", 10)}`;
    for (const [before, after] of [
      ["", big],
      [big, ""],
      [`${numbered("head", 10)}${numbered("tail", 10)}`, inserted],
    ] as const) {
      const bounded = boundedDiff("f", before, after);
      expect(bounded.tooLarge).toBe(false);
      expect(bounded.diff).toBe(unifiedDiff("f", before, after));
      expect(applyDiff(before, bounded.diff)).toBe(after);
    }
    expect(boundedDiff("f", "", big)).toMatchObject({ added: MAX_DIFF_EDITS + 1000, removed: 0 });
  });

  it("shows a change of more than MAX_DIFF_EDITS lines as its region replaced whole, a diff that still applies", () => {
    const before = `${numbered("head", 5)}${numbered("old", 1200)}${numbered("tail", 5)}`;
    const after = `${numbered("head", 5)}${numbered("new", 1200)}${numbered("tail", 5)}`.replace(/\n$/, "");
    const bounded = boundedDiff("f", before, after);
    expect(bounded).toMatchObject({ tooLarge: true, added: 1205, removed: 1205 });
    expect(bounded.diff.split("\n").slice(0, 4)).toEqual(["--- a/f", "+++ b/f", "@@ -3,1208 +3,1208 @@", " head2: value 2"]);
    expect(bounded.diff).toContain("\n-tail4: value 4\n+new0: value 0\n");
    expect(bounded.diff.endsWith("\n+tail4: value 4\n\\ No newline at end of file\n")).toBe(true);
    expect(applyDiff(before, bounded.diff)).toBe(after);
  });

  it("cuts a 3,000-line file rewritten into a 30,000-line one to MAX_COARSE_DIFF_CHARS, saying how much is left out", () => {
    const before = numbered("key", 3000);
    const after = Array.from({ length: 30_000 }, (_, i) => (i % 10 === 5 && i < 3000 ? `key${i}: value ${i}\n` : `key${i}: other ${i}\n`)).join("");
    const bounded = boundedDiff("deploy/dev/big.yaml", before, after);
    expect(bounded).toMatchObject({ tooLarge: true, added: 30_000, removed: 3000 });
    expect(bounded.diff.length).toBeLessThan(MAX_COARSE_DIFF_CHARS + 200);
    expect(bounded.diff.startsWith("--- a/deploy/dev/big.yaml\n+++ b/deploy/dev/big.yaml\n@@ -1,3000 +1,30000 @@\n-key0: value 0\n")).toBe(true);
    expect(bounded.diff.split("\n").at(-2)).toMatch(/^… [\d,]+ more lines of this change, too large to show$/);
  });

  it("shows and fences a file of 500,000 lines added whole, more lines and backtick runs than a call takes arguments", () => {
    const lines = "`\n".repeat(500_000);
    const bounded = boundedDiff("f", "", lines);
    expect(bounded).toMatchObject({ tooLarge: false, added: 500_000, removed: 0 });
    expect(fenced(bounded.diff, "diff").startsWith("```diff\n--- a/f\n+++ b/f\n@@ -0,0 +1,500000 @@\n+`\n")).toBe(true);
  });

  it("does not diff line by line a side longer than MAX_DIFF_CHARS, even one added whole", () => {
    const huge = numbered("key", Math.ceil(MAX_DIFF_CHARS / 15));
    expect(huge.length).toBeGreaterThan(MAX_DIFF_CHARS);
    const bounded = boundedDiff("f", "", huge);
    expect(bounded.tooLarge).toBe(true);
    expect(bounded.diff.length).toBeLessThan(MAX_COARSE_DIFF_CHARS + 200);
  });
});
