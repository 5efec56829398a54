import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import promenade from "../../src/index.js";
import { queueOf } from "../../src/service/intake.js";
import { GITHUB_API, mockInstallationToken, RequestRecorder, testOctokitClass, useNockGuard } from "../helpers/github-mock.js";
import { INSTALLATION_ID, registryPackagePublishedPayload } from "../helpers/payloads.js";
import { indexed, mockIndexBuild } from "../handlers/routing-mocks.js";
import { FixtureRepo, REPO } from "../handlers/fixture-repo.js";
import { mockCreateBranchWithCommit, mockCreatePullRequest, mockOpenPullRequest } from "../handlers/promotion-mocks.js";

useNockGuard();

const WEBHOOK_SECRET = "webhook-secret-that-must-stay-out-of-logs";
const DELIVERY_ID = "3f1c2e9a-delivery-under-test";
const INSTALLATION_TOKEN = "ghs_test";

/** The whole app on a validating test Probot whose logger writes everything, down to trace, into the returned text. */
async function appLoggingInto(privateKey: string): Promise<{ probot: Probot; logs: () => string }> {
  let text = "";
  const log = pino({ level: "trace" }, { write: (line: string) => void (text += line) });
  const probot = new Probot({ appId: 1, privateKey, secret: WEBHOOK_SECRET, Octokit: testOctokitClass(new RequestRecorder()), log });
  await probot.load(promenade);
  return { probot, logs: () => text };
}

describe("logs", () => {
  it("name the delivery but carry no token, key, webhook secret or authorization header, even when a request fails", async () => {
    const privateKey = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    }).privateKey;
    const { probot, logs } = await appLoggingInto(privateKey);
    mockInstallationToken(INSTALLATION_ID);
    const fleet = new FixtureRepo("fleet");
    mockIndexBuild([indexed(fleet)]);
    fleet.serve();
    mockOpenPullRequest("promenade/dev/api");
    mockCreateBranchWithCommit("promenade/dev/api");
    mockCreatePullRequest(7);
    nock(GITHUB_API).post(`/repos/${REPO.owner}/${REPO.repo}/issues/7/labels`).reply(500, { message: "Server Error" });
    const payload = registryPackagePublishedPayload({ repo: { ...REPO, defaultBranch: "main" }, name: "api", tag: "1.5.0" });

    await probot.receive({ id: DELIVERY_ID, name: "registry_package", payload });
    await queueOf(probot)?.drain();

    const text = logs();
    // The failure was logged (at warn or above), with the delivery it belongs to.
    const failures = text.split("\n").filter((line) => line.includes('"level":40') || line.includes('"level":50'));
    expect(failures.join("\n")).toContain(DELIVERY_ID);
    expect(failures.join("\n")).toContain("Could not label #7 in acme/gitops");
    expect(text).not.toContain(INSTALLATION_TOKEN);
    expect(text).not.toContain(WEBHOOK_SECRET);
    for (const line of privateKey.split("\n").filter((line) => line.length > 0)) expect(text).not.toContain(line);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(text).not.toMatch(/authorization\\?"?\s*[:=]\s*\\?"?(token|bearer)\s+(?!\[REDACTED\])/i);
  });
});
