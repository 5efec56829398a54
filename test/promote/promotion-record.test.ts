import { describe, expect, it } from "vitest";
import { readPromotionBody } from "../../src/engine/markdown/promotion-body.js";
import { signingFor } from "../../src/promote/promotion-record.js";
import { API_TO_PRODUCTION, signedPromotionBody } from "../handlers/promotion-mocks.js";

describe("signingFor", () => {
  const body = signedPromotionBody(API_TO_PRODUCTION, "e".repeat(40), ["deploy/production/values.yaml"]);

  it("verifies a block written in a repository however its name is spelled: GitHub's names are case-insensitive, and events and look-ups spell them differently", () => {
    expect(readPromotionBody(body, signingFor({ owner: "acme", repo: "gitops" })).status).toBe("valid");
    expect(readPromotionBody(body, signingFor({ owner: "Acme", repo: "GitOps" })).status).toBe("valid");
  });

  it("still refuses a block written in another repository", () => {
    expect(readPromotionBody(body, signingFor({ owner: "acme", repo: "gitops-copy" })).status).toBe("forged");
  });
});
