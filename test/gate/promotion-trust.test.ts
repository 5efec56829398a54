import { describe, expect, it } from "vitest";
import { changesOnlyPromotionFiles, promotionTrust } from "../../src/engine/gate/promotion-trust.js";
import { readPromotionBody, promotionBodyMarkdown, type Signing } from "../../src/engine/markdown/promotion-body.js";
import type { Promotion } from "../../src/engine/plan/promotion.js";

const SIGNING: Signing = { scope: "acme/gitops", key: Buffer.from("test signing key") };
const HEAD = "a".repeat(40);
const BRANCH = "promenade/production/api";
const APP = "promenade[bot]";

const PROMOTION: Promotion = {
  environment: "production",
  from: "staging",
  images: [{ image: "ghcr.io/acme/api", fromVersion: { tag: "1.3.0", digest: null }, toVersion: { tag: "1.4.0", digest: null }, bump: "minor" }],
  branch: BRANCH,
  title: "Promote api 1.4.0 to production",
  trigger: { kind: "environment-change", environment: "staging" },
};

const SIGNED = promotionBodyMarkdown(PROMOTION, { signing: SIGNING, actor: "bob", commit: { sha: HEAD, files: ["deploy/production/api.yaml"] } });

function trust(body: string, facts: Partial<{ author: string; headBranch: string; headSha: string }> = {}) {
  return promotionTrust({ author: APP, headBranch: BRANCH, headSha: HEAD, ...facts }, readPromotionBody(body, SIGNING), APP);
}

describe("promotionTrust", () => {
  it("believes a promotion Promenade opened, signed, and whose head is its own commit", () => {
    expect(trust(SIGNED)).toMatchObject({ kind: "promotion", data: { actor: "bob", commit: HEAD } });
  });

  it("takes a pull request a person opened as hand-made, whatever block its body holds", () => {
    expect(trust(SIGNED, { author: "mallory" })).toEqual({ kind: "hand-made" });
    expect(trust(SIGNED.replace('"actor":"bob"', '"actor":"eve"'), { author: "mallory" })).toEqual({ kind: "hand-made" });
  });

  it.each([
    ["its block edited", SIGNED.replace('"actor":"bob"', '"actor":"eve"'), {}, "Promenade's data in the pull request's body was changed by hand"],
    ["its block removed", "Promote api", {}, "Promenade's data was removed from the pull request's body"],
    ["a block of another branch", SIGNED, { headBranch: "promenade/production/worker" }, "the pull request's body holds Promenade's data of another branch"],
    ["commits pushed after Promenade's", SIGNED, { headSha: "b".repeat(40) }, "commits were pushed to the branch after Promenade's own"],
  ])("calls a promotion PR changed with %s", (_, body, facts, reason) => {
    expect(trust(body, facts)).toMatchObject({ kind: "changed", reason });
  });

  it("keeps the authentic data of a promotion whose branch gained commits, for what it proposed", () => {
    expect(trust(SIGNED, { headSha: "b".repeat(40) })).toMatchObject({ kind: "changed", data: { actor: "bob" } });
  });

  it("compares the app's login without regard to case", () => {
    expect(trust(SIGNED, { author: "Promenade[bot]" }).kind).toBe("promotion");
  });
});

describe("changesOnlyPromotionFiles", () => {
  const data = { ...(trust(SIGNED) as { data: Parameters<typeof changesOnlyPromotionFiles>[0] }).data };

  it("accepts exactly the promotion's files", () => {
    expect(changesOnlyPromotionFiles(data, ["deploy/production/api.yaml"])).toBe(true);
  });

  it.each([
    ["one more file", ["deploy/production/api.yaml", "deploy/base/deployment.yaml"]],
    ["another file", ["deploy/base/deployment.yaml"]],
    ["no file", []],
  ])("refuses %s", (_, files) => {
    expect(changesOnlyPromotionFiles(data, files)).toBe(false);
  });

  it("refuses data that names no files", () => {
    expect(changesOnlyPromotionFiles({ ...data, files: [] }, [])).toBe(false);
  });
});
