import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { createPromotionApp } from "./app.js";
import { FixtureRepo } from "./fixture-repo.js";
import {
  BASE_SHA,
  changedFiles,
  gateCheck,
  mockCheckRuns,
  mockGateReads,
  mockHeadCheckRuns,
  mockReviewComment,
  policyCheck,
  pullRequestEvent,
  reviewComment,
  serveReview,
} from "./review-mocks.js";

useNockGuard();

/** A head commit of a reviewed pull request. */
const head = (n: number) => `4ead${n}`.padEnd(40, "0");

/** The shop fixture at main, and at a pull request's head with `changes`. */
function shop(
  changes: Record<string, string | null>,
  sha = head(1),
  baseChanges: Record<string, string | null> = {},
): { base: FixtureRepo; head: FixtureRepo } {
  return { base: new FixtureRepo("shop", BASE_SHA, baseChanges), head: new FixtureRepo("shop", sha, { ...baseChanges, ...changes }) };
}

/** `text` of the shop fixture with `from` replaced by `to` (which must be there). */
function edited(path: string, from: string, to: string): string {
  const text = new FixtureRepo("shop").files.get(path);
  if (text === undefined || !text.includes(from)) throw new Error(`${path} has no ${from}`);
  return text.replace(from, to);
}

/** What settling a pull request that changes no gated environment reads and writes after its review: its check runs (none yet), and the policy and gate check runs. */
function mockUngatedChecks(sha = head(1)): void {
  mockHeadCheckRuns(sha);
  mockCheckRuns(2);
}

/** The writes a review made, as `METHOD path` lines. */
function writes(recorder: { requests: { method: string; path: string; kind: string }[] }): string[] {
  return recorder.requests.filter((r) => r.kind === "write").map((r) => `${r.method} ${r.path}`);
}

describe("the review of a pull request that changes an environment", () => {
  it("comments a one-tag promotion with its diff, versions and drift, and passes the policy check", async () => {
    const { probot, recorder } = await createPromotionApp();
    const repos = shop({ "deploy/staging/kustomization.yaml": edited("deploy/staging/kustomization.yaml", '"1.4.0"', '"1.4.1"') });
    serveReview(21, repos.base, repos.head);
    mockReviewComment(21);
    mockUngatedChecks();
    await probot.receive(pullRequestEvent("opened", 21, "promenade/staging/api", head(1)));
    expect(reviewComment(recorder)).toMatchSnapshot();
    expect(policyCheck(recorder)).toMatchSnapshot();
    expect(writes(recorder)).toEqual([
      "POST /repos/acme/gitops/check-runs",
      "POST /repos/acme/gitops/check-runs",
      "POST /repos/acme/gitops/issues/21/comments",
    ]);
    expect(gateCheck(recorder)).toMatchObject({ conclusion: "success", output: { title: "No gated environment changes" } });
  });

  it("lists 40 changed files, folding the long diffs", async () => {
    const { probot, recorder } = await createPromotionApp();
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      const name = `svc-${String(i).padStart(2, "0")}`;
      const service = (tag: string, settings: number) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/acme/${name}:${tag}\n          env:\n` +
        Array.from({ length: settings }, (_, j) => `            - { name: SETTING_${j}, value: "${i * j}" }\n`).join("");
      before[`deploy/dev/services/${name}.yaml`] = service(`1.0.${i}`, 1);
      after[`deploy/dev/services/${name}.yaml`] = service(`1.1.${i}`, i % 4 === 0 ? 12 : 1);
    }
    const repos = shop(after, head(1), before);
    serveReview(22, repos.base, repos.head);
    mockReviewComment(22);
    mockUngatedChecks();
    await probot.receive(pullRequestEvent("opened", 22, "bump-services", head(1)));
    const comment = reviewComment(recorder);
    expect(comment).toMatchSnapshot();
    expect(comment.match(/<details>/g)).toHaveLength(10);
    expect(comment.match(/^\+\+\+ b\/deploy\/dev\/services\//gm)).toHaveLength(40);
  });

  it("leaves the largest diffs out to stay under 60,000 characters, and points to the check run", async () => {
    const { probot, recorder } = await createPromotionApp();
    const changes: Record<string, string> = {};
    for (const [i, size] of [3000, 1200, 200, 20].entries()) {
      const lines = Array.from({ length: size }, (_, j) => `  key-${j}: "value ${j} of file ${i}"`).join("\n");
      changes[`deploy/dev/config-${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\ndata:\n${lines}\n`;
    }
    const repos = shop(changes);
    serveReview(23, repos.base, repos.head);
    mockReviewComment(23);
    mockUngatedChecks();
    await probot.receive(pullRequestEvent("opened", 23, "big-config", head(1)));
    const comment = reviewComment(recorder);
    expect(comment.length).toBeLessThan(60_000);
    expect(comment).toMatchSnapshot();
    expect(comment).toContain("`deploy/dev/config-0.yaml` (added, +3005 −0): diff left out, 3,008 lines.");
    expect(comment).toContain("+++ b/deploy/dev/config-2.yaml");
    const text = policyCheck(recorder).output as { text: string };
    expect(text.text.length).toBeLessThanOrEqual(65_535);
    expect(text.text).toContain("+++ b/deploy/dev/config-0.yaml");
  });

  // Seconds of YAML parsing on the review thread: more than the default test time on a busy machine.
  it("says a 3,000-line file rewritten into a 30,000-line one is too large to show, and keeps the check run under GitHub's limits", async () => {
    const { probot, recorder } = await createPromotionApp();
    const configMap = (count: number, value: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: count }, (_, j) => `  key-${j}: "${value} ${j}"\n`).join("")}`;
    const repos = shop({ "deploy/dev/big.yaml": configMap(30_000, "rewritten") }, head(1), { "deploy/dev/big.yaml": configMap(3000, "value") });
    serveReview(31, repos.base, repos.head);
    mockReviewComment(31);
    mockUngatedChecks();
    await probot.receive(pullRequestEvent("opened", 31, "rewrite", head(1)));
    const comment = reviewComment(recorder);
    expect(comment).toContain("- `deploy/dev/big.yaml` (modified, +30000 −3000): too large to show, see the `promenade/policy` check run.");
    expect(comment.length).toBeLessThan(60_000);
    const check = policyCheck(recorder) as { conclusion: string; output: { title: string; summary: string; text: string } };
    expect(check.conclusion).toBe("success");
    expect(check.output.summary.length).toBeLessThanOrEqual(65_535);
    expect(check.output.text.length).toBeLessThanOrEqual(65_535);
    expect(check.output.text).toContain(
      '--- a/deploy/dev/big.yaml\n+++ b/deploy/dev/big.yaml\n@@ -3,3003 +3,30003 @@\n metadata:\n   name: big\n data:\n-  key-0: "value 0"\n',
    );
  }, 60_000);

  it("masks the values of a changed Secret on both sides", async () => {
    const { probot, recorder } = await createPromotionApp();
    const secret = edited("deploy/production/secret.yaml", "tok_live_51Hq8sK2eZvKYlo2C", "tok_live_99Zz0newTokenValue");
    const repos = shop({ "deploy/production/secret.yaml": `${secret}  extra-key: bmV3LXZhbHVl\n` });
    serveReview(24, repos.base, repos.head);
    mockGateReads(24, head(1));
    mockReviewComment(24);
    mockCheckRuns(2);
    await probot.receive(pullRequestEvent("opened", 24, "rotate-token", head(1)));
    const comment = reviewComment(recorder);
    expect(comment).toMatchSnapshot();
    const output = JSON.stringify(policyCheck(recorder));
    for (const value of ["tok_live_51Hq8sK2eZvKYlo2C", "tok_live_99Zz0newTokenValue", "hunter2", "bmV3LXZhbHVl", "c2VjcmV0LXNpZ25pbmcta2V5"]) {
      expect(comment).not.toContain(value);
      expect(output).not.toContain(value);
    }
  });

  it("fails the policy check with annotations at the offending lines", async () => {
    const { probot, recorder } = await createPromotionApp();
    const api = edited("deploy/production/api.yaml", "ghcr.io/acme/api:1.3.0", "docker.io/acme/api:latest")
      .replace("replicas: 2", "replicas: 1")
      .replace("          resources:\n            limits: { cpu: 500m, memory: 256Mi }\n", "");
    const repos = shop({ "deploy/production/api.yaml": api });
    serveReview(25, repos.base, repos.head);
    mockGateReads(25, head(1));
    mockReviewComment(25);
    mockCheckRuns(2);
    await probot.receive(pullRequestEvent("opened", 25, "hotfix", head(1)));
    expect(reviewComment(recorder)).toMatchSnapshot();
    const check = policyCheck(recorder) as { conclusion: string; output: { title: string; annotations: unknown[] } };
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toMatchInlineSnapshot(`"3 errors, 1 warning in production"`);
    expect(check.output.annotations).toMatchInlineSnapshot(`
      [
        {
          "annotation_level": "failure",
          "end_line": 17,
          "message": "docker.io/acme/api:latest is tagged latest; expected a version tag or a digest (Deployment/shop/api)",
          "path": "deploy/production/api.yaml",
          "start_line": 17,
          "title": "no-latest-tag (error)",
        },
        {
          "annotation_level": "failure",
          "end_line": 17,
          "message": "docker.io/acme/api:latest is not from an allowed registry; expected an image from ghcr.io/acme (Deployment/shop/api)",
          "path": "deploy/production/api.yaml",
          "start_line": 17,
          "title": "allowed-registries (error)",
        },
        {
          "annotation_level": "warning",
          "end_line": 16,
          "message": "container "api" sets no CPU or memory limit (resources.limits.cpu, resources.limits.memory); expected CPU and memory limits on every container (Deployment/shop/api)",
          "path": "deploy/production/api.yaml",
          "start_line": 16,
          "title": "require-resource-limits (warning)",
        },
        {
          "annotation_level": "failure",
          "end_line": 2,
          "message": "production Deployments run at least 2 replicas (Deployment/shop/api)",
          "path": "deploy/production/api.yaml",
          "start_line": 2,
          "title": "prod-replicas (error)",
        },
      ]
    `);
  });

  it("edits its comment in place when the head moves, never adding a second one", async () => {
    const { probot, recorder } = await createPromotionApp();
    const first = shop({ "deploy/staging/kustomization.yaml": edited("deploy/staging/kustomization.yaml", '"1.4.0"', '"1.4.1"') });
    serveReview(26, first.base, first.head);
    mockReviewComment(26);
    mockUngatedChecks();
    await probot.receive(pullRequestEvent("opened", 26, "promenade/staging/api", head(1)));
    const created = reviewComment(recorder);

    const second = shop({ "deploy/staging/kustomization.yaml": edited("deploy/staging/kustomization.yaml", '"2.0.3"', '"2.1.0"') }, head(2));
    serveReview(26, second.base, second.head);
    mockReviewComment(26, { id: 901, body: created });
    mockHeadCheckRuns(head(1));
    mockUngatedChecks(head(2));
    await probot.receive(pullRequestEvent("synchronize", 26, "promenade/staging/api", head(2), { before: head(1), sender: "promenade[bot]" }));
    expect(reviewComment(recorder)).toMatchSnapshot();
    expect(writes(recorder)).toEqual([
      "POST /repos/acme/gitops/check-runs",
      "POST /repos/acme/gitops/check-runs",
      "POST /repos/acme/gitops/issues/26/comments",
      "POST /repos/acme/gitops/check-runs",
      "POST /repos/acme/gitops/check-runs",
      "PATCH /repos/acme/gitops/issues/comments/901",
    ]);
  });

  it("writes only the comment and the check run for a pull request from a fork", async () => {
    const { probot, recorder } = await createPromotionApp();
    const repos = shop({ "deploy/dev/kustomization.yaml": edited("deploy/dev/kustomization.yaml", '"2.1.0"', '"2.2.0"') });
    serveReview(27, repos.base, repos.head);
    mockReviewComment(27);
    mockUngatedChecks();
    await probot.receive(pullRequestEvent("opened", 27, "main", head(1), { forkOwner: "mallory" }));
    expect(writes(recorder)).toEqual([
      "POST /repos/acme/gitops/check-runs",
      "POST /repos/acme/gitops/check-runs",
      "POST /repos/acme/gitops/issues/27/comments",
    ]);
  });

  it("reads only the files of a pull request into another branch", async () => {
    const { probot, recorder } = await createPromotionApp();
    const repos = shop({ "deploy/dev/kustomization.yaml": edited("deploy/dev/kustomization.yaml", '"2.1.0"', '"2.2.0"') });
    nock(GITHUB_API).get("/repos/acme/gitops/pulls/28/files").query({ per_page: "100" }).reply(200, changedFiles(repos.base, repos.head));
    await probot.receive(pullRequestEvent("opened", 28, "feature", head(1), { base: "release-1" }));
    expect(recorder.lines()).toEqual(["GET /repos/acme/gitops/pulls/28/files?per_page=100"]);
  });
});

describe("pull requests the review leaves alone", () => {
  it("reads the config at the base and, when no environment changes, only passes the gate check", async () => {
    const { probot, recorder } = await createPromotionApp();
    const repos = shop({ "README.md": "# shop\n\nNew words.\n" });
    nock(GITHUB_API).get("/repos/acme/gitops/pulls/29/files").query({ per_page: "100" }).reply(200, changedFiles(repos.base, repos.head));
    repos.base.serveConfigFile();
    mockHeadCheckRuns(head(1));
    mockCheckRuns();
    await probot.receive(pullRequestEvent("opened", 29, "docs", head(1)));
    expect(writes(recorder)).toEqual(["POST /repos/acme/gitops/check-runs"]);
    expect(gateCheck(recorder)).toMatchObject({
      name: "promenade/gate",
      head_sha: head(1),
      conclusion: "success",
      output: { title: "No gated environment changes" },
    });
  });

  it("reviews again when an edit retargets the pull request to the default branch, and not for a title edit", async () => {
    const { probot, recorder } = await createPromotionApp();
    const repos = shop({ "deploy/dev/kustomization.yaml": edited("deploy/dev/kustomization.yaml", '"2.1.0"', '"2.2.0"') });
    await probot.receive(pullRequestEvent("edited", 30, "feature", head(1)));
    serveReview(30, repos.base, repos.head);
    mockReviewComment(30);
    mockUngatedChecks();
    await probot.receive(pullRequestEvent("edited", 30, "feature", head(1), { previousBase: "release-1" }));
    expect(writes(recorder)).toEqual([
      "POST /repos/acme/gitops/check-runs",
      "POST /repos/acme/gitops/check-runs",
      "POST /repos/acme/gitops/issues/30/comments",
    ]);
  });
});
