import nock from "nock";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { heldEnvironments } from "../../src/engine/holds/held-environments.js";
import type { Promotion } from "../../src/engine/plan/promotion.js";
import { createOctokitGitHub } from "../../src/github/octokit-github.js";
import { openPromotion } from "../../src/promote/open-promotion.js";
import { observePromotionEvents, type PromotionAction } from "../../src/promote/promotion-events.js";
import type { RepoAtHead } from "../../src/promote/repo-at-head.js";
import { FixtureRepo, repositoryNodeId } from "../handlers/fixture-repo.js";
import { mockOpenPullRequest, mockUpdatePullRequest, pullRequest } from "../handlers/promotion-mocks.js";
import { createTestOctokit, GITHUB_API, useNockGuard } from "../helpers/github-mock.js";

useNockGuard();

/** The fleet at its head, through a validating adapter, with only the archive served. */
function fleetAtHead() {
  const fleet = new FixtureRepo("fleet");
  fleet.serveArchive();
  const { octokit, recorder, app } = createTestOctokit();
  const github = createOctokitGitHub(octokit, app);
  const config = parseConfig(fleet.files.get(".github/promenade.yml") as string);
  const head = { branch: fleet.branch, sha: fleet.sha };
  const at: RepoAtHead = {
    github,
    repo: fleet.repo,
    head,
    repositoryId: repositoryNodeId(fleet.repo),
    config,
    reader: github.repoReader(fleet.repo, fleet.sha),
    holds: heldEnvironments([]),
  };
  return { at, recorder };
}

/** dev to api 1.4.1, which dev already runs. */
const ALREADY_RUNNING: Promotion = {
  environment: "dev",
  images: [{ image: "ghcr.io/acme/api", fromVersion: { tag: "1.4.0", digest: null }, toVersion: { tag: "1.4.1", digest: null }, bump: "patch" }],
  branch: "promenade/dev/api",
  title: "Promote api 1.4.1 to dev",
  trigger: { kind: "push", image: "ghcr.io/acme/api", tag: "1.4.1", digest: null },
};

describe("openPromotion when the environment already runs the versions", () => {
  it("closes the open PR with a note", async () => {
    const { at, recorder } = fleetAtHead();
    const open = pullRequest(7, "promenade/dev/api");
    mockOpenPullRequest("promenade/dev/api", open);
    nock(GITHUB_API).post("/repos/acme/gitops/issues/7/comments").reply(201, { id: 1, html_url: "https://github.com/acme/gitops/pull/7#issuecomment-1" });
    mockUpdatePullRequest(open);
    const reported: PromotionAction[] = [];
    const restore = observePromotionEvents({ onPromotion: (action) => reported.push(action), onGate: () => undefined, onImageRoute: () => undefined });
    const outcome = await openPromotion(at, ALREADY_RUNNING).finally(restore);
    expect(outcome.action).toBe("closed");
    expect(reported).toEqual(["closed"]);
    expect(recorder.requests.filter((r) => r.kind === "write").map((r) => [r.method, r.path, r.body])).toMatchInlineSnapshot(`
      [
        [
          "POST",
          "/repos/acme/gitops/issues/7/comments",
          {
            "body": "**dev** already runs \`ghcr.io/acme/api\` 1.4.1 on \`main\` (c0ffee0), so there is nothing left to promote. Closing this PR.",
          },
        ],
        [
          "PATCH",
          "/repos/acme/gitops/pulls/7",
          {
            "state": "closed",
          },
        ],
      ]
    `);
  });

  it("writes nothing when no PR is open", async () => {
    const { at, recorder } = fleetAtHead();
    mockOpenPullRequest("promenade/dev/api");
    await expect(openPromotion(at, ALREADY_RUNNING)).resolves.toMatchObject({ action: "nothing", pullRequest: null });
    expect(recorder.writes).toBe(0);
  });
});
