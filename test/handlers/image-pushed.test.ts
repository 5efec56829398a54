import { createHash, generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import promenade from "../../src/index.js";
import { queueOf } from "../../src/service/intake.js";
import { GITHUB_API, mockInstallationToken, RequestRecorder, testOctokitClass, useNockGuard } from "../helpers/github-mock.js";
import { mockHoldsIssues } from "../helpers/holds-issue.js";
import { INSTALLATION_ID, packagePublishedPayload, registryPackagePublishedPayload, repositoryDispatchPayload } from "../helpers/payloads.js";
import { createPromotionApp } from "./app.js";
import { indexed, mockIndexBuild } from "./routing-mocks.js";
import { FixtureRepo, HEAD_SHA, REPO } from "./fixture-repo.js";
import {
  commitCount,
  committedFiles,
  mockAddLabels,
  mockReplaceCommit,
  mockNewPromotion,
  mockOpenPullRequest,
  mockUpdatePullRequest,
  replacedFiles,
  sentBodies,
  type PullRequestResponse,
} from "./promotion-mocks.js";

useNockGuard();

const PAYLOAD_REPO = { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" };
const DEV_BRANCH = "promenade/dev/api";

/** A made-up digest of `tag`. */
function digestOf(tag: string): string {
  return `sha256:${createHash("sha256").update(tag).digest("hex")}`;
}

/** The delivery of `ghcr.io/acme/api:<tag>` pushed, announced to the GitOps repository (package events are routed to it: image-routing.test.ts). */
/**
 * The most round trips the recorder may count for opening a promotion PR,
 * the installation token's included: 6; one more when who the app is (read
 * once per process) is asked only after the head's read came back, and one
 * more when the fixture's small archive came back before the head's read did
 * (the recorder, which counts from the deepest request completed, then puts
 * the look-ups that wait only for the head after the archive's download).
 */
const MAX_ROUND_TRIPS = 8;

function pushed(tag: string) {
  const clientPayload = { image: "ghcr.io/acme/api", tag, digest: digestOf(tag) };
  const payload = repositoryDispatchPayload({ repo: PAYLOAD_REPO, eventType: "promenade-image", clientPayload });
  return { id: `delivery-${tag}`, name: "repository_dispatch" as const, payload };
}

/**
 * The fleet cut to 5 files (the config and one file per environment), plus
 * `extra` services of other images in dev, which planning reads too.
 */
function fleetWithServices(extra: number): FixtureRepo {
  const changes: Record<string, string | null> = { "README.md": null, "deploy/base/deployment.yaml": null, "deploy/base/kustomization.yaml": null };
  for (let i = 0; i < extra; i++) {
    changes[`deploy/dev/svc-${String(i).padStart(3, "0")}.yaml`] = `image: ghcr.io/acme/svc-${i}:1.0.${i} # service ${i}\n`;
  }
  return new FixtureRepo("fleet", undefined, changes);
}

/**
 * 1.5.0 pushed, opening PR #7; then what the next delivery of 1.5.0 finds:
 * the fleet served again and PR #7 open with `labels`.
 */
async function openedOnce(labels: string[]) {
  const app = await createPromotionApp();
  const fleet = new FixtureRepo("fleet");
  fleet.serve();
  const created = mockNewPromotion(DEV_BRANCH, 7);
  await app.probot.receive(pushed("1.5.0"));
  fleet.serve();
  mockOpenPullRequest(DEV_BRANCH, { ...(created[0] as PullRequestResponse), labels: labels.map((name) => ({ name })) });
  return app;
}

describe("image pushed", () => {
  it("opens a dev PR with the new tag, in 4 writes", async () => {
    const { probot, recorder } = await createPromotionApp();
    new FixtureRepo("fleet").serve();
    const created = mockNewPromotion(DEV_BRANCH, 7);
    await probot.receive(pushed("1.5.0"));
    expect(committedFiles(recorder)).toMatchInlineSnapshot(`
      [
        {
          "branch": "promenade/dev/api",
          "content": "apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      resources:
        - ../base
      images:
        - name: ghcr.io/acme/api
          newTag: "1.5.0" # dev gets every release
      ",
          "path": "deploy/dev/kustomization.yaml",
        },
      ]
    `);
    expect(created[0]?.title).toBe("Promote api 1.5.0 to dev");
    expect(created[0]?.body).toMatchInlineSnapshot(`
      "A new version was pushed: \`ghcr.io/acme/api:1.5.0\`. This PR brings it to **dev**.

      | image | from | to | bump |
      | --- | --- | --- | --- |
      | \`ghcr.io/acme/api\` | \`1.4.1\` | \`1.5.0\` (\`sha256:1f4dc096d58f\`) | minor |

      <!-- promenade: {"version":1,"environment":"dev","branch":"promenade/dev/api","images":[{"image":"ghcr.io/acme/api","fromVersion":{"tag":"1.4.1","digest":null},"toVersion":{"tag":"1.5.0","digest":"sha256:1f4dc096d58f7d21e3875671aee6f29b120ab84218fa47db2cb53bc9eb5b4dac"},"bump":"minor"}],"trigger":{"kind":"push","image":"ghcr.io/acme/api","tag":"1.5.0","digest":"sha256:1f4dc096d58f7d21e3875671aee6f29b120ab84218fa47db2cb53bc9eb5b4dac"},"superseded":[],"commit":"dddddddddddddddddddddddddddddddddddddddd","files":["deploy/dev/kustomization.yaml"],"sig":"bbfee5f56e27ed7125953cb8a184ae92a04f74188441e9807db48b780da55feb"} -->
      "
    `);
    expect(sentBodies(recorder, "POST", "/repos/acme/gitops/issues/7/labels")).toEqual([{ labels: ["promotion", "automated"] }]);
    expect(recorder.lines()).toMatchInlineSnapshot(`
      [
        "GET /repos/acme/gitops/tarball/main",
        "POST /graphql",
        "GET https://codeload.github.com/acme/gitops/legacy.tar.gz/refs/heads/main",
        "GET /repos/acme/gitops/pulls?state=open&head=acme%3Apromenade%2Fdev%2Fapi&per_page=1",
        "POST /graphql",
        "POST /graphql",
        "POST /repos/acme/gitops/pulls",
        "POST /repos/acme/gitops/issues/7/labels",
      ]
    `);
    expect({ reads: recorder.reads, writes: recorder.writes }).toEqual({ reads: 5, writes: 3 });
    // The installation token, the head with the config beside the default branch's archive (asked for by its name),
    // then the archive's download (its redirect followed) beside the issues and the open-PR look-up, and the 3 writes
    // (the branch and its commit in one request): 6 round trips (7 when who the app is, read once per process, is asked late).
    expect(recorder.roundTrips).toBeGreaterThanOrEqual(6);
    expect(recorder.roundTrips).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
  });

  it("reads as much in a repository of 5 files as in one of 500", async () => {
    const costs = [];
    for (const extra of [0, 495]) {
      const { probot, recorder } = await createPromotionApp();
      const fleet = fleetWithServices(extra);
      fleet.serve();
      mockNewPromotion(DEV_BRANCH, 7);
      await probot.receive(pushed("1.5.0"));
      costs.push({ files: fleet.files.size, reads: recorder.reads, writes: recorder.writes, roundTrips: recorder.roundTrips <= MAX_ROUND_TRIPS });
    }
    expect(costs).toEqual([
      { files: 5, reads: 5, writes: 3, roundTrips: true },
      { files: 500, reads: 5, writes: 3, roundTrips: true },
    ]);
  });

  it("reads package.published and a promenade-image dispatch the same way", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet");
    mockIndexBuild([indexed(fleet)]);
    fleet.serve();
    mockNewPromotion(DEV_BRANCH, 7);
    const pkg = packagePublishedPayload({ repo: PAYLOAD_REPO, name: "api", tag: "1.5.0", digest: digestOf("1.5.0") });
    await probot.receive({ id: "p", name: "package", payload: pkg });
    fleet.serve();
    mockNewPromotion("promenade/dev/api", 8);
    const clientPayload = { image: "ghcr.io/acme/api", tag: "1.6.0" };
    const dispatch = repositoryDispatchPayload({ repo: PAYLOAD_REPO, eventType: "promenade-image", clientPayload });
    await probot.receive({ id: "d", name: "repository_dispatch", payload: dispatch });
    expect(committedFiles(recorder).map((file) => file.content.match(/newTag: .*|digest: .*/g))).toEqual([
      ['newTag: "1.5.0" # dev gets every release'],
      ['newTag: "1.6.0" # dev gets every release'],
    ]);
  });

  it("writes nothing for an older, an equal or an out-of-range tag", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet");
    for (const tag of ["1.4.0", "1.4.1", "2.0.0"]) {
      fleet.serve();
      await probot.receive(pushed(tag));
    }
    expect(recorder.writes).toBe(0);
  });

  it("ignores other package types, other dispatches and a dispatch with a bad payload", async () => {
    const { probot, recorder } = await createPromotionApp({ token: false });
    const npm = registryPackagePublishedPayload({ repo: PAYLOAD_REPO, name: "api", tag: "1.5.0" });
    npm.registry_package.package_type = "npm";
    await probot.receive({ id: "npm", name: "registry_package", payload: npm });
    const clientPayload = { image: "ghcr.io/acme/api", tag: "1.5.0" };
    const other = repositoryDispatchPayload({ repo: PAYLOAD_REPO, eventType: "deploy", clientPayload });
    await probot.receive({ id: "other", name: "repository_dispatch", payload: other });
    const bad = repositoryDispatchPayload({ repo: PAYLOAD_REPO, eventType: "promenade-image", clientPayload: { image: "ghcr.io/acme/api:1.5.0" } });
    await probot.receive({ id: "bad", name: "repository_dispatch", payload: bad });
    expect(recorder.lines()).toEqual([]);
  });

  it("refuses a tag longer than 128 characters from every trigger: nothing read, nothing promoted", async () => {
    const { probot, recorder } = await createPromotionApp({ token: false });
    const tag = `1.5.0-${"a".repeat(123)}`;
    const registry = registryPackagePublishedPayload({ repo: PAYLOAD_REPO, name: "api", tag, digest: digestOf(tag) });
    await probot.receive({ id: "long-registry", name: "registry_package", payload: registry });
    const pkg = packagePublishedPayload({ repo: PAYLOAD_REPO, name: "api", tag, digest: digestOf(tag) });
    await probot.receive({ id: "long-package", name: "package", payload: pkg });
    const dispatch = repositoryDispatchPayload({ repo: PAYLOAD_REPO, eventType: "promenade-image", clientPayload: { image: "ghcr.io/acme/api", tag } });
    await probot.receive({ id: "long-dispatch", name: "repository_dispatch", payload: dispatch });
    expect(tag).toHaveLength(129);
    expect(recorder.requests).toEqual([]);
  });

  it("stays silent in a repository without .github/promenade.yml (the default branch's archive, asked for beside the head, dropped)", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet", undefined, { ".github/promenade.yml": null });
    fleet.serve();
    fleet.serveArchive("branch");
    await probot.receive(pushed("1.5.0"));
    expect(recorder.lines()).toMatchInlineSnapshot(`
      [
        "GET /repos/acme/gitops/tarball/main",
        "POST /graphql",
        "GET https://codeload.github.com/acme/gitops/legacy.tar.gz/refs/heads/main",
      ]
    `);
    expect(recorder.writes).toBe(0);
  });

  it("opens the config issue and promotes nothing when .github/promenade.yml is invalid (the default branch's archive dropped)", async () => {
    const { probot, recorder } = await createPromotionApp();
    const broken = "environments:\n  dev:\n    path: deploy/dev\n  staging:\n    path: deploy/staging\n    from: qa\n";
    const fleet = new FixtureRepo("fleet", undefined, { ".github/promenade.yml": broken });
    fleet.serveHeadAndConfig();
    mockHoldsIssues([]);
    fleet.serveArchive("branch");
    nock(GITHUB_API).post("/repos/acme/gitops/issues").reply(201, { number: 3, html_url: "https://github.com/acme/gitops/issues/3" });
    await probot.receive(pushed("1.5.0"));
    const [issue] = sentBodies(recorder, "POST", "/repos/acme/gitops/issues") as { title: string; body: string; labels: string[] }[];
    expect(issue?.title).toBe("Action required: fix .github/promenade.yml");
    expect(issue?.labels).toEqual(["promenade"]);
    expect(issue?.body).toContain("| `environments.staging.from` | unknown environment; expected one of: dev, staging |");
    expect(commitCount(recorder)).toBe(0);
    expect(recorder.writes).toBe(1);
    // Downloaded beside the head's read, and nothing else: no archive by the head's sha.
    expect(recorder.lines().filter((line) => /tarball|codeload/.test(line))).toEqual([
      "GET /repos/acme/gitops/tarball/main",
      "GET https://codeload.github.com/acme/gitops/legacy.tar.gz/refs/heads/main",
    ]);
  });

  it("updates the open PR in place when a newer version arrives, saying what it superseded", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet");
    fleet.serve();
    const created = mockNewPromotion(DEV_BRANCH, 7);
    await probot.receive(pushed("1.5.0"));
    const open = { ...(created[0] as PullRequestResponse), labels: [{ name: "promotion" }, { name: "automated" }] };
    fleet.serve();
    mockOpenPullRequest(DEV_BRANCH, open);
    mockReplaceCommit(DEV_BRANCH, fleet.sha);
    mockUpdatePullRequest(open);
    await probot.receive(pushed("1.6.0"));
    expect(commitCount(recorder)).toBe(1);
    expect(replacedFiles(recorder)).toEqual([{ path: "deploy/dev/kustomization.yaml", content: expect.stringContaining('newTag: "1.6.0"') as string }]);
    expect(sentBodies(recorder, "POST", "/repos/acme/gitops/git/commits")).toEqual([
      { message: expect.stringMatching(/^Promote api 1.6.0 to dev/) as string, tree: "8".repeat(40), parents: [fleet.sha] },
    ]);
    expect(sentBodies(recorder, "PATCH", "/repos/acme/gitops/git/refs/heads%2Fpromenade%2Fdev%2Fapi")).toEqual([{ sha: "9".repeat(40), force: true }]);
    // The first delivery's 3 writes (branch with commit, PR, labels), then the update's 4 (tree, commit, branch, PR).
    expect(recorder.writes - 3).toBe(4);
    expect(sentBodies(recorder, "POST", "/repos/acme/gitops/pulls")).toHaveLength(1);
    const [update] = sentBodies(recorder, "PATCH", "/repos/acme/gitops/pulls/7") as { title: string; body: string }[];
    expect(update?.title).toBe("Promote api 1.6.0 to dev");
    expect(update?.body).toMatchInlineSnapshot(`
      "A new version was pushed: \`ghcr.io/acme/api:1.6.0\`. This PR brings it to **dev**.

      | image | from | to | bump |
      | --- | --- | --- | --- |
      | \`ghcr.io/acme/api\` | \`1.4.1\` | \`1.6.0\` (\`sha256:562368b20a64\`) | minor |

      Supersedes \`ghcr.io/acme/api\` 1.5.0.

      <!-- promenade: {"version":1,"environment":"dev","branch":"promenade/dev/api","images":[{"image":"ghcr.io/acme/api","fromVersion":{"tag":"1.4.1","digest":null},"toVersion":{"tag":"1.6.0","digest":"sha256:562368b20a64be95651bb8246b7420f7fce55538dff999aefaa78662a14d0d39"},"bump":"minor"}],"trigger":{"kind":"push","image":"ghcr.io/acme/api","tag":"1.6.0","digest":"sha256:562368b20a64be95651bb8246b7420f7fce55538dff999aefaa78662a14d0d39"},"superseded":[{"image":"ghcr.io/acme/api","tag":"1.5.0","digest":"sha256:1f4dc096d58f7d21e3875671aee6f29b120ab84218fa47db2cb53bc9eb5b4dac"}],"commit":"9999999999999999999999999999999999999999","files":["deploy/dev/kustomization.yaml"],"sig":"9df37b6b6579a499639c5cbeaf3e32c2b4bd587972259ee9ba505c2b38c554e5"} -->
      "
    `);
  });

  it("refuses the same delivery twice: one commit and one PR, no request for the second", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet");
    fleet.serve();
    mockNewPromotion(DEV_BRANCH, 7);
    await probot.receive(pushed("1.5.0"));
    const requests = recorder.requests.length;
    await probot.receive(pushed("1.5.0"));
    expect(recorder.requests).toHaveLength(requests);
    expect(commitCount(recorder)).toBe(1);
    expect(sentBodies(recorder, "POST", "/repos/acme/gitops/pulls")).toHaveLength(1);
    expect(recorder.writes).toBe(3);
  });

  it("opens one commit and one PR when two deliveries announce the same version", async () => {
    const { probot, recorder } = await openedOnce(["promotion", "automated"]);
    await probot.receive({ ...pushed("1.5.0"), id: "another-delivery" });
    expect(commitCount(recorder)).toBe(1);
    expect(sentBodies(recorder, "POST", "/repos/acme/gitops/pulls")).toHaveLength(1);
    expect(recorder.writes).toBe(3);
  });

  it("completes a run cut short before labelling when the next delivery comes", async () => {
    const { probot, recorder } = await openedOnce(["promotion"]);
    mockAddLabels(7);
    await probot.receive({ ...pushed("1.5.0"), id: "the-next-delivery" });
    expect(commitCount(recorder)).toBe(1);
    expect(sentBodies(recorder, "POST", "/repos/acme/gitops/issues/7/labels")).toEqual([{ labels: ["promotion", "automated"] }, { labels: ["automated"] }]);
  });

  describe("the archive of the default branch, downloaded beside the head's read", () => {
    const DEV_FILE = "deploy/dev/kustomization.yaml";
    const EARLIER_SHA = "ea71e7".padEnd(40, "0");

    /** The fleet one commit before the head: dev's file says so, so a promotion made from it would show. */
    const earlier = () => {
      const fleet = new FixtureRepo("fleet", EARLIER_SHA);
      fleet.files.set(DEV_FILE, (fleet.files.get(DEV_FILE) as string).replace("# dev gets every release", "# an earlier commit"));
      return fleet;
    };

    /** The archive lines of the requests sent. */
    const archiveLines = (recorder: RequestRecorder) => recorder.lines().filter((line) => /tarball|codeload/.test(line));

    it.each([
      { header: "with", paxHeader: true },
      { header: "without", paxHeader: false },
    ])("is used when it is of the head ($header a pax header): one download", async ({ paxHeader }) => {
      const { probot, recorder } = await createPromotionApp();
      const fleet = new FixtureRepo("fleet");
      fleet.serveHeadAndConfig();
      mockHoldsIssues([]);
      fleet.serveArchive("branch", { paxHeader });
      mockNewPromotion(DEV_BRANCH, 7);
      await probot.receive(pushed("1.5.0"));
      expect(committedFiles(recorder).map((file) => file.content.match(/newTag: .*/g))).toEqual([['newTag: "1.5.0" # dev gets every release']]);
      expect(archiveLines(recorder)).toEqual([
        "GET /repos/acme/gitops/tarball/main",
        "GET https://codeload.github.com/acme/gitops/legacy.tar.gz/refs/heads/main",
      ]);
    });

    it.each([
      { header: "with", paxHeader: true },
      { header: "without", paxHeader: false },
    ])(
      "is dropped when a push moved the branch in between ($header a pax header): the head's files are promoted, downloaded by its sha",
      async ({ paxHeader }) => {
        const { probot, recorder } = await createPromotionApp();
        const head = new FixtureRepo("fleet");
        earlier().serveArchive("branch", { paxHeader });
        head.serveHeadAndConfig();
        mockHoldsIssues([]);
        head.serveArchive("sha");
        mockNewPromotion(DEV_BRANCH, 7);
        await probot.receive(pushed("1.5.0"));
        expect(committedFiles(recorder)).toEqual([
          { branch: DEV_BRANCH, path: DEV_FILE, content: (head.files.get(DEV_FILE) as string).replace('newTag: "1.4.1"', 'newTag: "1.5.0"') },
        ]);
        expect(archiveLines(recorder)).toEqual([
          "GET /repos/acme/gitops/tarball/main",
          "GET https://codeload.github.com/acme/gitops/legacy.tar.gz/refs/heads/main",
          `GET /repos/acme/gitops/tarball/${HEAD_SHA}`,
          `GET https://codeload.github.com/acme/gitops/legacy.tar.gz/${HEAD_SHA}`,
        ]);
      },
    );
  });

  describe("a tag older than the one running, by the order of its numbers", () => {
    /** The fleet with `ghcr.io/acme/app` (tags like `3.0`) running `3.0` in dev. */
    const withApp = () =>
      new FixtureRepo("fleet", undefined, {
        ".github/promenade.yml": `environments:
  dev: { path: deploy/dev }
  staging: { path: deploy/staging, from: dev }
images:
  - name: ghcr.io/acme/app
    tags: { allow: "^[0-9]+\\\\.[0-9]+$" }
`,
        "deploy/dev/app.yaml": "image: ghcr.io/acme/app:3.0 # the app\n",
      });

    /** The whole app on a test Probot whose logger writes everything, down to debug, as JSON lines into the returned list. */
    async function appLogging(): Promise<{ probot: Probot; recorder: RequestRecorder; logs: () => Record<string, unknown>[] }> {
      let text = "";
      const log = pino({ level: "debug" }, { write: (line: string) => void (text += line) });
      const privateKey = generateKeyPairSync("rsa", {
        modulusLength: 2048,
        privateKeyEncoding: { type: "pkcs1", format: "pem" },
        publicKeyEncoding: { type: "spki", format: "pem" },
      }).privateKey;
      const recorder = new RequestRecorder();
      const probot = new Probot({ appId: 1, privateKey, Octokit: testOctokitClass(recorder), log });
      await probot.load(promenade);
      mockInstallationToken(INSTALLATION_ID);
      const logs = () =>
        text
          .split("\n")
          .filter((line) => line !== "")
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      return { probot, recorder, logs };
    }

    it("through a promenade-image dispatch: nothing written, and the log says why", async () => {
      const { probot, recorder, logs } = await appLogging();
      withApp().serve();
      const clientPayload = { image: "ghcr.io/acme/app", tag: "2.0" };
      const dispatch = repositoryDispatchPayload({ repo: PAYLOAD_REPO, eventType: "promenade-image", clientPayload });
      await probot.receive({ id: "older-dispatch", name: "repository_dispatch", payload: dispatch });
      await queueOf(probot)?.drain();
      expect(recorder.writes).toBe(0);
      expect(logs().filter((entry) => "skipped" in entry)).toEqual([
        expect.objectContaining({
          level: 30,
          id: "older-dispatch",
          msg: "skipped ghcr.io/acme/app to dev: 2.0 is older than 3.0, which dev runs: only /promote and /rollback go back",
          skipped: { environment: "dev", image: "ghcr.io/acme/app", version: { tag: "2.0", digest: null }, reason: "older" },
        }),
      ]);
    });
  });
});
