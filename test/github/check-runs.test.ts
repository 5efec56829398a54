import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { createAdapter, NEW_SHA, REPO } from "./fixtures.js";

useNockGuard();

describe("createCheckRun", () => {
  it("creates a completed check run", async () => {
    nock(GITHUB_API).post("/repos/acme/gitops/check-runs").reply(201, { id: 11 });
    const { github, recorder } = createAdapter();
    await expect(
      github.createCheckRun(REPO, {
        name: "promenade/config",
        headSha: NEW_SHA,
        conclusion: "failure",
        title: "1 problem in .github/promenade.yml",
        summary: "environments.dev.path: expected a string",
        annotations: [{ path: ".github/promenade.yml", startLine: 3, endLine: 3, level: "failure", message: "expected a string" }],
      }),
    ).resolves.toBe(11);
    expect(recorder.requests[0]?.body).toMatchInlineSnapshot(`
      {
        "conclusion": "failure",
        "head_sha": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "name": "promenade/config",
        "output": {
          "annotations": [
            {
              "annotation_level": "failure",
              "end_line": 3,
              "message": "expected a string",
              "path": ".github/promenade.yml",
              "start_line": 3,
            },
          ],
          "summary": "environments.dev.path: expected a string",
          "title": "1 problem in .github/promenade.yml",
        },
        "status": "completed",
      }
    `);
  });

  it("is in progress without a conclusion", async () => {
    nock(GITHUB_API)
      .post("/repos/acme/gitops/check-runs", (body: { status?: string; conclusion?: string }) => body.status === "in_progress" && !body.conclusion)
      .reply(201, { id: 12 });
    const { github } = createAdapter();
    await github.createCheckRun(REPO, { name: "promenade/gate", headSha: NEW_SHA, title: "Soaking", summary: "2h left" });
  });

  it("sends more than 50 annotations 50 per request", async () => {
    const counts: number[] = [];
    const count = (body: { output: { annotations?: unknown[] } }) => {
      counts.push(body.output.annotations?.length ?? 0);
      return true;
    };
    nock(GITHUB_API)
      .post("/repos/acme/gitops/check-runs", count)
      .reply(201, { id: 13 })
      .patch("/repos/acme/gitops/check-runs/13", count)
      .times(2)
      .reply(200, { id: 13 });
    const annotations = Array.from({ length: 120 }, (_, i) => ({
      path: "deploy/dev/api.yaml",
      startLine: i + 1,
      endLine: i + 1,
      level: "warning" as const,
      message: `line ${i + 1}`,
    }));
    const { github } = createAdapter();
    await github.createCheckRun(REPO, { name: "promenade/policy", headSha: NEW_SHA, conclusion: "neutral", title: "t", summary: "s", annotations });
    expect(counts).toEqual([50, 50, 20]);
  });
});
