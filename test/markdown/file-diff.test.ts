import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/engine/markdown/file-diff.js";
import { applyDiff } from "./apply-diff.js";

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a.yaml", "x: 1\n", "x: 1\n")).toBe("");
  });

  it("shows a changed line with three lines of context, as diff -u does", () => {
    const before = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const after = before.replace("line 6\n", "line six\n");
    expect(unifiedDiff("deploy/dev/values.yaml", before, after)).toMatchInlineSnapshot(`
      "--- a/deploy/dev/values.yaml
      +++ b/deploy/dev/values.yaml
      @@ -3,7 +3,7 @@
       line 3
       line 4
       line 5
      -line 6
      +line six
       line 7
       line 8
       line 9
      "
    `);
  });

  it("joins changes whose context meets and splits those further apart", () => {
    const before = Array.from({ length: 20 }, (_, i) => `${i + 1}`).join("\n") + "\n";
    const after = before.replace("\n2\n", "\n2b\n").replace("\n8\n", "\n8b\n").replace("\n17\n", "\n").replace(/20\n$/, "20\n21\n");
    expect(unifiedDiff("f", before, after)).toMatchInlineSnapshot(`
      "--- a/f
      +++ b/f
      @@ -1,11 +1,11 @@
       1
      -2
      +2b
       3
       4
       5
       6
       7
      -8
      +8b
       9
       10
       11
      @@ -14,7 +14,7 @@
       14
       15
       16
      -17
       18
       19
       20
      +21
      "
    `);
    expect(applyDiff(before, unifiedDiff("f", before, after))).toBe(after);
  });

  it("marks a missing final newline, on either side", () => {
    expect(unifiedDiff("f", "a\nb", "a\nc")).toMatchInlineSnapshot(`
      "--- a/f
      +++ b/f
      @@ -1,2 +1,2 @@
       a
      -b
      \\ No newline at end of file
      +c
      \\ No newline at end of file
      "
    `);
    expect(unifiedDiff("f", "a\nb", "a\nb\n")).toMatchInlineSnapshot(`
      "--- a/f
      +++ b/f
      @@ -1,2 +1,2 @@
       a
      -b
      \\ No newline at end of file
      +b
      "
    `);
  });

  it("numbers empty ranges by the line before them", () => {
    expect(unifiedDiff("f", "", "a\n")).toBe("--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n");
    expect(unifiedDiff("f", "a\nb\n", "b\n")).toBe("--- a/f\n+++ b/f\n@@ -1,2 +1 @@\n-a\n b\n");
  });

  it("keeps the carriage returns of CRLF lines", () => {
    expect(unifiedDiff("f", "tag: 1.0\r\n", "tag: 1.1\r\n")).toBe("--- a/f\n+++ b/f\n@@ -1 +1 @@\n-tag: 1.0\r\n+tag: 1.1\r\n");
  });

  it("gives diffs that apply to the old text and give the new one", () => {
    let seed = 1;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    for (let run = 0; run < 500; run++) {
      const old = Array.from({ length: random(25) }, () => `l${random(6)}`);
      const next = old.flatMap((line) => [[], [line], [line], [line, `n${random(3)}`], [`x${random(3)}`]][random(5)] as string[]);
      const before = old.join("\n") + (old.length > 0 && random(5) > 0 ? "\n" : "");
      const after = next.join("\n") + (next.length > 0 && random(5) > 0 ? "\n" : "");
      expect(applyDiff(before, unifiedDiff("f", before, after))).toBe(after);
    }
  });

  it("stays correct for a large file with lines changed far apart", () => {
    const before = Array.from({ length: 30_000 }, (_, i) => `key${i}: value`).join("\n") + "\n";
    const after = before.replace("key10: value", "key10: changed").replace("key29990: value", "key29990: changed");
    const diff = unifiedDiff("big.yaml", before, after);
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(applyDiff(before, diff)).toBe(after);
  });

  it("shows texts that differ in more than a thousand lines as removed and added whole", () => {
    const before = Array.from({ length: 800 }, (_, i) => `a${i}`).join("\n") + "\n";
    const after = `head\n${Array.from({ length: 800 }, (_, i) => `b${i}`).join("\n")}\n`;
    const diff = unifiedDiff("f", before, after);
    expect(diff.startsWith("--- a/f\n+++ b/f\n@@ -1,800 +1,801 @@\n-a0\n")).toBe(true);
    expect(applyDiff(before, diff)).toBe(after);
  });
});
