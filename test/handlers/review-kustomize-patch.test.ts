/**
 * A pull request that changes only a kustomize patch file of production (its
 * `replicas`): the policies judge production as it will run, never the patch
 * as a whole Deployment, so `promenade/policy` passes. Without a renderer
 * (the app tests' default) the patch files are left out as objects and the
 * check says so; with one, the rendered overlay is judged.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { useNockGuard } from "../helpers/github-mock.js";
import { fakeKubectlDir, overlayFiles, PULL_POLICY_PATCH, REPLICAS_PATCH } from "../policy/overlay-fixture.js";
import { createPromotionApp } from "./app.js";
import { FixtureRepo } from "./fixture-repo.js";
import { BASE_SHA, mockCheckRuns, mockGateReads, mockReviewComment, policyCheck, pullRequestEvent, reviewComment, serveReview } from "./review-mocks.js";

useNockGuard();

afterEach(() => {
  vi.unstubAllEnvs();
});

const HEAD = "5ca1e".padEnd(40, "0");

/** The shop fixture whose production is the kustomize overlay (a base with limits, patches holding only replicas and only a pull policy), before and after the pull request scales it from 10 to 12 replicas. */
function scaledOverlay(): { base: FixtureRepo; head: FixtureRepo } {
  const overlay = overlayFiles();
  const production = {
    ...overlay,
    "deploy/production/api.yaml": null,
    "deploy/production/worker.yaml": null,
    "deploy/production/secret.yaml": null,
  };
  const replicas = (overlay[REPLICAS_PATCH] as string).replace("replicas: 10", "replicas: 12");
  return { base: new FixtureRepo("shop", BASE_SHA, production), head: new FixtureRepo("shop", HEAD, { ...production, [REPLICAS_PATCH]: replicas }) };
}

/** Reviews pull request `number` of the scaled overlay and returns its policy check run. */
async function review(number: number): Promise<{ check: { conclusion: string; output: { title: string; summary: string } }; comment: string }> {
  const { probot, recorder } = await createPromotionApp();
  const repos = scaledOverlay();
  serveReview(number, repos.base, repos.head);
  mockGateReads(number, HEAD);
  mockReviewComment(number);
  mockCheckRuns(2);
  await probot.receive(pullRequestEvent("opened", number, "scale-out", HEAD));
  return { check: policyCheck(recorder) as { conclusion: string; output: { title: string; summary: string } }, comment: reviewComment(recorder) };
}

describe("a production pull request that changes only a kustomize patch file", () => {
  it("passes promenade/policy without a renderer, naming the patch files it did not judge as objects", async () => {
    const { check, comment } = await review(61);
    expect(check.conclusion).toBe("success");
    expect(check.output.title).toBe("4 policies pass in production");
    for (const text of [check.output.summary, comment]) {
      expect(text).toContain("Not judged as objects:");
      expect(text).toContain(`\`${PULL_POLICY_PATCH}\`: kustomize patch named in patchesStrategicMerge`);
      expect(text).toContain(`\`${REPLICAS_PATCH}\`: kustomize patch named in patches`);
    }
  });

  it("passes promenade/policy on the rendered manifests with a renderer", async () => {
    vi.stubEnv("PROMENADE_RENDER", "on");
    vi.stubEnv("PATH", await fakeKubectlDir());
    const { check, comment } = await review(62);
    expect(check.conclusion).toBe("success");
    expect(check.output.title).toBe("4 policies pass in production");
    expect(check.output.summary).toContain("Judged on the manifests rendered by `kubectl kustomize (Kustomize v5.5.0)`.");
    expect(check.output.summary).not.toContain("Not judged");
    expect(comment).toContain("Judged on the manifests rendered by");
  });
});
