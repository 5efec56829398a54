import nock from "nock";
import { expect, it } from "vitest";
import { createTestProbot, GITHUB_API, mockInstallationToken, useNockGuard } from "./github-mock.js";
import { INSTALLATION_ID, pushPayload } from "./payloads.js";

useNockGuard();

it("drives a handler through probot.receive with validated, recorded requests", async () => {
  const { probot, recorder } = createTestProbot();
  await probot.load((app) => {
    app.on("push", async (context) => {
      await context.octokit.rest.issues.createComment(context.repo({ issue_number: 1, body: "seen" }));
    });
  });
  mockInstallationToken(INSTALLATION_ID);
  nock(GITHUB_API).post("/repos/acme/gitops/issues/1/comments", { body: "seen" }).reply(201, { id: 1 });
  const payload = pushPayload({ repo: { owner: "acme", repo: "gitops" }, before: "a".repeat(40), after: "b".repeat(40), files: {} });
  await probot.receive({ id: "delivery-1", name: "push", payload });
  expect(recorder.lines()).toEqual(["POST /repos/acme/gitops/issues/1/comments"]);
  expect({ reads: recorder.reads, writes: recorder.writes }).toEqual({ reads: 0, writes: 1 });
});
