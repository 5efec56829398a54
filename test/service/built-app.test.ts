/**
 * The built app, started as docs/getting-started.md tells a user to start it
 * (`node dist/start.js`, what `npm start` runs, from a checkout, HOST and PORT set), answers
 * on the routes the guide names: Probot's setup page and its manifest before
 * the App is registered; /healthz, /metrics and the webhook path after; and it
 * refuses to start without a webhook secret. Nothing reaches GitHub: the
 * GitHub API is a local trap that must stay unasked, and smee.io a local
 * stand-in.
 */
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  buildApp,
  fakeSmeeChannel,
  gitHubTrap,
  removeBuild,
  repoRoot,
  runUntilExit,
  sign,
  startApp,
  type GitHubTrap,
  type RunningApp,
  type SmeeChannel,
} from "./built-app.js";

const SECRET = "built-app-test-secret";
const manifestFile = parse(readFileSync(path.join(repoRoot, "app.yml"), "utf8")) as {
  name: string;
  default_events: string[];
  default_permissions: Record<string, string>;
};

let dir: string;
let trap: GitHubTrap;
let channel: SmeeChannel;
let privateKey: string;
const apps: RunningApp[] = [];
let setup: RunningApp;
let setupWithProxy: RunningApp;
let service: RunningApp;
let proxied: RunningApp;
let development: RunningApp;

beforeAll(async () => {
  [dir, trap, channel] = await Promise.all([buildApp(), gitHubTrap(), fakeSmeeChannel()]);
  privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const credentials = { APP_ID: "1", PRIVATE_KEY: privateKey, PROMENADE_STARTUP: "off", LOG_LEVEL: "warn", GHE_HOST: trap.host, GHE_PROTOCOL: "http" };
  const start = async (env: Record<string, string>) => {
    const app = await startApp(dir, env);
    apps.push(app);
    return app;
  };
  [setup, setupWithProxy, service, proxied, development] = await Promise.all([
    // First `npm start`, before the App is registered. NO_SMEE_SETUP: Probot would otherwise ask smee.io for a channel.
    start({ NODE_ENV: "development", NO_SMEE_SETUP: "true" }),
    start({ NODE_ENV: "development", WEBHOOK_PROXY_URL: channel.url, GH_ORG: "acme" }),
    // Production: credentials in the environment, no proxy.
    start({ ...credentials, NODE_ENV: "production", WEBHOOK_SECRET: SECRET }),
    // Development after registration: the .env Probot wrote, with the smee channel.
    start({ ...credentials, WEBHOOK_SECRET: SECRET, WEBHOOK_PROXY_URL: channel.url }),
    // Trying it locally without a secret: Probot then checks signatures with the secret "development".
    start({ ...credentials, NODE_ENV: "development" }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await Promise.all([trap?.close(), channel?.close()]);
  if (dir !== undefined) await removeBuild(dir);
});

function ping(): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({ zen: "Design for failure.", hook_id: 1, hook: { type: "App", id: 1, app_id: 1, events: manifestFile.default_events } });
  return { headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": randomUUID() }, body };
}

async function deliver(app: RunningApp, signature: string | undefined, webhookPath = "/api/github/webhooks") {
  const { headers, body } = ping();
  return fetch(`${app.url}${webhookPath}`, {
    method: "POST",
    headers: { ...headers, ...(signature === undefined ? {} : { "x-hub-signature-256": signature === "valid" ? sign(SECRET, body) : signature }) },
    body,
  });
}

async function metricsOf(app: RunningApp): Promise<string> {
  return (await fetch(`${app.url}/metrics`)).text();
}

/** Waits until `condition` holds (or `timeoutMs` passed). */
async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Waits until `app`'s /metrics matches `pattern`. */
async function waitForMetric(app: RunningApp, pattern: RegExp, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await metricsOf(app);
    if (pattern.test(text) || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function manifestOf(html: string): Record<string, unknown> {
  const value = /<button[^>]*name="manifest"[^>]*value='([^']*)'/.exec(html)?.[1];
  expect(value, "the setup page's form carries the manifest").toBeDefined();
  return JSON.parse(value ?? "") as Record<string, unknown>;
}

describe("setup mode: the first npm start, without APP_ID and PRIVATE_KEY", () => {
  it("redirects / to Probot's setup page", async () => {
    const response = await fetch(`${setup.url}/`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/probot");
  });

  it("serves a Register GitHub App form posting app.yml's manifest to github.com", async () => {
    const response = await fetch(`${setup.url}/probot`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html");
    const html = await response.text();
    expect(html).toContain("Register GitHub App");
    expect(html).toContain('<form action="https://github.com/settings/apps/new" method="post"');
    const manifest = manifestOf(html);
    expect(manifest).toMatchObject({ name: "Promenade", public: false, redirect_url: `${setup.url}/probot/setup` });
    expect(manifest.default_permissions).toEqual(manifestFile.default_permissions);
    expect(manifest.default_events).toEqual(manifestFile.default_events);
    // Without WEBHOOK_PROXY_URL the webhook URL is the root of the page's own address, not the webhook path: the guide says to change it.
    expect(manifest.hook_attributes).toEqual({ url: `${setup.url}/` });
  });

  it("with WEBHOOK_PROXY_URL and GH_ORG, registers on the organisation with the channel as webhook URL, and connects to the channel", async () => {
    const html = await (await fetch(`${setupWithProxy.url}/probot`)).text();
    expect(html).toContain('<form action="https://github.com/organizations/acme/settings/apps/new" method="post"');
    expect(manifestOf(html).hook_attributes).toEqual({ url: channel.url });
    await waitFor(() => channel.clients() >= 1);
    expect(channel.clients()).toBeGreaterThanOrEqual(1);
    const { stdout, stderr } = setupWithProxy.output();
    expect(stdout + stderr).not.toMatch(/SmeeClient is not available|npm install --save-dev smee-client/);
  });

  it("serves none of Promenade's routes yet, and writes no .env by itself", async () => {
    expect((await fetch(`${setup.url}/healthz`)).status).toBe(404);
    expect(existsSync(path.join(dir, ".env"))).toBe(false);
  });
});

describe("with credentials", () => {
  it("GET /healthz answers 200 ok", async () => {
    const response = await fetch(`${service.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("GET /metrics answers Prometheus text", async () => {
    const response = await fetch(`${service.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toContain("# TYPE promenade_deliveries_total counter");
  });

  it("accepts a signed ping at /api/github/webhooks and processes it", async () => {
    const response = await deliver(service, "valid");
    expect(response.status).toBe(200);
    const metrics = await waitForMetric(service, /promenade_deliveries_processed_total\{event="ping",result="ok"\} 1/);
    expect(metrics).toContain('promenade_deliveries_total{event="ping",outcome="queued"} 1');
    expect(metrics).toContain('promenade_deliveries_processed_total{event="ping",result="ok"} 1');
  });

  it("refuses a delivery with a wrong or missing signature (400)", async () => {
    expect((await deliver(service, sign("another-secret", "{}"))).status).toBe(400);
    expect((await deliver(service, undefined)).status).toBe(400);
  });

  it("answers 404 on / (the webhook URL Probot's setup registers without a proxy) and on unknown paths", async () => {
    expect((await deliver(service, "valid", "/")).status).toBe(404);
    expect((await fetch(`${service.url}/nowhere`)).status).toBe(404);
  });

  it("receives deliveries relayed by the smee channel of WEBHOOK_PROXY_URL", async () => {
    await waitFor(() => channel.clients() >= 2);
    const { headers, body } = ping();
    channel.send({ ...headers, "x-hub-signature-256": sign(SECRET, body) }, JSON.parse(body));
    const metrics = await waitForMetric(proxied, /promenade_deliveries_processed_total\{event="ping",result="ok"\} 1/);
    expect(metrics).toContain('promenade_deliveries_processed_total{event="ping",result="ok"} 1');
  });

  it("starts with NODE_ENV=development and no WEBHOOK_SECRET, checking signatures with the secret development", async () => {
    expect((await fetch(`${development.url}/healthz`)).status).toBe(200);
    const { headers, body } = ping();
    const post = (secret: string) =>
      fetch(`${development.url}/api/github/webhooks`, {
        method: "POST",
        headers: { ...headers, "x-github-delivery": randomUUID(), "x-hub-signature-256": sign(secret, body) },
        body,
      });
    expect((await post("development")).status).toBe(200);
    expect((await post(SECRET)).status).toBe(400);
  });
});

describe("stopping", () => {
  it("finishes and exits 0 on SIGTERM, as a rolling update or docker stop sends it", async () => {
    const app = await startApp(dir, {
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      PROMENADE_STARTUP: "off",
      LOG_LEVEL: "info",
      GHE_HOST: trap.host,
      GHE_PROTOCOL: "http",
    });
    expect((await deliver(app, "valid")).status).toBe(200);
    const exited = await app.stop();
    expect(exited).toMatchObject({ code: 0, signal: null });
    expect(exited?.stdout).toContain("SIGTERM: finishing the deliveries being processed, then stopping");
  });
});

describe("without WEBHOOK_SECRET", () => {
  it.each([["unset"], ["production"]])("refuses to start with NODE_ENV %s: exit code 1, the reason on one line of stderr", async (nodeEnv) => {
    const result = await runUntilExit(dir, {
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      PROMENADE_STARTUP: "off",
      LOG_LEVEL: "warn",
      GHE_HOST: trap.host,
      GHE_PROTOCOL: "http",
      ...(nodeEnv === "unset" ? {} : { NODE_ENV: nodeEnv }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "promenade: WEBHOOK_SECRET is not set: Promenade refuses to start without the webhook secret of its GitHub App (set NODE_ENV=development to try it locally without one)\n",
    );
  });
});

describe("network", () => {
  it("no process made a request to GitHub", () => {
    expect(trap.requests).toEqual([]);
  });
});
