/**
 * Rollbacks that stick, through the whole app with GitHub mocked: `/rollback`
 * blocks the version it rolls back from (recorded in the holds issue); that
 * version pushed again opens nothing and the log says it is blocked; a newer
 * one opens the PR; after `/unblock` the blocked one is proposed again.
 */
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import promenade from "../../src/index.js";
import { queueOf } from "../../src/service/intake.js";
import { GITHUB_API, mockInstallationToken, mockOwnApp, RequestRecorder, testOctokitClass, useNockGuard } from "../helpers/github-mock.js";
import { listedHoldsIssue, mockHoldsIssues } from "../helpers/holds-issue.js";
import { INSTALLATION_ID, issueCommentPayload, repositoryDispatchPayload } from "../helpers/payloads.js";
import { FixtureRepo, HEAD_SHA, REPO } from "./fixture-repo.js";
import { mockNewPromotion, mockOpenPullRequests, sentBodies } from "./promotion-mocks.js";

useNockGuard();

const REPO_PATH = "/repos/acme/gitops";
const PAYLOAD_REPO = { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" };
const DEV_FILE = "deploy/dev/kustomization.yaml";
const DEV_BRANCH = "promenade/dev/api";

/** The fleet with dev running api `tag` (the fixture's dev runs 1.4.1). */
function fleetWithDev(tag: string): FixtureRepo {
  const fleet = new FixtureRepo("fleet");
  fleet.files.set(DEV_FILE, (fleet.files.get(DEV_FILE) as string).replace('newTag: "1.4.1"', `newTag: "${tag}"`));
  return fleet;
}

/** What readRepoAtHead reads: the head and config, Promenade's issues (`issues`, listedHoldsIssue), and the archive when `archive` (by its sha, or by the branch's name for a pushed image). */
function serve(fleet: FixtureRepo, issues: object[], archive = true): void {
  fleet.serveHeadAndConfig();
  mockHoldsIssues(issues);
  if (archive) fleet.serveArchive("sha or branch");
}

/** The whole app on a test Probot whose logger keeps every line, as JSON, for the test to read. */
async function appLogging(): Promise<{ probot: Probot; recorder: RequestRecorder; logs: () => Record<string, unknown>[] }> {
  let text = "";
  const log = pino({ level: "info" }, { write: (line: string) => void (text += line) });
  const privateKey = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  const recorder = new RequestRecorder();
  const probot = new Probot({ appId: 1, privateKey, Octokit: testOctokitClass(recorder), log });
  mockOwnApp();
  await probot.load(promenade);
  mockInstallationToken(INSTALLATION_ID);
  const receive = probot.receive.bind(probot);
  probot.receive = async (event) => {
    await receive(event);
    await queueOf(probot)?.drain();
  };
  const logs = () =>
    text
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { probot, recorder, logs };
}

/** `ghcr.io/acme/api:<tag>` pushed, announced by a `promenade-image` dispatch. */
function pushed(tag: string, delivery: string) {
  const payload = repositoryDispatchPayload({ repo: PAYLOAD_REPO, eventType: "promenade-image", clientPayload: { image: "ghcr.io/acme/api", tag } });
  return { id: delivery, name: "repository_dispatch" as const, payload };
}

/** A comment by alice on issue #5, as comment `commentId`. */
function commented(body: string, commentId: number) {
  const payload = issueCommentPayload({ repo: PAYLOAD_REPO, number: 5, body, author: "alice" });
  payload.comment.id = commentId;
  return { id: `comment-${commentId}`, name: "issue_comment" as const, payload };
}

/** The reactions, alice's write permission, and the reply created on #5. */
function mockCommandAround(commentId: number, outcome: "rocket" | "confused"): void {
  nock(GITHUB_API)
    .post(`${REPO_PATH}/issues/comments/${commentId}/reactions`, { content: "eyes" })
    .reply(201, { id: 1, content: "eyes" })
    .post(`${REPO_PATH}/issues/comments/${commentId}/reactions`, { content: outcome })
    .reply(201, { id: 2, content: outcome })
    .get(`${REPO_PATH}/collaborators/alice/permission`)
    .reply(200, { permission: "write", role_name: "write", user: { login: "alice" } })
    .get(`${REPO_PATH}/issues/5/comments`)
    .query({ per_page: "100" })
    .reply(200, [])
    .post(`${REPO_PATH}/issues/5/comments`)
    .reply(201, { id: 950 + commentId, html_url: `https://github.com/acme/gitops/issues/5#issuecomment-${950 + commentId}` });
}

/** dev's file at main (running `bad`) and at the commit before (running 1.4.1), as the rollback reads its history. */
function mockDevHistory(bad: string): void {
  const older = "01de".padEnd(40, "0");
  nock(GITHUB_API)
    .get(`${REPO_PATH}/commits`)
    .query({ sha: HEAD_SHA, path: "deploy/dev", per_page: "20" })
    .reply(200, [{ sha: HEAD_SHA }, { sha: older }]);
  for (const [sha, fleet] of [
    [HEAD_SHA, fleetWithDev(bad)],
    [older, new FixtureRepo("fleet")],
  ] as const) {
    const text = fleet.files.get(DEV_FILE) as string;
    nock(GITHUB_API)
      .get(`${REPO_PATH}/contents/${encodeURIComponent(DEV_FILE)}`)
      .query({ ref: sha })
      .reply(200, {
        type: "file",
        encoding: "base64",
        size: text.length,
        name: "kustomization.yaml",
        path: DEV_FILE,
        sha: "a".repeat(40),
        content: Buffer.from(text).toString("base64"),
      });
  }
}

/** The reply Promenade wrote to comment `commentId`. */
function replyTo(recorder: RequestRecorder, commentId: number): string {
  const bodies = sentBodies(recorder, "POST", `${REPO_PATH}/issues/5/comments`) as { body: string }[];
  const reply = bodies.find((body) => body.body.includes(`<!-- promenade:reply ${commentId} -->`));
  if (reply === undefined) throw new Error(`no reply to ${commentId}`);
  return reply.body;
}

/** The pull requests Promenade asked GitHub to create. */
function createdTitles(recorder: RequestRecorder): string[] {
  return (sentBodies(recorder, "POST", `${REPO_PATH}/pulls`) as { title: string }[]).map((body) => body.title);
}

describe("a rollback that sticks", () => {
  it("/rollback dev api blocks 1.5.0; pushed again it opens nothing and the log says blocked; 1.5.1 opens the PR; after /unblock, 1.5.0 is proposed again", async () => {
    const { probot, recorder, logs } = await appLogging();

    // 1. dev runs the bad 1.5.0: /rollback dev api puts 1.4.1 back, and blocks 1.5.0 in dev and every environment promoted from it.
    serve(fleetWithDev("1.5.0"), []);
    mockCommandAround(1001, "rocket");
    mockDevHistory("1.5.0");
    mockNewPromotion("promenade/dev/rollback-api", 61);
    nock(GITHUB_API)
      .post(`${REPO_PATH}/issues`)
      .reply(201, { number: 90, title: "Promenade: held environments", body: "", html_url: "https://github.com/acme/gitops/issues/90" });
    mockOpenPullRequests([]);
    await probot.receive(commented("/rollback dev api", 1001));

    expect(createdTitles(recorder)).toEqual(["Roll back api to 1.4.1 in dev"]);
    const [opened] = sentBodies(recorder, "POST", `${REPO_PATH}/issues`) as { title: string; body: string; labels: string[] }[];
    expect(opened?.title).toBe("Promenade: held environments");
    expect(opened?.body).toContain("| `ghcr.io/acme/api` | `1.5.0` | `prod-eu` | @&#8203;alice |");
    expect(replyTo(recorder, 1001)).toContain(
      "`ghcr.io/acme/api` 1.5.0 is now blocked in **dev**, **staging**, **prod-eu**, **prod-us**: no automatic promotion proposes it there again",
    );
    const blockedIssue = listedHoldsIssue([], { body: opened?.body as string });

    // 2. The rollback PR merged (dev runs 1.4.1 again); 1.5.0 pushed again: nothing written, and the log says it is blocked.
    const writesBefore = recorder.writes;
    serve(new FixtureRepo("fleet"), [blockedIssue]);
    await probot.receive(pushed("1.5.0", "push-1.5.0-again"));

    expect(recorder.writes).toBe(writesBefore);
    expect(createdTitles(recorder)).toEqual(["Roll back api to 1.4.1 in dev"]);
    expect(logs().filter((entry) => entry.id === "push-1.5.0-again" && "skipped" in entry)).toEqual([
      expect.objectContaining({
        level: 30,
        msg: expect.stringMatching(
          /^skipped ghcr\.io\/acme\/api to dev: 1\.5\.0 is blocked in dev by @alice since \d{4}-\d\d-\d\d \d\d:\d\d UTC \(rolled back; \/unblock ghcr\.io\/acme\/api 1\.5\.0 allows it again\)$/,
        ),
        skipped: { environment: "dev", image: "ghcr.io/acme/api", version: { tag: "1.5.0", digest: null }, reason: "blocked" },
      }),
    ]);

    // 3. A newer version, 1.5.1, opens the dev PR.
    serve(new FixtureRepo("fleet"), [blockedIssue]);
    mockNewPromotion(DEV_BRANCH, 62);
    await probot.receive(pushed("1.5.1", "push-1.5.1"));
    expect(createdTitles(recorder)).toEqual(["Roll back api to 1.4.1 in dev", "Promote api 1.5.1 to dev"]);

    // 4. /unblock api 1.5.0: the block is lifted in every environment, and the holds issue (nothing left in it) closed.
    serve(new FixtureRepo("fleet"), [blockedIssue], false);
    mockCommandAround(1002, "rocket");
    nock(GITHUB_API).patch(`${REPO_PATH}/issues/90`).twice().reply(200, { number: 90, title: "Promenade: held environments", body: "", html_url: "" });
    mockOpenPullRequests([]);
    await probot.receive(commented("/unblock api 1.5.0", 1002));

    expect(replyTo(recorder, 1002)).toContain("`ghcr.io/acme/api` 1.5.0 is no longer blocked in **dev**, **staging**, **prod-eu**, **prod-us**");
    const patches = sentBodies(recorder, "PATCH", `${REPO_PATH}/issues/90`) as { body?: string; state?: string }[];
    const unblocked = patches.find((patch) => patch.body !== undefined)?.body as string;
    expect(unblocked).not.toContain("blocks");
    expect(unblocked).toContain("No environment is held.");
    expect(patches.some((patch) => patch.state === "closed")).toBe(true);

    // 5. 1.5.0 pushed again: newer than the 1.4.1 dev runs, so it is proposed.
    serve(new FixtureRepo("fleet"), [listedHoldsIssue([], { body: unblocked, state: "closed" })]);
    mockNewPromotion(DEV_BRANCH, 63);
    await probot.receive(pushed("1.5.0", "push-1.5.0-unblocked"));
    expect(createdTitles(recorder).at(-1)).toBe("Promote api 1.5.0 to dev");
  });

  it("/unblock of a version that is not blocked: says so, and writes nothing but the reply", async () => {
    const { probot, recorder } = await appLogging();
    serve(new FixtureRepo("fleet"), [], false);
    mockCommandAround(1003, "confused");
    await probot.receive(commented("/unblock api 1.5.0", 1003));
    expect(replyTo(recorder, 1003)).toContain("`api` 1.5.0 is not blocked in any environment.");
    expect(recorder.requests.filter((r) => r.kind === "write").map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${REPO_PATH}/issues/comments/1003/reactions`,
      `POST ${REPO_PATH}/issues/5/comments`,
      `POST ${REPO_PATH}/issues/comments/1003/reactions`,
    ]);
  });
});
