import nock from "nock";
import { describe, expect, it } from "vitest";
import { CONFIG_ISSUE_TITLE, configCheckFailure, configIssueBodyMarkdown } from "../../src/engine/markdown/config-issue.js";
import type { BranchHead, RepoRef } from "../../src/github/github-client.js";
import { createOctokitGitHub } from "../../src/github/octokit-github.js";
import { loadConfig, readConfigAt } from "../../src/promote/load-config.js";
import { createTestOctokit, GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { listedHoldsIssue, mockHoldsIssues } from "../helpers/holds-issue.js";

useNockGuard();

const REPO: RepoRef = { owner: "acme", repo: "gitops" };
const HEAD: BranchHead = { branch: "main", sha: "a".repeat(40) };
const CONFIG_URL = "/repos/acme/gitops/contents/.github%2Fpromenade.yml";

const VALID = `environments:
  dev:
    path: deploy/dev
  staging:
    path: deploy/staging
    from: dev
`;

const INVALID = `environments:
  dev:
    path: deploy/dev
  staging:
    path: deploy/staging
    from: qa
    requires:
      soak: 30 minutes
`;

/** The contents API's answer for a file holding `text`. */
function contents(text: string | Buffer, path = ".github/promenade.yml") {
  const bytes = Buffer.from(text);
  return { type: "file", encoding: "base64", size: bytes.length, name: path.split("/").at(-1), path, content: bytes.toString("base64"), sha: "c".repeat(40) };
}

function issue(number: number, body: string) {
  return { number, title: CONFIG_ISSUE_TITLE, body, html_url: `https://github.com/acme/gitops/issues/${number}` };
}

function setup() {
  const { octokit, recorder, app } = createTestOctokit();
  return { github: createOctokitGitHub(octokit, app), recorder };
}

const api = () => nock(GITHUB_API);
const mockConfig = (text: string | Buffer) => api().get(CONFIG_URL).query({ ref: HEAD.sha }).reply(200, contents(text));
/** Promenade's issues, as its one query of them lists them: opened by its bot and labelled `promenade`. */
const mockOpenIssues = (issues: ReturnType<typeof issue>[]) =>
  mockHoldsIssues(issues.map(({ number, title, body }) => listedHoldsIssue([], { number, title, body })));

describe("loadConfig", () => {
  it("answers null for a repository without the file, reading nothing else", async () => {
    api().get(CONFIG_URL).query({ ref: HEAD.sha }).reply(404, { message: "Not Found" });
    const { github, recorder } = setup();
    await expect(loadConfig(github, REPO, HEAD)).resolves.toBeNull();
    expect(recorder.lines()).toEqual([`GET ${CONFIG_URL}?ref=${HEAD.sha}`]);
  });

  it("opens the issue with every problem when the file is invalid, and promotes nothing", async () => {
    mockConfig(INVALID);
    mockOpenIssues([]);
    api().post("/repos/acme/gitops/issues").reply(201, issue(7, ""));
    const { github, recorder } = setup();
    await expect(loadConfig(github, REPO, HEAD)).resolves.toBeNull();
    const created = recorder.requests.at(-1);
    expect(created?.method).toBe("POST");
    expect((created?.body as { title: string }).title).toBe(CONFIG_ISSUE_TITLE);
    expect((created?.body as { labels: string[] }).labels).toEqual(["promenade"]);
    expect((created?.body as { body: string }).body).toMatchInlineSnapshot(`
      "Promenade found 2 problems in \`.github/promenade.yml\` on the default branch \`main\`. **Promotions are paused in this repository until the file is valid.**

      | Key | Problem |
      | --- | --- |
      | \`environments.staging.from\` | unknown environment; expected one of: dev, staging |
      | \`environments.staging.requires.soak\` | expected a duration like 30m, 2h or 1d |

      To fix: correct the keys above in \`.github/promenade.yml\` and merge the change into \`main\`. To check a change before merging, open it as a pull request: the \`promenade/config\` check validates it, or run \`promenade validate\` in a checkout. Promenade closes this issue by itself once the file is valid.

      <!-- promenade: {"issue":"config"} -->
      "
    `);
    expect(recorder.writes).toBe(1);
  });

  it("updates the open issue instead of opening a second one when the problems changed", async () => {
    mockConfig(INVALID);
    mockOpenIssues([issue(7, "older problems")]);
    api().patch("/repos/acme/gitops/issues/7").reply(200, issue(7, ""));
    const { github, recorder } = setup();
    await expect(loadConfig(github, REPO, HEAD)).resolves.toBeNull();
    expect(recorder.lines()).toEqual([`GET ${CONFIG_URL}?ref=${HEAD.sha}`, "POST /graphql", "PATCH /repos/acme/gitops/issues/7"]);
    expect(recorder.requests.at(-1)?.body).toEqual({ body: expect.stringContaining("unknown environment; expected one of: dev, staging") });
  });

  it("leaves the open issue alone when its problems are the same", async () => {
    const first = setup();
    mockConfig(INVALID);
    mockOpenIssues([]);
    api().post("/repos/acme/gitops/issues").reply(201, issue(7, ""));
    await loadConfig(first.github, REPO, HEAD);
    const body = (first.recorder.requests.at(-1)?.body as { body: string }).body;

    mockConfig(INVALID);
    mockOpenIssues([issue(7, body)]);
    const second = setup();
    await expect(loadConfig(second.github, REPO, HEAD)).resolves.toBeNull();
    expect(second.recorder.writes).toBe(0);
  });

  it("closes the open issue with a comment once the file is valid, and answers the config", async () => {
    mockConfig(VALID);
    mockOpenIssues([issue(7, "problems")]);
    api()
      .post("/repos/acme/gitops/issues/7/comments")
      .reply(201, { id: 1, html_url: "https://github.com/acme/gitops/issues/7#issuecomment-1" })
      .patch("/repos/acme/gitops/issues/7")
      .reply(200, issue(7, "problems"));
    const { github, recorder } = setup();
    const config = await loadConfig(github, REPO, HEAD);
    expect(Object.keys(config?.environments ?? {})).toEqual(["dev", "staging"]);
    expect(recorder.requests.filter((r) => r.kind === "write").map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/repos/acme/gitops/issues/7/comments", { body: "`.github/promenade.yml` on `main` is valid again (aaaaaaa); promotions resume.\n" }],
      ["PATCH", "/repos/acme/gitops/issues/7", { state: "closed", state_reason: "completed" }],
    ]);
  });

  it("answers a valid config without writing when no issue is open", async () => {
    mockConfig(VALID);
    mockOpenIssues([]);
    const { github, recorder } = setup();
    await expect(loadConfig(github, REPO, HEAD)).resolves.toMatchObject({ environments: { dev: { path: "deploy/dev" } } });
    expect(recorder.writes).toBe(0);
  });
});

describe("readConfigAt", () => {
  const read = () => readConfigAt(setup().github, REPO, HEAD.sha);
  const mockBase = (text: string | null, path = ".github%2Fpromenade.yml") => {
    api()
      .post("/graphql")
      .reply(200, { data: { repository: { defaultBranchRef: { name: "main", target: { oid: "b".repeat(40) } } } } });
    const file = api()
      .get(`/repos/acme/.github/contents/${path}`)
      .query({ ref: "b".repeat(40) });
    if (text === null) file.reply(404, { message: "Not Found" });
    else file.reply(200, contents(text));
  };

  it("reports a file that cannot be read as text as invalid", async () => {
    mockConfig(Buffer.from([0x65, 0x6e, 0x76, 0x00]));
    await expect(read()).resolves.toMatchObject({
      status: "invalid",
      error: { file: ".github/promenade.yml", issues: [{ path: "", message: "line 1: binary content (contains a NUL byte), not YAML text" }] },
    });
  });

  it("merges the organisation's base named by _extends under the file: the file's keys win, lists are replaced", async () => {
    mockConfig(`_extends: .github
environments:
  dev:
    path: deploy/dev
pullRequests:
  labels: [deploy]
`);
    mockBase(`environments:
  dev:
    path: base/dev
    autoMerge: true
pullRequests:
  group: environment
  labels: [promotion, base]
`);
    const reading = await read();
    expect(reading.status).toBe("valid");
    if (reading.status !== "valid") return;
    expect(reading.config.environments.dev).toMatchObject({ path: "deploy/dev", autoMerge: true });
    expect(reading.config.pullRequests).toMatchObject({ group: "environment", labels: ["deploy"] });
  });

  it("reads the base at the path after the colon, in the owner's .github repository", async () => {
    mockConfig("_extends: acme/.github:promenade/base.yml\n");
    mockBase("environments:\n  dev: { path: base/dev }\n", "promenade%2Fbase.yml");
    await expect(read()).resolves.toMatchObject({ status: "valid", config: { environments: { dev: { path: "base/dev" } } } });
  });

  it("reports a base that is not there at _extends", async () => {
    mockConfig("_extends: .github\n");
    mockBase(null);
    await expect(read()).resolves.toMatchObject({
      status: "invalid",
      error: {
        issues: [{ path: "_extends", message: "the base config is not in acme/.github (no such file, or Promenade is not installed on acme/.github)" }],
      },
    });
  });

  it("reports a .github repository that GitHub does not show Promenade at _extends", async () => {
    mockConfig("_extends: .github:promenade/base.yml\n");
    api()
      .post("/graphql")
      .reply(200, {
        data: { repository: null },
        errors: [{ type: "NOT_FOUND", path: ["repository"], message: "Could not resolve to a Repository with the name 'acme/.github'." }],
      });
    await expect(read()).resolves.toMatchObject({
      status: "invalid",
      error: {
        issues: [{ path: "_extends", message: "the base config is not in acme/.github (no such file, or Promenade is not installed on acme/.github)" }],
      },
    });
  });

  it("reports a base that is not YAML, or extends again, at _extends", async () => {
    mockConfig("_extends: .github\n");
    mockBase("environments: [\n");
    await expect(read()).resolves.toMatchObject({
      status: "invalid",
      error: { issues: [{ path: "_extends", message: expect.stringMatching(/^the base config in acme\/\.github is not valid YAML \(line \d+: /) }] },
    });
    mockConfig("_extends: .github\n");
    mockBase("_extends: .github:other.yml\n");
    await expect(read()).resolves.toMatchObject({
      status: "invalid",
      error: {
        issues: [
          { path: "_extends", message: "the base config in acme/.github has _extends itself; expected a base without one (Promenade follows one level)" },
        ],
      },
    });
  });

  it("never repeats a value of the base in its problems, which the pull request's author may not be allowed to read", async () => {
    const secret = "AKIAs3cr3tHunter2";
    mockConfig("_extends: .github\n");
    mockBase(`environments:
  dev: { path: "/${secret}", from: "${secret}", requires: { soak: "${secret}", approvals: "${secret}" } }
images: [{ name: "${secret}", tags: { allow: "(?<=${secret})" } }]
policies: [{ name: r, cel: "${secret} ==", message: m }, { builtin: "${secret}" }]
commands: { minimumPermission: "${secret}" }
`);
    const reading = await read();
    if (reading.status !== "invalid") throw new Error("expected the merged config to be invalid");
    const check = configCheckFailure(reading.error);
    expect(reading.error.issues.length).toBeGreaterThanOrEqual(8);
    for (const text of [check.summary, configIssueBodyMarkdown(reading.error, "main"), reading.error.message]) expect(text).not.toContain(secret);
  });

  it.each(["platform:promenade/base.yml", "acme/platform", "other/.github", "acme/other-repo:secrets.yml", ".github:../secrets.yml", "[a, b]"])(
    "refuses _extends: %s, reading nothing but the file",
    async (value) => {
      mockConfig(`_extends: ${value}\nenvironments:\n  dev: { path: deploy/dev }\n`);
      const { github, recorder } = setup();
      const reading = await readConfigAt(github, REPO, HEAD.sha);
      expect(reading).toMatchObject({
        status: "invalid",
        error: { issues: [{ path: "_extends", message: expect.stringMatching(/^expected the .*no other repository is read$/) }] },
      });
      expect(recorder.lines()).toEqual([`GET ${CONFIG_URL}?ref=${HEAD.sha}`]);
    },
  );
});
