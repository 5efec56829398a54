import { describe, expect, it } from "vitest";
import { compilePattern, MAX_PATTERN_LENGTH, patternError } from "../../src/engine/config/pattern.js";
import { issuesOf, withEnvironments } from "./config-issues.js";

const LOOKBEHIND = "RE2, the linear-time engine that runs patterns, has no lookbehind such as (?<=x) or (?<!x)";
const BACKREFERENCES = "RE2, the linear-time engine that runs patterns, has no backreferences such as \\1";

function matches(source: string, text: string): boolean {
  const pattern = compilePattern(source);
  if (pattern === null) throw new Error(`${source} does not compile`);
  return pattern(text);
}

describe("config patterns", () => {
  it("are not anchored: they match anywhere in the tag unless ^ and $ say otherwise", () => {
    expect(matches("main-", "feature-main-1a2b3c4")).toBe(true);
    expect(matches("^main-[0-9a-f]{7}$", "main-1a2b3c4")).toBe(true);
    expect(matches("^main-[0-9a-f]{7}$", "main-1a2b3c4-debug")).toBe(false);
    expect(matches("-debug$", "1.2.0-debug")).toBe(true);
  });

  it("take RE2 syntax: classes, repetition, alternation, flags", () => {
    expect(matches("^v\\d+\\.\\d+$", "v1.20")).toBe(true);
    expect(matches("^(?:rc|beta)-\\w+$", "beta-x_1")).toBe(true);
    expect(matches("(?i)^MAIN", "main-1")).toBe(true);
    expect(matches("^\\p{L}+$", "éte")).toBe(true);
  });

  it("run in linear time: a pattern that backtracks exponentially in JavaScript answers on a 10,000-character tag", () => {
    const tag = `${"a".repeat(10_000)}b`;
    expect(matches("^(a+)+$", tag)).toBe(false);
    expect(matches("^(a+)+$", "a".repeat(10_000))).toBe(true);
    expect(matches("^(a|aa)+$", tag)).toBe(false);
    expect(matches("(x+x+)+y", "x".repeat(10_000))).toBe(false);
  });

  it("say why a pattern does not compile, without quoting it", () => {
    expect(patternError("^main-[0-9a-f]{7}$")).toBeNull();
    expect(patternError("^main-[")).toBe("missing closing ]");
    expect(patternError("(")).toBe("missing closing )");
    expect(patternError("a{2,1}")).toBe("invalid repeat count");
    expect(compilePattern("(")).toBeNull();
  });

  it("are at most 1000 characters, refused before compiling", () => {
    expect(MAX_PATTERN_LENGTH).toBe(1000);
    expect(patternError("a".repeat(1000))).toBeNull();
    expect(patternError(`(${"a".repeat(1000)}`)).toBe("longer than the 1000 characters a pattern may have");
    expect(compilePattern("a".repeat(1001))).toBeNull();
  });

  it("refuse what needs backtracking, saying so", () => {
    expect(patternError("(?<=main-)[0-9a-f]{7}$")).toBe(LOOKBEHIND);
    expect(patternError("^(?<!rc)-final$")).toBe(LOOKBEHIND);
    expect(patternError("^main-(?!0000000)")).toBe("RE2, the linear-time engine that runs patterns, has no lookahead such as (?=x) or (?!x)");
    expect(patternError("^(a)\\1$")).toBe(BACKREFERENCES);
    expect(patternError("^(?<n>a)\\k<n>$")).toBe(BACKREFERENCES);
  });

  it("are config errors at their key path when they do not compile", () => {
    expect(
      issuesOf(
        withEnvironments(`images:
  - name: ghcr.io/acme/worker
    tags: { allow: "(?<=main-)[0-9a-f]{7}$", deny: "(a)\\\\1" }
`),
      ),
    ).toEqual([
      `images[0].tags.allow: expected a regular expression that compiles: ${LOOKBEHIND}`,
      `images[0].tags.deny: expected a regular expression that compiles: ${BACKREFERENCES}`,
    ]);
  });
});
