/**
 * Registry webhooks through the app's HTTP server: each provider's documented
 * payload, authenticated as that provider sends the secret, opens the dev PR
 * in the repository that takes the image; wrong secrets, malformed payloads
 * and repeats do not.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import type { Probot } from "probot";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import promenade from "../../src/index.js";
import type { RouteHandler } from "../../src/service/http-routes.js";
import { queueOf } from "../../src/service/intake.js";
import { metrics } from "../../src/service/metrics.js";
import { createTestProbot, GITHUB_API, mockInstallationToken, mockOwnApp, useNockGuard, type RequestRecorder } from "../helpers/github-mock.js";
import { examplePayload, INSTALLATION_ID } from "../helpers/payloads.js";
import { FixtureRepo } from "../handlers/fixture-repo.js";
import { mockNewPromotion } from "../handlers/promotion-mocks.js";
import { indexed, mockIndexBuild, mockInstallationRepositories } from "../handlers/routing-mocks.js";

useNockGuard();
// The app's own server on 127.0.0.1 is reached for real; GitHub stays mocked.
beforeAll(() => nock.enableNetConnect("127.0.0.1"));

const SECRET = "registry-secret-for-tests";

/** The documented example payload of `provider` (test/fixtures/registry). */
function fixture(provider: string): string {
  return readFileSync(new URL(`../fixtures/registry/${provider}.json`, import.meta.url), "utf8");
}

/** A fleet whose dev runs an older version of every provider fixture's image; its config lists no images, so the index reads its files. */
function registryFleet(): FixtureRepo {
  const images = [
    "docker.io/svendowideit/testhook:previous",
    "quay.io/dgangaia/test:previous",
    "hub.harbor.com/test-webhook/debian:previous",
    "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-repository-name:previous",
    "us-west1-docker.pkg.dev/my-project/my-repo/hello-world:1.0",
    "registry.example.com/team/api:1.4.1",
  ];
  const containers = images.map((image, index) => `        - name: c${index}\n          image: ${image}\n`).join("");
  return new FixtureRepo("fleet", undefined, {
    ".github/promenade.yml": "environments:\n  dev:\n    path: deploy/dev\n  staging:\n    path: deploy/staging\n    from: dev\n",
    "deploy/dev/registries.yaml": `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: registries\nspec:\n  template:\n    spec:\n      containers:\n${containers}`,
  });
}

let server: Server | undefined;

afterEach(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** The whole app behind an HTTP server on 127.0.0.1, with `REGISTRY_WEBHOOK_SECRET` set to `secret` (unset for null). */
async function serveApp(secret: string | null = SECRET): Promise<{ probot: Probot; recorder: RequestRecorder; base: string }> {
  vi.stubEnv("REGISTRY_WEBHOOK_SECRET", secret ?? undefined);
  const { probot, recorder } = createTestProbot();
  mockOwnApp();
  const routes: RouteHandler[] = [];
  await probot.load(promenade, { addHandler: (handler: RouteHandler) => routes.push(handler) } as never);
  server = createServer((request, response) => {
    void (async () => {
      for (const route of routes) if (await route(request, response)) return;
      response.writeHead(404).end("not found");
    })();
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { probot, recorder, base: `http://127.0.0.1:${(server?.address() as AddressInfo).port}` };
}

/** POSTs `body` to `/registry-webhooks/<path>` and answers status and JSON. */
async function post(
  base: string,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}/registry-webhooks/${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** How each provider is addressed and authenticated with the secret. */
function addressed(provider: string, body: string, secret = SECRET): { path: string; headers: Record<string, string> } {
  switch (provider) {
    case "harbor":
    case "ecr":
      return { path: provider, headers: { authorization: secret } };
    case "generic":
      return { path: provider, headers: { "x-promenade-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` } };
    default:
      return { path: `${provider}?secret=${encodeURIComponent(secret)}`, headers: {} };
  }
}

/** What routing the pushes costs: the installations listed, the installation's token, the index built (with the fleet's archive). */
function mockRouting(fleet: FixtureRepo): void {
  nock(GITHUB_API)
    .get("/app/installations")
    .query({ per_page: "100" })
    .reply(200, [{ id: INSTALLATION_ID, account: { login: "acme" } }]);
  mockInstallationToken(INSTALLATION_ID);
  mockIndexBuild([indexed(fleet)]);
  fleet.serveArchive();
}

const OPENED: Record<string, { branch: string; title: string }> = {
  dockerhub: { branch: "promenade/dev/testhook", title: "Promote testhook latest to dev" },
  quay: { branch: "promenade/dev/test", title: "Promote test latest to dev" },
  harbor: { branch: "promenade/dev/debian", title: "Promote debian latest to dev" },
  ecr: { branch: "promenade/dev/my-repository-name", title: "Promote my-repository-name latest to dev" },
  gar: { branch: "promenade/dev/hello-world", title: "Promote hello-world 1.1 to dev" },
  // The fleet's dev also runs ghcr.io/acme/api: the two are told apart by their whole names.
  generic: { branch: "promenade/dev/registry-example-com-team-api", title: "Promote api 1.4.2 to dev" },
};

describe("POST /registry-webhooks/<provider>", () => {
  it.each(Object.keys(OPENED))("%s: the documented payload is answered 202 and opens the dev PR", async (provider) => {
    const { probot, base } = await serveApp();
    const fleet = registryFleet();
    mockRouting(fleet);
    fleet.serve();
    const expected = OPENED[provider] as { branch: string; title: string };
    const created = mockNewPromotion(expected.branch, 7);
    const body = fixture(provider);
    const { path, headers } = addressed(provider, body);
    const answer = await post(base, path, body, headers);
    expect(answer.status).toBe(202);
    expect(answer.json.status).toBe("queued");
    await queueOf(probot)?.drain();
    expect(created.map((pr) => pr.title)).toEqual([expected.title]);
  });

  it("opens one PR when the same webhook comes twice", async () => {
    const { probot, base } = await serveApp();
    const fleet = registryFleet();
    mockRouting(fleet);
    fleet.serve();
    const created = mockNewPromotion("promenade/dev/testhook", 7);
    const body = fixture("dockerhub");
    const first = await post(base, `dockerhub?secret=${SECRET}`, body);
    const second = await post(base, `dockerhub?secret=${SECRET}`, body);
    await queueOf(probot)?.drain();
    expect([first.status, first.json.status, second.status, second.json.status]).toEqual([202, "queued", 202, "duplicate"]);
    expect(created).toHaveLength(1);
  });

  it("lists the app's installations once for many webhooks, and again after an installation changed", async () => {
    const { probot, recorder, base } = await serveApp();
    mockRouting(registryFleet());
    const nobody = (tag: string) => {
      const body = JSON.stringify({ image: "registry.example.com/nobody/takes-it", tag });
      return post(base, "generic", body, addressed("generic", body).headers);
    };
    await nobody("1.0.0");
    await nobody("1.0.1");
    await queueOf(probot)?.drain();
    const listings = () => recorder.requests.filter((request) => request.path.startsWith("/app/installations?")).length;
    expect(listings()).toBe(1);
    await probot.receive({ id: "installed", name: "installation", payload: examplePayload("installation", "created") as never });
    nock(GITHUB_API)
      .get("/app/installations")
      .query({ per_page: "100" })
      .reply(200, [{ id: INSTALLATION_ID, account: { login: "acme" } }]);
    // The installation's index was dropped with it: listed again (now empty, so no config to read).
    mockInstallationRepositories([]);
    await nobody("1.0.2");
    await queueOf(probot)?.drain();
    expect(listings()).toBe(2);
    expect(recorder.writes).toBe(0);
  });

  it.each(Object.keys(OPENED))("%s: a wrong or missing secret is answered 401 and nothing is queued", async (provider) => {
    const { probot, recorder, base } = await serveApp();
    const body = fixture(provider);
    const wrong = addressed(provider, body, "not-the-secret");
    const missing = { path: provider, headers: {} };
    for (const { path, headers } of [wrong, missing]) {
      const answer = await post(base, path, body, headers);
      expect(answer).toEqual({ status: 401, json: { error: "wrong or missing secret or signature" } });
    }
    expect((await queueOf(probot)?.stats())?.waiting).toBe(0);
    expect(recorder.requests).toEqual([]);
  });

  it("refuses a generic payload signed for another body", async () => {
    const { base } = await serveApp();
    const signedFor = addressed("generic", fixture("generic"));
    const answer = await post(base, "generic", JSON.stringify({ image: "registry.example.com/team/api", tag: "9.9.9" }), signedFor.headers);
    expect(answer.status).toBe(401);
  });

  it.each([
    ["dockerhub", "{}", "push_data"],
    ["quay", JSON.stringify({ docker_url: "quay.io/acme/api" }), "updated_tags"],
    ["harbor", "not json", ""],
    ["generic", JSON.stringify({ image: "registry.example.com/team/api:1.0", tag: "1.0" }), "image"],
    ["generic", JSON.stringify({ image: "registry.example.com/team/api", tag: `1.${"0".repeat(130)}` }), "tag"],
  ])("%s: a malformed payload is answered 400 with one line naming %s, nothing queued", async (provider, body, field) => {
    const { probot, recorder, base } = await serveApp();
    const { path, headers } = addressed(provider, body);
    const answer = await post(base, path, body, headers);
    expect(answer.status).toBe(400);
    expect(String(answer.json.error)).toContain(field);
    expect(String(answer.json.error)).not.toContain("\n");
    expect((await queueOf(probot)?.stats())?.waiting).toBe(0);
    expect(recorder.requests).toEqual([]);
  });

  it("answers 200 ignored for a registry event that is not a tagged push", async () => {
    const { base } = await serveApp();
    const deleted = JSON.stringify({ ...JSON.parse(fixture("harbor")), type: "DELETE_ARTIFACT" });
    const answer = await post(base, "harbor", deleted, { authorization: SECRET });
    expect(answer.status).toBe(200);
    expect(answer.json.status).toBe("ignored");
  });

  it("does not exist without REGISTRY_WEBHOOK_SECRET, nor for an unknown provider", async () => {
    const off = await serveApp(null);
    expect((await post(off.base, "dockerhub?secret=", fixture("dockerhub"))).status).toBe(404);
    server?.close();
    const on = await serveApp();
    expect((await post(on.base, `nexus?secret=${SECRET}`, "{}")).status).toBe(404);
  });

  it("refuses a body over 1 MB with 413", async () => {
    const { base } = await serveApp();
    const answer = await post(base, `dockerhub?secret=${SECRET}`, JSON.stringify({ padding: "x".repeat(1024 * 1024) }));
    expect(answer.status).toBe(413);
  });

  it("counts deliveries by provider and outcome", async () => {
    const { base } = await serveApp();
    const before = await counted();
    await post(base, "quay?secret=wrong", fixture("quay"));
    await post(base, `quay?secret=${SECRET}`, "{}");
    const after = await counted();
    expect([after.unauthorized - before.unauthorized, after.invalid - before.invalid]).toEqual([1, 1]);
  });
});

async function counted(): Promise<{ unauthorized: number; invalid: number }> {
  const values = (await metrics.registryWebhooks.get()).values;
  const of = (outcome: string) => values.find((value) => value.labels.provider === "quay" && value.labels.outcome === outcome)?.value ?? 0;
  return { unauthorized: of("unauthorized"), invalid: of("invalid") };
}
