import { describe, expect, it } from "vitest";
import { MASKED } from "../../src/engine/diff/mask-secrets.js";
import { useNockGuard } from "../helpers/github-mock.js";
import { createPromotionApp } from "./app.js";
import { FixtureRepo } from "./fixture-repo.js";
import { BASE_SHA, mockCheckRuns, mockHeadCheckRuns, mockReviewComment, policyCheck, pullRequestEvent, reviewComment, serveReview } from "./review-mocks.js";

useNockGuard();

const HEAD = "5ec2e7".padEnd(40, "0");

/** The clear values the pull request adds: under Helm values' extraObjects, and in a kustomize inline patch. */
const VALUES = ["helm-extra-objects-Pa55", "aGVsbS1leHRyYS1vYmplY3RzLXRva2Vu", "inline-patch-db-Pa55word"];

const HELM_VALUES = `image:
  repository: ghcr.io/acme/api
  tag: 1.4.1
extraObjects:
  - apiVersion: v1
    kind: Secret
    metadata:
      name: api-extra
    stringData:
      PASSWORD: ${VALUES[0]}
    data:
      TOKEN: ${VALUES[1]}
`;

const INLINE_PATCH = `patches:
  - patch: |-
      apiVersion: v1
      kind: Secret
      metadata:
        name: api-db
      stringData:
        DB_PASSWORD: ${VALUES[2]}
`;

describe("the review of a pull request that adds Secrets inside other YAML", () => {
  it("comments the diff with the values masked, and no clear value in the comment or the policy check", async () => {
    const { probot, recorder } = await createPromotionApp();
    const base = new FixtureRepo("shop", BASE_SHA);
    const kustomization = base.files.get("deploy/dev/kustomization.yaml") ?? "";
    const head = new FixtureRepo("shop", HEAD, {
      "deploy/dev/api-values.yaml": HELM_VALUES,
      "deploy/dev/kustomization.yaml": `${kustomization}${INLINE_PATCH}`,
    });
    serveReview(31, base, head);
    mockReviewComment(31);
    mockHeadCheckRuns(HEAD);
    mockCheckRuns(2);
    await probot.receive(pullRequestEvent("opened", 31, "add-secrets", HEAD));

    const comment = reviewComment(recorder);
    expect(comment).toContain(`+      PASSWORD: ${MASKED}\n`);
    expect(comment).toContain(`+      TOKEN: ${MASKED}\n`);
    expect(comment).toContain(`+        DB_PASSWORD: ${MASKED}\n`);
    expect(comment).toContain("+        name: api-db\n");
    const check = JSON.stringify(policyCheck(recorder));
    for (const value of VALUES) {
      for (let at = 0; at + 12 <= value.length; at++) {
        expect(comment).not.toContain(value.slice(at, at + 12));
        expect(check).not.toContain(value.slice(at, at + 12));
      }
    }
  });
});
