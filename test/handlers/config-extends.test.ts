import nock from "nock";
import { describe, expect, it } from "vitest";
import { createTestApp, GITHUB_API, mockInstallationToken, useNockGuard } from "../helpers/github-mock.js";
import { examplePayload, INSTALLATION_ID } from "../helpers/payloads.js";
import { configContents } from "./fixture-repo.js";

useNockGuard();

/** The recorded example PR: Codertocat/Hello-World#2, which changes the config. */
const REPO_PATH = "/repos/Codertocat/Hello-World";
const HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const CONFIG_URL = `${REPO_PATH}/contents/.github%2Fpromenade.yml`;

/** Delivers `pull_request.opened` of the example PR, whose head has `config`; answers the recorder and the check run sent. */
async function receiveConfigChange(config: string) {
  const { probot, recorder } = await createTestApp();
  mockInstallationToken(INSTALLATION_ID);
  const payload = examplePayload("pull_request", "opened");
  const base = (payload.pull_request as { base: { sha: string } }).base.sha;
  nock(GITHUB_API)
    .get(`${REPO_PATH}/pulls/2/files`)
    .query({ per_page: "100" })
    .reply(200, [{ sha: "0".repeat(40), filename: ".github/promenade.yml", status: "modified", additions: 1, deletions: 1, changes: 2 }])
    .get(CONFIG_URL)
    .query({ ref: HEAD_SHA })
    .reply(200, configContents(config))
    .post(`${REPO_PATH}/check-runs`)
    .reply(201, { id: 99 });
  // The review that follows reads the config of the pull request's base: this repository has none yet.
  nock(GITHUB_API).persist().get(CONFIG_URL).query({ ref: base }).reply(404, { message: "Not Found" });
  await probot.receive({ id: "delivery-extends", name: "pull_request", payload } as Parameters<typeof probot.receive>[0]);
  const check = recorder.requests.find((request) => request.method === "POST" && request.path.endsWith("/check-runs"))?.body;
  return { recorder, check: check as { conclusion: string; output: { title: string; summary: string; annotations: { message: string }[] } } };
}

describe("a pull request whose config extends another repository", () => {
  const otherRepository =
    "expected the owner's .github repository: .github or &lt;owner&gt;/.github, optionally followed by :path/to/file.yml, a relative path inside it without ..; no other repository is read";
  const otherOwner = "expected the .github repository of this repository's owner: .github or Codertocat/.github; no other repository is read";

  it.each([
    ["acme/other-repo:secrets.yml", otherRepository],
    ["other-repo:secrets.yml", otherRepository],
    ["acme/.github:secrets.yml", otherOwner],
  ])("_extends: %s reads nothing of it and fails promenade/config at _extends", async (target, problem) => {
    const { recorder, check } = await receiveConfigChange(`_extends: ${target}\nenvironments:\n  dev:\n    path: deploy/dev\n`);
    expect(recorder.lines().slice(0, 3)).toEqual([
      `GET ${REPO_PATH}/pulls/2/files?per_page=100`,
      `GET ${CONFIG_URL}?ref=${HEAD_SHA}`,
      `POST ${REPO_PATH}/check-runs`,
    ]);
    // Nothing but the pull request's own repository is asked for: no other repository, no GraphQL lookup of one.
    expect(recorder.requests.filter((request) => request.kind !== "auth" && !request.path.startsWith(`${REPO_PATH}/`))).toEqual([]);
    expect(JSON.stringify(recorder.requests)).not.toContain("other-repo");
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("1 problem in .github/promenade.yml");
    expect(check.output.summary).toContain(`| \`_extends\` | ${problem} |`);
    expect(check.output.annotations).toEqual([expect.objectContaining({ start_line: 1, message: expect.stringMatching(/^_extends: expected the /) })]);
    expect(JSON.stringify(check)).not.toContain("secrets.yml");
  });
});
