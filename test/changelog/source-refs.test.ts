import { describe, expect, it } from "vitest";
import { commitsInTag, refCandidates, resolvedRef } from "../../src/engine/changelog/source-refs.js";

const SHA = "1a2b3c4d".padEnd(40, "0");

describe("refCandidates", () => {
  it("tries the tag as written, then with a v", () => {
    expect(refCandidates("1.4.2")).toEqual([
      { kind: "tag", name: "1.4.2" },
      { kind: "tag", name: "v1.4.2" },
    ]);
  });

  it("adds a v only before a digit", () => {
    expect(refCandidates("v1.4.2")).toEqual([{ kind: "tag", name: "v1.4.2" }]);
    expect(refCandidates("latest")).toEqual([{ kind: "tag", name: "latest" }]);
  });

  it("tries the commit a tag holds after the tag names", () => {
    expect(refCandidates("main-1a2b3c4")).toEqual([
      { kind: "tag", name: "main-1a2b3c4" },
      { kind: "commit", sha: "1a2b3c4" },
    ]);
  });
});

describe("commitsInTag", () => {
  it.each([
    ["main-1a2b3c4", ["1a2b3c4"]],
    ["sha-1A2B3C4D", ["1a2b3c4d"]],
    ["1a2b3c4", ["1a2b3c4"]],
    [`build_${SHA}`, [SHA]],
    ["1.4.2+1a2b3c4", ["1a2b3c4"]],
    ["main-1a2b3c4-20240501", ["1a2b3c4"]],
  ])("reads %s as %j", (tag, commits) => {
    expect(commitsInTag(tag)).toEqual(commits);
  });

  it.each([
    ["1.2.3", "too short"],
    ["v1.2.3-20240501", "only digits: a date"],
    ["1234567", "only digits: a build number"],
    ["deadbeef", "only letters: a word"],
    ["main-cafebabe", "only letters: a word"],
    ["main-1a2b3c", "six characters"],
    [`main-${SHA}0`, "41 characters"],
    ["main1a2b3c4", "not a part of its own"],
    ["latest", "not hexadecimal"],
  ])("reads no commit in %s (%s)", (tag) => {
    expect(commitsInTag(tag)).toEqual([]);
  });

  it("reads at most two commits", () => {
    expect(commitsInTag("1a2b3c4-2b3c4d5-3c4d5e6")).toEqual(["1a2b3c4", "2b3c4d5"]);
  });
});

describe("resolvedRef", () => {
  const answers = { tags: new Map([["v1.4.2", "b".repeat(40)]]), commits: new Map([["1a2b3c4", SHA]]) };

  it("takes the first candidate that resolved", () => {
    expect(resolvedRef(refCandidates("1.4.2"), answers)).toEqual({ ref: "v1.4.2", sha: "b".repeat(40) });
    expect(resolvedRef(refCandidates("main-1a2b3c4"), answers)).toEqual({ ref: "1a2b3c4", sha: SHA });
  });

  it("prefers a tag to a commit", () => {
    const both = { tags: new Map([["main-1a2b3c4", "c".repeat(40)]]), commits: answers.commits };
    expect(resolvedRef(refCandidates("main-1a2b3c4"), both)).toEqual({ ref: "main-1a2b3c4", sha: "c".repeat(40) });
  });

  it("is null when nothing resolved", () => {
    expect(resolvedRef(refCandidates("1.4.9"), answers)).toBeNull();
  });
});
