import nock from "nock";
import { describe, expect, it } from "vitest";
import { createTestApp, GITHUB_API, mockInstallationToken, type RequestRecorder, useNockGuard } from "../helpers/github-mock.js";
import { examplePayload, INSTALLATION_ID } from "../helpers/payloads.js";
import { mockDirectories } from "./review-mocks.js";
import { configContents } from "./fixture-repo.js";

useNockGuard();

/** The recorded example PR: Codertocat/Hello-World#2. */
const REPO_PATH = "/repos/Codertocat/Hello-World";
const HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const FILES_URL = `${REPO_PATH}/pulls/2/files`;
const CONFIG_URL = `${REPO_PATH}/contents/.github%2Fpromenade.yml`;

function changedFiles(...files: { filename: string; status?: string; previous_filename?: string }[]) {
  return files.map((file, i) => ({ sha: String(i).repeat(40), status: "modified", additions: 1, deletions: 1, changes: 2, ...file }));
}

/** Delivers `pull_request.<action>` of the example PR to the whole app; answers the recorder. */
async function receive(action: "opened" | "synchronize" | "reopened") {
  const { probot, recorder } = await createTestApp();
  mockInstallationToken(INSTALLATION_ID);
  const payload = examplePayload("pull_request", action);
  // The PR targets the default branch, so the review reads the config there: this repository has none yet.
  const base = (payload.pull_request as { base: { sha: string } }).base.sha;
  api().get(CONFIG_URL).query({ ref: base }).reply(404, { message: "Not Found" });
  await probot.receive({ id: `delivery-${action}`, name: "pull_request", payload } as Parameters<typeof probot.receive>[0]);
  return recorder;
}

const api = () => nock(GITHUB_API);

/** The body of the check run the app created. */
function checkRunSent(recorder: RequestRecorder): unknown {
  return recorder.requests.find((request) => request.method === "POST" && request.path.endsWith("/check-runs"))?.body;
}
const mockFiles = (...files: Parameters<typeof changedFiles>) =>
  api()
    .get(FILES_URL)
    .query({ per_page: "100" })
    .reply(200, changedFiles(...files));
const mockCheckRun = () => api().post(`${REPO_PATH}/check-runs`).reply(201, { id: 99 });

describe("the promenade/config check", () => {
  it("fails with every problem when the pull request makes the config invalid", async () => {
    mockFiles({ filename: "README.md" }, { filename: ".github/promenade.yml" });
    api()
      .get(CONFIG_URL)
      .query({ ref: HEAD_SHA })
      .reply(200, configContents("environments:\n  dev:\n    path: deploy/dev\n  prod:\n    path: deploy/prod\n    from: staging\n"));
    mockDirectories("Tree", "Tree");
    mockCheckRun();
    const recorder = await receive("opened");
    expect(recorder.lines()).toEqual([
      "GET /repos/Codertocat/Hello-World/pulls/2/files?per_page=100",
      `GET ${CONFIG_URL}?ref=${HEAD_SHA}`,
      "POST /graphql",
      "POST /repos/Codertocat/Hello-World/check-runs",
      `GET ${CONFIG_URL}?ref=f95f852bd8fca8fcc58a9a2d6c842781e32a215e`,
    ]);
    expect(checkRunSent(recorder)).toMatchInlineSnapshot(`
      {
        "conclusion": "failure",
        "head_sha": "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        "name": "promenade/config",
        "output": {
          "annotations": [
            {
              "annotation_level": "failure",
              "end_line": 6,
              "message": "environments.prod.from: unknown environment; expected one of: dev, prod",
              "path": ".github/promenade.yml",
              "start_line": 6,
            },
          ],
          "summary": "Merging this change would pause all promotions in this repository until \`.github/promenade.yml\` is valid again.

      | Key | Problem |
      | --- | --- |
      | \`environments.prod.from\` | unknown environment; expected one of: dev, prod |",
          "title": "1 problem in .github/promenade.yml",
        },
        "status": "completed",
      }
    `);
  });

  it("succeeds on a valid config, naming its environments", async () => {
    mockFiles({ filename: ".github/promenade.yml", status: "added" });
    api().get(CONFIG_URL).query({ ref: HEAD_SHA }).reply(200, configContents("environments:\n  dev:\n    path: deploy/dev\n"));
    mockDirectories("Tree");
    mockCheckRun();
    const recorder = await receive("synchronize");
    expect(checkRunSent(recorder)).toMatchObject({
      name: "promenade/config",
      head_sha: HEAD_SHA,
      status: "completed",
      conclusion: "success",
      output: { title: "valid: 1 environment" },
    });
  });

  it("fails when an environment's directory is not a directory of the head commit, asking about all in one query", async () => {
    mockFiles({ filename: ".github/promenade.yml" });
    const config =
      "environments:\n  dev: { path: ./deploy/dev/ }\n  staging: { path: deploy/stagign, from: dev }\n  prod: { path: deploy/prod.yaml, from: staging }\n";
    api().get(CONFIG_URL).query({ ref: HEAD_SHA }).reply(200, configContents(config));
    const asked = mockDirectories("Tree", null, "Blob");
    mockCheckRun();
    const recorder = await receive("synchronize");
    expect(asked).toEqual([
      { owner: "Codertocat", name: "Hello-World", d0: `${HEAD_SHA}:deploy/dev`, d1: `${HEAD_SHA}:deploy/stagign`, d2: `${HEAD_SHA}:deploy/prod.yaml` },
    ]);
    const check = checkRunSent(recorder) as { conclusion: string; output: { title: string; annotations: { start_line: number; message: string }[] } };
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("2 problems in .github/promenade.yml");
    expect(check.output.annotations.map(({ start_line, message }) => `${start_line}: ${message}`)).toEqual([
      "3: environments.staging.path: no such directory in the repository",
      "4: environments.prod.path: no such directory in the repository",
    ]);
    expect(JSON.stringify(check)).not.toMatch(/stagign|prod\.yaml/);
  });

  it("is neutral when the pull request deletes the config", async () => {
    mockFiles({ filename: ".github/promenade.yml", status: "removed" });
    api().get(CONFIG_URL).query({ ref: HEAD_SHA }).reply(404, { message: "Not Found" });
    mockCheckRun();
    const recorder = await receive("reopened");
    expect(checkRunSent(recorder)).toMatchObject({ conclusion: "neutral", output: { title: "removed" } });
  });

  it("checks a config renamed away under its old name", async () => {
    mockFiles({ filename: ".github/promenade.yaml", previous_filename: ".github/promenade.yml", status: "renamed" });
    api().get(CONFIG_URL).query({ ref: HEAD_SHA }).reply(404, { message: "Not Found" });
    mockCheckRun();
    const recorder = await receive("synchronize");
    expect(checkRunSent(recorder)).toMatchObject({ conclusion: "neutral" });
  });

  it("leaves a pull request that does not touch the config alone", async () => {
    mockFiles({ filename: "deploy/dev/kustomization.yaml" });
    const recorder = await receive("opened");
    expect(recorder.lines()).toEqual([
      "GET /repos/Codertocat/Hello-World/pulls/2/files?per_page=100",
      `GET ${CONFIG_URL}?ref=f95f852bd8fca8fcc58a9a2d6c842781e32a215e`,
    ]);
  });
});
