import { describe, expect, it } from "vitest";
import type { ImagePolicy } from "../../src/engine/config/schema.js";
import { admitVersion } from "../../src/engine/plan/admit-version.js";
import { classifyBump } from "../../src/engine/plan/classify-bump.js";
import { compareVersions } from "../../src/engine/plan/compare-versions.js";
import { formatVersion } from "../../src/engine/plan/format-version.js";
import type { Version } from "../../src/engine/plan/promotion.js";
import { semverOfTag } from "../../src/engine/plan/semver-tag.js";

const v = (tag: string | null, digest: string | null = null): Version => ({ tag, digest });
const D1 = `sha256:${"a".repeat(64)}`;
const D2 = `sha256:${"b".repeat(64)}`;
const policy = (extra: Partial<ImagePolicy>): ImagePolicy => ({ name: "ghcr.io/acme/api", ...extra });

describe("semverOfTag", () => {
  it.each([
    ["1.2.3", "1.2.3"],
    ["v1.2.3", "1.2.3"],
    ["1.3.0-rc.1", "1.3.0-rc.1"],
    ["v0.8.0", "0.8.0"],
  ])("reads %s as %s", (tag, version) => {
    expect(semverOfTag(tag)?.version).toBe(version);
  });

  it.each(["1.2", "3.10", "1.2.3.4", "01.2.3", "V1.2.3", "=1.2.3", "latest", "main-4f9c2ab", "1042"])("does not coerce %s", (tag) => {
    expect(semverOfTag(tag)).toBeNull();
  });

  it("has no version without a tag", () => {
    expect(semverOfTag(null)).toBeNull();
  });
});

describe("admitVersion", () => {
  const ranged = policy({ versions: ">=1.0.0 <2.0.0" });

  it("admits every version of an image without rules", () => {
    expect(admitVersion(undefined, v("latest"))).toBeNull();
    expect(admitVersion(policy({ source: "acme/api" }), v(null, D1))).toBeNull();
  });

  it("admits tags inside the semver range, with or without a v prefix", () => {
    expect(admitVersion(ranged, v("1.4.2"))).toBeNull();
    expect(admitVersion(ranged, v("v1.99.0"))).toBeNull();
  });

  it("refuses tags outside the range, prereleases, and tags that are not versions", () => {
    expect(admitVersion(ranged, v("2.0.0"))).toEqual({ reason: "outside-versions", message: '2.0.0 is outside versions ">=1.0.0 <2.0.0"' });
    expect(admitVersion(ranged, v("0.9.9"))).toEqual({ reason: "outside-versions", message: '0.9.9 is outside versions ">=1.0.0 <2.0.0"' });
    expect(admitVersion(ranged, v("1.5.0-rc.1"))).toEqual({ reason: "outside-versions", message: '1.5.0-rc.1 is outside versions ">=1.0.0 <2.0.0"' });
    expect(admitVersion(ranged, v("latest"))).toEqual({ reason: "not-semver", message: 'latest is not a semantic version (versions: ">=1.0.0 <2.0.0")' });
    expect(admitVersion(ranged, v(null, D1))).toEqual({ reason: "no-tag", message: "the version has no tag to check against the image's versions or tags" });
  });

  it("admits a prerelease when the range names one of the same version", () => {
    expect(admitVersion(policy({ versions: ">=1.5.0-rc.0 <2.0.0" }), v("1.5.0-rc.1"))).toBeNull();
  });

  it("applies tags.allow and tags.deny", () => {
    const tagged = policy({ tags: { allow: "^main-[0-9a-f]{7}", deny: "-debug$" } });
    expect(admitVersion(tagged, v("main-4f9c2ab"))).toBeNull();
    expect(admitVersion(tagged, v("feature-4f9c2ab"))).toEqual({
      reason: "not-allowed",
      message: 'feature-4f9c2ab does not match tags.allow "^main-[0-9a-f]{7}"',
    });
    expect(admitVersion(tagged, v("main-4f9c2ab-debug"))).toEqual({ reason: "denied", message: 'main-4f9c2ab-debug matches tags.deny "-debug$"' });
  });

  it("needs both rules to pass when both are set", () => {
    const both = policy({ versions: "^1.0.0", tags: { allow: "^v" } });
    expect(admitVersion(both, v("v1.2.0"))).toBeNull();
    expect(admitVersion(both, v("1.2.0"))).toEqual({ reason: "not-allowed", message: '1.2.0 does not match tags.allow "^v"' });
    expect(admitVersion(both, v("v2.0.0"))).toEqual({ reason: "outside-versions", message: 'v2.0.0 is outside versions "^1.0.0"' });
  });
});

describe("compareVersions", () => {
  const tagsOnly = policy({ tags: { allow: "^main-" } });

  it("orders semantic versions, v prefix or not", () => {
    expect(compareVersions(undefined, v("1.10.0"), v("1.9.3"))).toBeGreaterThan(0);
    expect(compareVersions(undefined, v("1.4.1"), v("v1.4.2"))).toBeLessThan(0);
    expect(compareVersions(undefined, v("v1.4.2"), v("1.4.2"))).toBe(0);
    expect(compareVersions(undefined, v("1.4.0-rc.1"), v("1.4.0"))).toBeLessThan(0);
  });

  it("ranks a version above a tag without digits, for semver-ordered images only", () => {
    expect(compareVersions(undefined, v("latest"), v("1.4.2"))).toBe(-1);
    expect(compareVersions(policy({ versions: "^1.0.0" }), v("1.4.2"), v("latest"))).toBe(1);
    expect(compareVersions(tagsOnly, v("1.4.2"), v("latest"))).toBeNull();
  });

  it("orders other tags of one shape by their numbers, left to right, for every image", () => {
    expect(compareVersions(undefined, v("3.12"), v("3.11"))).toBe(1);
    expect(compareVersions(tagsOnly, v("2.0"), v("3.0"))).toBe(-1);
    expect(compareVersions(tagsOnly, v("1042"), v("999"))).toBe(1);
    expect(compareVersions(tagsOnly, v("build-7-rc2"), v("build-7-rc10"))).toBe(-1);
    expect(compareVersions(tagsOnly, v("v2"), v("v10"))).toBe(-1);
    expect(compareVersions(tagsOnly, v("1.0.0"), v("2.0.0"))).toBe(-1);
  });

  it("has no order between tags of different shapes, commit SHAs, words, equal numbers or digests alone", () => {
    expect(compareVersions(undefined, v("main-4f9c2ab"), v("main-1d8e07c"))).toBeNull();
    expect(compareVersions(undefined, v("2.0"), v("2.0.1"))).toBeNull();
    expect(compareVersions(undefined, v("3.0"), v("2.0.1"))).toBeNull();
    expect(compareVersions(tagsOnly, v("1.0"), v("1.0-rc1"))).toBeNull();
    expect(compareVersions(tagsOnly, v("stable"), v("edge"))).toBeNull();
    expect(compareVersions(tagsOnly, v("2.01"), v("2.1"))).toBeNull();
    expect(compareVersions(undefined, v(null, D1), v(null, D2))).toBeNull();
    expect(compareVersions(undefined, v(null, D1), v("1.4.2"))).toBeNull();
    expect(compareVersions(tagsOnly, v("main-4f9c2ab"), v("main-4f9c2ab"))).toBe(0);
  });

  it("compares digests only for the same tag", () => {
    expect(compareVersions(undefined, v("1.4.2", D1), v("1.4.2"))).toBe(0);
    expect(compareVersions(undefined, v("1.4.2", D1), v("1.4.2", D1))).toBe(0);
    expect(compareVersions(undefined, v("1.4.2", D1), v("1.4.2", D2))).toBeNull();
    expect(compareVersions(undefined, v("v1.4.2", D1), v("1.4.2", D2))).toBeNull();
    expect(compareVersions(undefined, v("1.4.3", D1), v("1.4.2", D2))).toBe(1);
    expect(compareVersions(tagsOnly, v("main-4f9c2ab", D1), v("main-4f9c2ab", D2))).toBeNull();
  });
});

describe("classifyBump", () => {
  it.each([
    ["1.4.1", "1.4.2", "patch"],
    ["1.4.2", "1.5.0", "minor"],
    ["1.5.0", "2.0.0", "major"],
    ["v0.7.2", "v0.8.0", "minor"],
    ["1.4.2", "1.4.1", "patch"],
    ["1.2.0", "2.0.0-rc.1", "major"],
    ["1.3.0-rc.1", "1.3.0-rc.2", "patch"],
    ["1.3.0-rc.2", "1.3.0", "minor"],
    ["3.11", "3.12", "other"],
    ["main-1d8e07c", "main-4f9c2ab", "other"],
    ["1.4.2", "1.4.2", "other"],
  ])("%s → %s is %s", (from, to, bump) => {
    expect(classifyBump(v(from), v(to))).toBe(bump);
  });

  it("is other without a from version", () => {
    expect(classifyBump(null, v("1.0.0"))).toBe("other");
  });
});

describe("formatVersion", () => {
  it("shows the tag, else a short digest", () => {
    expect(formatVersion(v("1.4.2", D1))).toBe("1.4.2");
    expect(formatVersion(v(null, D1))).toBe("sha256:aaaaaaaaaaaa");
    expect(formatVersion(v(null))).toBe("(none)");
  });
});
