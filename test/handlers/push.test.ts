import nock from "nock";
import { describe, expect, it } from "vitest";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { hold, listedHoldsIssue, mockHoldsIssues } from "../helpers/holds-issue.js";
import { pushPayload } from "../helpers/payloads.js";
import { createPromotionApp } from "./app.js";
import { mockFileAt, recordedDeployments } from "./deployment-mocks.js";
import { FixtureRepo, HEAD_SHA, REPO } from "./fixture-repo.js";
import {
  committedFiles,
  mockNewPromotion,
  mockOpenPullRequest,
  mockOpenPullRequests,
  pullRequest,
  sentBodies,
  signedPromotionBody,
  type PullRequestResponse,
} from "./promotion-mocks.js";

useNockGuard();

const PAYLOAD_REPO = { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" };
const BEFORE = "b".repeat(40);

/** A file of the fleet fixture, as it is at HEAD_SHA. */
function fleetFile(path: string): string {
  return new FixtureRepo("fleet").files.get(path) as string;
}

/** A push of `after` (default: HEAD_SHA) to `ref` (default: main) changing `files`. */
function pushed(
  files: { modified?: string[]; added?: string[]; removed?: string[] },
  options: { ref?: string; message?: string; after?: string; before?: string } = {},
) {
  return { id: "push-1", name: "push" as const, payload: pushPayload({ repo: PAYLOAD_REPO, before: BEFORE, after: HEAD_SHA, files, ...options }) };
}

/** The PRs that merged `sha` (default: HEAD_SHA). */
function mockMergedBy(prs: PullRequestResponse[], sha = HEAD_SHA): void {
  nock(GITHUB_API).get(`/repos/acme/gitops/commits/${sha}/pulls`).query({ per_page: "100" }).reply(200, prs);
}

/** Recording a deployment: the deployment `id` and its status. */
function mockDeployment(id: number): void {
  nock(GITHUB_API)
    .post("/repos/acme/gitops/deployments")
    .reply(201, { id, sha: HEAD_SHA, environment: "dev" })
    .post(`/repos/acme/gitops/deployments/${id}/statuses`)
    .reply(201, { id: 1, state: "success" });
}

/** No comment on #`number` yet; the new one is created. */
function mockNewComment(number: number): void {
  nock(GITHUB_API)
    .get(`/repos/acme/gitops/issues/${number}/comments`)
    .query({ per_page: "100" })
    .reply(200, [])
    .post(`/repos/acme/gitops/issues/${number}/comments`)
    .reply(201, { id: 900, html_url: `https://github.com/acme/gitops/pull/${number}#issuecomment-900` });
}

describe("push to the default branch", () => {
  it("turns a merged dev PR into a staging PR, and links it from the merged PR", async () => {
    const { probot, recorder } = await createPromotionApp();
    new FixtureRepo("fleet").serve();
    const created = mockNewPromotion("promenade/staging/api", 12);
    mockMergedBy([pullRequest(11, "promenade/dev/api", { state: "closed", merged_at: "2024-05-01T12:00:00Z" })]);
    mockFileAt("deploy/dev/kustomization.yaml", BEFORE, fleetFile("deploy/dev/kustomization.yaml").replace("1.4.1", "1.4.0"));
    mockDeployment(77);
    mockNewComment(11);
    mockOpenPullRequests();
    const merge = pushed({ modified: ["deploy/dev/kustomization.yaml"] }, { message: "Merge pull request #11 from acme/promenade/dev/api" });
    await probot.receive(merge);
    expect(recordedDeployments(recorder)).toEqual([
      {
        ref: HEAD_SHA,
        task: "promenade",
        environment: "dev",
        payload: { images: { "ghcr.io/acme/api": { tag: "1.4.1", digest: null } } },
        description: "Promoted by #11",
        auto_merge: false,
        required_contexts: [],
        production_environment: false,
      },
    ]);
    expect(sentBodies(recorder, "POST", "/repos/acme/gitops/deployments/77/statuses")).toEqual([
      { state: "success", log_url: "https://github.com/acme/gitops/pull/11", auto_inactive: true },
    ]);
    expect(committedFiles(recorder)).toMatchInlineSnapshot(`
      [
        {
          "branch": "promenade/staging/api",
          "content": "apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      resources:
        - ../base
      images:
        - name: ghcr.io/acme/api
          newTag: "1.4.1"
      ",
          "path": "deploy/staging/kustomization.yaml",
        },
      ]
    `);
    expect(created[0]?.title).toBe("Promote api 1.4.1 to staging");
    expect(created[0]?.body).toMatchInlineSnapshot(`
      "This PR promotes to **staging** the versions that run in **dev**.

      | image | from | to | bump | running in \`dev\` since |
      | --- | --- | --- | --- | --- |
      | \`ghcr.io/acme/api\` | \`1.4.0\` | \`1.4.1\` | patch | [2019-05-15 15:19 UTC](https://github.com/acme/gitops/commit/c0ffee0000000000000000000000000000000000) |

      <!-- promenade: {"version":1,"environment":"staging","from":"dev","branch":"promenade/staging/api","images":[{"image":"ghcr.io/acme/api","fromVersion":{"tag":"1.4.0","digest":null},"toVersion":{"tag":"1.4.1","digest":null},"bump":"patch","since":"2019-05-15T15:19:25.000Z"}],"trigger":{"kind":"environment-change","environment":"dev"},"actor":"Codertocat","superseded":[],"commit":"dddddddddddddddddddddddddddddddddddddddd","files":["deploy/staging/kustomization.yaml"],"sig":"d69969abe5a630a81fc85b30ea9a12c928ca3bb2b9ccc48d9f8c709cc8e4dacb"} -->
      "
    `);
    expect(sentBodies(recorder, "POST", "/repos/acme/gitops/issues/11/comments")).toMatchInlineSnapshot(`
      [
        {
          "body": "<!-- promenade-next-hop -->
      The next hop:
      - [Promote api 1.4.1 to staging](https://github.com/acme/gitops/pull/12)
      ",
        },
      ]
    `);
    expect(recorder.lines()).toMatchInlineSnapshot(`
      [
        "POST /graphql",
        "GET /repos/acme/gitops/tarball/c0ffee0000000000000000000000000000000000",
        "POST /graphql",
        "GET https://codeload.github.com/acme/gitops/legacy.tar.gz/c0ffee0000000000000000000000000000000000",
        "GET /repos/acme/gitops/commits/c0ffee0000000000000000000000000000000000/pulls?per_page=100",
        "GET /repos/acme/gitops/contents/deploy%2Fdev%2Fkustomization.yaml?ref=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "POST /repos/acme/gitops/deployments",
        "POST /repos/acme/gitops/deployments/77/statuses",
        "GET /repos/acme/gitops/pulls?state=open&head=acme%3Apromenade%2Fstaging%2Fapi&per_page=1",
        "POST /graphql",
        "POST /repos/acme/gitops/pulls",
        "POST /repos/acme/gitops/issues/12/labels",
        "GET /repos/acme/gitops/issues/11/comments?per_page=100",
        "POST /repos/acme/gitops/issues/11/comments",
        "GET /repos/acme/gitops/pulls?state=open&per_page=100",
      ]
    `);
  });

  it("fans out a staging change to both production regions", async () => {
    const { probot, recorder } = await createPromotionApp();
    new FixtureRepo("fleet").serve();
    mockNewPromotion("promenade/prod-eu/api", 21);
    mockNewPromotion("promenade/prod-us/api", 22);
    mockMergedBy([]);
    mockFileAt("deploy/staging/kustomization.yaml", BEFORE, fleetFile("deploy/staging/kustomization.yaml").replace('"1.4.0"', '"1.3.0"'));
    mockDeployment(78);
    mockOpenPullRequests();
    await probot.receive(pushed({ modified: ["deploy/staging/kustomization.yaml"] }));
    expect(recordedDeployments(recorder)).toEqual([
      expect.objectContaining({
        environment: "staging",
        task: "promenade",
        description: "Changed by c0ffee0",
        payload: { images: { "ghcr.io/acme/api": { tag: "1.4.0", digest: null } } },
      }),
    ]);
    expect(committedFiles(recorder)).toMatchInlineSnapshot(`
      [
        {
          "branch": "promenade/prod-eu/api",
          "content": "# Helm values for the EU region.
      replicaCount: 3
      image:
        repository: ghcr.io/acme/api
        tag: 1.4.0
      ",
          "path": "deploy/prod-eu/values.yaml",
        },
        {
          "branch": "promenade/prod-us/api",
          "content": "apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
        namespace: us
      spec:
        replicas: 3
        selector:
          matchLabels: { app: api }
        template:
          metadata:
            labels: { app: api }
          spec:
            containers:
              - name: api
                image: ghcr.io/acme/api:1.4.0
      ",
          "path": "deploy/prod-us/deployment.yaml",
        },
      ]
    `);
    expect(sentBodies(recorder, "POST", "/repos/acme/gitops/pulls").map((body) => (body as { title: string }).title)).toEqual([
      "Promote api 1.4.0 to prod-eu",
      "Promote api 1.4.0 to prod-us",
    ]);
    // The deployment and its status, then per region: the branch with its commit (one request), the PR and its labels.
    expect(recorder.writes).toBe(8);
  });

  it("reads the config, the changed file before the push, the archive and the open PRs for a push that changes an environment without a next hop, and records nothing when its versions stay", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet");
    fleet.serve();
    mockMergedBy([]);
    mockFileAt("deploy/prod-eu/values.yaml", BEFORE, fleetFile("deploy/prod-eu/values.yaml").replace("replicaCount: 3", "replicaCount: 2"));
    mockOpenPullRequests([pullRequest(5, "feature/docs", { body: "Not a promotion." })]);
    await probot.receive(pushed({ modified: ["README.md", "deploy/prod-eu/values.yaml"], added: ["deploy/base/service.yaml"] }));
    expect(recorder.lines()).toHaveLength(7);
    expect(recorder.writes).toBe(0);
  });

  it("reads the files before a push that changes more than 10 of them from one archive, and records the versions the environment runs since", async () => {
    const { probot, recorder } = await createPromotionApp();
    const extra = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`deploy/prod-eu/extra-${i}.yaml`, `kind: ConfigMap\nmetadata: { name: extra-${i} }\n`]),
    );
    const fleet = new FixtureRepo("fleet", HEAD_SHA, extra);
    fleet.serve();
    mockMergedBy([]);
    new FixtureRepo("fleet", BEFORE, { "deploy/prod-eu/values.yaml": fleetFile("deploy/prod-eu/values.yaml").replace("1.3.0", "1.2.0") }).serveArchive();
    mockDeployment(80);
    mockOpenPullRequests([]);
    await probot.receive(pushed({ modified: ["deploy/prod-eu/values.yaml"], added: Object.keys(extra) }));
    expect(recordedDeployments(recorder)).toEqual([
      expect.objectContaining({ environment: "prod-eu", payload: { images: { "ghcr.io/acme/api": { tag: "1.3.0", digest: null } } } }),
    ]);
    expect(recorder.lines().filter((line) => line.includes("/contents/deploy"))).toEqual([]);
  });

  it("records the versions of the pushed commit, from its own archive, when main has moved on since", async () => {
    const { probot, recorder } = await createPromotionApp();
    const pushedSha = "d1".padEnd(40, "0");
    const fleet = new FixtureRepo("fleet");
    fleet.serveHeadAndConfig();
    mockHoldsIssues([]);
    new FixtureRepo("fleet", pushedSha, { "deploy/prod-eu/values.yaml": fleetFile("deploy/prod-eu/values.yaml").replace("1.3.0", "1.2.5") }).serveArchive();
    mockMergedBy([], pushedSha);
    mockFileAt("deploy/prod-eu/values.yaml", BEFORE, fleetFile("deploy/prod-eu/values.yaml").replace("1.3.0", "1.2.0"));
    mockDeployment(81);
    mockOpenPullRequests([]);
    await probot.receive(pushed({ modified: ["deploy/prod-eu/values.yaml"] }, { after: pushedSha }));
    expect(recordedDeployments(recorder)).toEqual([
      expect.objectContaining({ ref: pushedSha, environment: "prod-eu", payload: { images: { "ghcr.io/acme/api": { tag: "1.2.5", digest: null } } } }),
    ]);
  });

  it("records every environment the push that creates the default branch brings, reading nothing before it", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet");
    fleet.serve();
    mockMergedBy([]);
    mockDeployment(82);
    mockOpenPullRequests([]);
    await probot.receive(pushed({ added: ["deploy/prod-eu/values.yaml"] }, { before: "0".repeat(40) }));
    expect(recordedDeployments(recorder)).toEqual([
      expect.objectContaining({ environment: "prod-eu", payload: { images: { "ghcr.io/acme/api": { tag: "1.3.0", digest: null } } } }),
    ]);
  });

  it("records an environment whose changed file could not be read as YAML text before the push", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet");
    fleet.serve();
    mockMergedBy([]);
    mockFileAt("deploy/prod-eu/values.yaml", BEFORE, "image:\u0000binary");
    mockDeployment(83);
    mockOpenPullRequests([]);
    await probot.receive(pushed({ modified: ["deploy/prod-eu/values.yaml"] }));
    expect(recordedDeployments(recorder)).toEqual([expect.objectContaining({ environment: "prod-eu" })]);
  });

  it("records nothing for an environment one of whose files it cannot read at the pushed commit, and goes on", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet", HEAD_SHA, { "deploy/prod-eu/blob.yaml": "\u0000" });
    fleet.serve();
    mockMergedBy([]);
    mockFileAt("deploy/prod-eu/values.yaml", BEFORE, fleetFile("deploy/prod-eu/values.yaml").replace("1.3.0", "1.2.0"));
    mockOpenPullRequests([]);
    await probot.receive(pushed({ modified: ["deploy/prod-eu/values.yaml"] }));
    expect(recorder.writes).toBe(0);
    expect(recorder.lines().at(-1)).toBe("GET /repos/acme/gitops/pulls?state=open&per_page=100");
  });

  it("reads only the config for a push that changes no environment", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet");
    fleet.serveHeadAndConfig();
    mockHoldsIssues([]);
    await probot.receive(pushed({ modified: ["README.md"], added: ["deploy/base/service.yaml"] }));
    expect(recorder.lines()).toHaveLength(2);
    expect(recorder.writes).toBe(0);
  });

  it("closes with a note an open promotion PR whose versions a hand-made change already brought", async () => {
    const { probot, recorder } = await createPromotionApp();
    new FixtureRepo("fleet").serve();
    const branch = "promenade/prod-eu/api";
    const body = signedPromotionBody(
      {
        environment: "prod-eu",
        from: "staging",
        images: [{ image: "ghcr.io/acme/api", fromVersion: { tag: "1.2.0", digest: null }, toVersion: { tag: "1.3.0", digest: null }, bump: "minor" }],
        branch,
        title: "Promote api 1.3.0 to prod-eu",
        trigger: { kind: "environment-change", environment: "staging" },
      },
      "e".repeat(40),
      ["deploy/prod-eu/values.yaml"],
    );
    const stale = pullRequest(30, branch, { title: "Promote api 1.3.0 to prod-eu", body });
    mockOpenPullRequests([stale, pullRequest(31, "promenade/prod-us/api", { body: "edited by hand: no data block" })]);
    mockOpenPullRequest(branch, stale);
    mockMergedBy([]);
    mockFileAt("deploy/prod-eu/values.yaml", BEFORE, fleetFile("deploy/prod-eu/values.yaml").replace("1.3.0", "1.2.0"));
    mockDeployment(79);
    nock(GITHUB_API)
      .post("/repos/acme/gitops/issues/30/comments")
      .reply(201, { id: 901, html_url: "https://github.com/acme/gitops/pull/30#issuecomment-901" })
      .patch("/repos/acme/gitops/pulls/30", { state: "closed" })
      .reply(200, { ...stale, state: "closed" });
    await probot.receive(pushed({ modified: ["deploy/prod-eu/values.yaml"] }));
    expect(recordedDeployments(recorder)).toEqual([expect.objectContaining({ environment: "prod-eu", description: "Changed by c0ffee0" })]);
    expect(recorder.writes).toBe(4);
    expect((sentBodies(recorder, "POST", "/repos/acme/gitops/issues/30/comments")[0] as { body: string }).body).toMatch(
      /^\*\*prod-eu\*\* already runs `ghcr.io\/acme\/api` 1.3.0 on `main`/,
    );
  });

  it("opens no promotion PR into a held environment", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet");
    fleet.serveHeadAndConfig();
    mockHoldsIssues([listedHoldsIssue([hold("staging", "alice", "release freeze")])]);
    fleet.serveArchive();
    mockMergedBy([]);
    mockFileAt("deploy/dev/kustomization.yaml", BEFORE, fleetFile("deploy/dev/kustomization.yaml").replace(" # dev gets every release", ""));
    mockOpenPullRequests([]);
    await probot.receive(pushed({ modified: ["deploy/dev/kustomization.yaml"] }));
    expect(recorder.writes).toBe(0);
  });

  it("ignores pushes to other branches without a single request", async () => {
    const { probot, recorder } = await createPromotionApp({ token: false });
    await probot.receive(pushed({ modified: ["deploy/dev/kustomization.yaml"] }, { ref: "refs/heads/feature" }));
    expect(recorder.lines()).toEqual([]);
  });

  it("stays silent in a repository without .github/promenade.yml", async () => {
    const { probot, recorder } = await createPromotionApp();
    new FixtureRepo("fleet", undefined, { ".github/promenade.yml": null }).serve();
    await probot.receive(pushed({ modified: ["deploy/dev/kustomization.yaml"] }));
    expect(recorder.lines()).toHaveLength(1);
    expect(recorder.writes).toBe(0);
  });
});
