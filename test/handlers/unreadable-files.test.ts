/** An image pushed into an environment holding a local Helm chart and a YAML file that does not parse: the PR opens, and says so. */
import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { repositoryDispatchPayload } from "../helpers/payloads.js";
import { BROKEN_NOTES, BROKEN_WITH_IMAGE, CHART_VALUES, localChart } from "../repo/local-chart.js";
import { createPromotionApp } from "./app.js";
import { FixtureRepo, REPO } from "./fixture-repo.js";
import { committedFiles, mockNewPromotion } from "./promotion-mocks.js";

useNockGuard();

const DEV_BRANCH = "promenade/dev/api";

/** The delivery of `ghcr.io/acme/api:1.5.0` pushed, announced to the GitOps repository. */
function pushed() {
  const clientPayload = { image: "ghcr.io/acme/api", tag: "1.5.0" };
  const payload = repositoryDispatchPayload({ repo: { ...REPO, defaultBranch: "main" }, eventType: "promenade-image", clientPayload });
  return { id: "delivery-chart", name: "repository_dispatch" as const, payload };
}

/** The fleet with a local chart and a broken notes file in dev (its chart values at dev's api version), plus `extra`. */
function fleetWithChart(extra: Record<string, string> = {}): FixtureRepo {
  return new FixtureRepo("fleet", undefined, { ...localChart("deploy/dev/api-chart"), "deploy/dev/notes.yaml": BROKEN_NOTES, ...extra });
}

describe("image pushed into an environment with a Helm chart and a file that does not parse", () => {
  it("opens the PR, editing the overlay and the chart's values, and lists the broken file in its body", async () => {
    const { probot, recorder } = await createPromotionApp();
    fleetWithChart().serve();
    const created = mockNewPromotion(DEV_BRANCH, 7);
    await probot.receive(pushed());
    expect(committedFiles(recorder).map((file) => file.path)).toEqual(["deploy/dev/api-chart/values.yaml", "deploy/dev/kustomization.yaml"]);
    expect(committedFiles(recorder)[0]?.content).toBe(CHART_VALUES.replace("tag: 1.4.1", "tag: 1.5.0"));
    expect(created[0]?.title).toBe("Promote api 1.5.0 to dev");
    expect(created[0]?.body).toContain(
      "Warnings: Promenade could not read these files as YAML and left them as they are; check them by hand.\n" +
        "- `deploy/dev/notes.yaml:3`: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \\]\n\n<!-- promenade: ",
    );
  });

  it("writes nothing when a file that does not parse may hold the image (the delivery fails and is retried)", async () => {
    const { probot, recorder } = await createPromotionApp();
    fleetWithChart({ "deploy/dev/legacy.yaml": BROKEN_WITH_IMAGE }).serve();
    // Looked up while the changes are computed, so it may or may not be sent before their error.
    nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/pulls`).query(true).optionally().reply(200, []);
    await probot.receive(pushed());
    // The files were read: the default branch's archive, downloaded beside the head's read.
    expect(recorder.lines()).toContain(`GET /repos/${REPO.owner}/${REPO.repo}/tarball/main`);
    expect(recorder.writes).toBe(0);
  });
});
