/**
 * What the service benches share: the app behind Probot's own HTTP server,
 * signed deliveries, a load generator sending them at a fixed rate from a
 * worker thread, and GitHub mocked for repositories without a config.
 */
import { createHmac, generateKeyPairSync } from "node:crypto";
import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit, Server } from "probot";
import promenade from "../src/index.js";
import { INSTALLATION_ID, repositoryDispatchPayload } from "../test/helpers/payloads.js";

export const GITHUB_API = "https://api.github.com";
export const SECRET = "bench-webhook-secret";

/** A webhook delivery as sent over HTTP. */
export interface SignedDelivery {
  headers: Record<string, string>;
  body: string;
}

/** What the load generator measured: each response time in ms (a delivery not answered within 10 s counts as refused, at 10 s). */
export interface LoadResult {
  latencies: number[];
  failed: number;
  seconds: number;
  /** Responses by HTTP status ("error" for no answer). */
  statuses: Record<string, number>;
}

/** The load generator, run in a worker thread: sends `deliveries` at `rate` per second, answers the latencies in ms. */
const LOAD_GENERATOR = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, deliveries, rate } = workerData;
const latencies = [];
const statuses = {};
let failed = 0;
const start = performance.now();
const sends = deliveries.map((delivery, i) => new Promise((resolve) => {
  const at = start + (i * 1000) / rate;
  setTimeout(async () => {
    const sent = performance.now();
    try {
      const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(10000) });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status >= 300) failed++;
    } catch { failed++; statuses.error = (statuses.error ?? 0) + 1; }
    latencies.push(performance.now() - sent);
    resolve();
  }, Math.max(0, at - performance.now()));
}));
Promise.all(sends).then(() => parentPort.postMessage({ latencies, failed, statuses, seconds: (performance.now() - start) / 1000 }));
`;

/** Sends `deliveries` to `path` (default: the GitHub webhook path) of the app at `port`, `rate` a second, from a worker thread (fetch: keep-alive connections). */
export function sendLoad(port: number, deliveries: readonly SignedDelivery[], rate: number, path = "/api/github/webhooks"): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_GENERATOR, { eval: true, workerData: { url: `http://127.0.0.1:${port}${path}`, deliveries, rate } });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A delivery of `event` with `payload`, signed with SECRET. */
export function signed(event: string, id: string, payload: unknown): SignedDelivery {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": id,
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
    },
  };
}

/** Signed deliveries of `count` promenade-image dispatches over 20 repositories without a config. */
export function signedDeliveries(count: number): SignedDelivery[] {
  return Array.from({ length: count }, (_, i) =>
    signed(
      "repository_dispatch",
      `bench-${i}`,
      repositoryDispatchPayload({
        repo: { owner: "acme", repo: `bench-${i % 20}`, defaultBranch: "main" },
        eventType: "promenade-image",
        clientPayload: { image: `ghcr.io/acme/svc-${i % 50}`, tag: `1.0.${i}` },
      }),
    ),
  );
}

/** Mocks, for every bench repository, the reads a dispatch costs in a repository without config (persisting), and the installation token. */
export function mockRepositoriesWithoutConfig(): void {
  nock(GITHUB_API).persist().post(`/app/installations/${INSTALLATION_ID}/access_tokens`).reply(201, {
    token: "ghs_bench",
    expires_at: "2099-01-01T00:00:00Z",
    permissions: {},
    repository_selection: "all",
  });
  // Only the load's repositories' queries: the scenario's repository answers its own (its holds query among them).
  nock(GITHUB_API)
    .persist()
    .post("/graphql", (body: { variables?: unknown }) => /"bench-\d+"/.test(JSON.stringify(body.variables ?? {})))
    .reply(200, { data: { repository: { defaultBranchRef: { name: "main", target: { oid: "c0ffee".padEnd(40, "0") } } } } });
  nock(GITHUB_API)
    .persist()
    .get(/\/repos\/acme\/bench-\d+\/contents\/.*/)
    .query(true)
    .reply(404, { message: "Not Found" });
}

/** The whole app behind Probot's HTTP server on 127.0.0.1 (no retries, no throttling, quiet logs); `stop` closes its queue and the server. */
export async function startAppServer(): Promise<{ port: number; app: Probot; http: HttpServer; stop: () => Promise<void> }> {
  process.env.PROMENADE_STARTUP = "off";
  process.env.LOG_LEVEL = "error";
  const privateKey = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  const Octokit = ProbotOctokit.defaults({ retry: { enabled: false } }).defaults((o: { throttle?: object }) => ({
    ...o,
    throttle: { ...o.throttle, enabled: false },
  }));
  const BenchProbot = Probot.defaults({ appId: 1, privateKey, secret: SECRET, logLevel: "error", Octokit });
  const server = new Server({
    Probot: BenchProbot,
    // Probot's server logs every request at info level by default: quiet, so the figures measure the app.
    log: pino({ level: "error" }),
    port: 40_000 + Math.floor(Math.random() * 20_000),
    host: "127.0.0.1",
  });
  let app: Probot | undefined;
  await server.load((probot, loadOptions) => {
    app = probot;
    promenade(probot, loadOptions);
  });
  const http = await server.start();
  if (app === undefined) throw new Error("Probot loaded no app");
  const { port } = http.address() as AddressInfo;
  nock.enableNetConnect("127.0.0.1");
  return { port, app, http, stop: () => server.stop() };
}
