/**
 * `npm run bench`, registry webhooks: how fast `POST /registry-webhooks/generic`
 * is acknowledged under load.
 *
 * The whole app runs behind Probot's own HTTP server (bench/load.ts's
 * startAppServer) with `REGISTRY_WEBHOOK_SECRET` set, so the registry route
 * is served as in production: the body read (up to 1 MB), its HMAC-SHA256
 * signature (`x-promenade-signature-256: sha256=<hex>`) checked, the payload
 * read, the push stored in the in-process delivery queue (de-duplicated by
 * image and tag) and 202 answered. A load generator in a worker thread sends
 * generic payloads, each with a distinct tag (so none is a duplicate), at a
 * fixed rate (default 200/s for 10 s) over keep-alive HTTP (fetch), and
 * measures each response time.
 *
 * Two runs, each in its own child process:
 *
 *  - processed meanwhile: the queue processes the deliveries alongside the
 *    load, in the same process: each asks GitHub for the app's installations
 *    (`GET /app/installations`, app authentication: a JWT signed per
 *    delivery), mocked to answer none, so nothing is routed further;
 *  - processing held: the same mock answers only once the load is over, so
 *    the queue's first deliveries (as many as its concurrency) wait on it and
 *    the others stay queued: the acknowledgement path alone. (There is no
 *    setting to start the queue paused; this holds it from outside src/.)
 *
 * Besides p50/p95/p99/max over all deliveries, the p99 after the first
 * second's deliveries is shown (the first second warms the JIT up).
 *
 * Target: p99 under 50 ms (the service's target for GitHub's webhooks).
 *
 * Usage: node --import tsx bench/registry-load.ts [--rate N] [--seconds S]
 * Exit code: 0 when measured (over target is printed, not failed), 1 when a
 * delivery was not answered 202 or failed in the queue, or a mock was left
 * unused.
 */
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import os from "node:os";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { queueOf } from "../src/service/intake.js";
import { GITHUB_API, percentile, sendLoad, startAppServer, type SignedDelivery } from "./load.js";
import { exitWith } from "./exit-with.js";
import { printTable } from "./print-table.js";

const TARGET_P99_MS = 50;
const REGISTRY_SECRET = "bench-registry-secret";
const IMAGE = "registry.example.com/team/api";

/** `count` generic registry payloads, signed with REGISTRY_SECRET, each a distinct tag of IMAGE. */
function genericDeliveries(count: number): SignedDelivery[] {
  return Array.from({ length: count }, (_, i) => {
    const body = JSON.stringify({ image: IMAGE, tag: `1.${Math.floor(i / 1000)}.${i % 1000}`, digest: `sha256:${i.toString(16).padStart(64, "0")}` });
    return {
      body,
      headers: {
        "content-type": "application/json",
        "x-promenade-signature-256": `sha256=${createHmac("sha256", REGISTRY_SECRET).update(body).digest("hex")}`,
      },
    };
  });
}

type Mode = "processed" | "held";

/** What one run measured (a child's last stdout line). */
interface RunResult {
  mode: Mode;
  deliveries: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** p99 of the deliveries after the first second's (the first second warms the JIT up). */
  p99Warm: number;
  non202: number;
  byStatus: string;
  seconds: number;
  connections: number;
  processed: number;
  listed: number;
  problems: string[];
}

interface Options {
  rate: number;
  seconds: number;
  mode: Mode | null;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { rate: 200, seconds: 10, mode: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[++i];
    if (arg === "--rate") options.rate = Number(value);
    else if (arg === "--seconds") options.seconds = Number(value);
    else if (arg === "--mode" && (value === "processed" || value === "held")) options.mode = value;
    else throw new Error(`unknown argument ${arg}; usage: bench/registry-load.ts [--rate N] [--seconds S]`);
  }
  if (!(options.rate > 0) || !(options.seconds > 0)) throw new Error("--rate and --seconds take positive numbers");
  return options;
}

/**
 * One run: the app served, the load sent, the queue drained. `processed`: each delivery's
 * `GET /app/installations` answered at once (none), so the queue works alongside the load; `held`: the answer
 * waits until the load is over, so the queue's first deliveries (its concurrency) wait on it and the others
 * stay queued: the acknowledgement path alone.
 */
async function run(mode: Mode, rate: number, seconds: number): Promise<RunResult> {
  process.env.WEBHOOK_SECRET ??= "bench-webhook-secret";
  process.env.REGISTRY_WEBHOOK_SECRET = REGISTRY_SECRET;
  process.env.PROMENADE_QUEUE_ATTEMPTS = "1";
  delete process.env.REDIS_URL;
  nock.disableNetConnect();
  let release = (): void => undefined;
  const loadOver = mode === "held" ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  let listed = 0;
  nock(GITHUB_API)
    .persist()
    .get("/app/installations")
    .query({ per_page: "100" })
    .reply(async () => {
      await loadOver;
      listed++;
      return [200, []];
    });
  const { port, app, http, stop } = await startAppServer();
  let connections = 0;
  http.on("connection", () => connections++);
  const deliveries = genericDeliveries(Math.round(rate * seconds));
  const result = await sendLoad(port, deliveries, rate, "/registry-webhooks/generic");
  release();
  const queue = queueOf(app);
  const problems: string[] = [];
  try {
    await queue?.drain(120_000);
  } catch {
    problems.push("the queue did not drain within 120 s");
  }
  const stats = await queue?.stats();
  await queue?.close();
  await stop();
  problems.push(...nock.pendingMocks().map((m) => `mock left unused: ${m}`));
  nock.cleanAll();
  nock.enableNetConnect();

  const sorted = [...result.latencies].sort((a, b) => a - b);
  const non202 = deliveries.length - (result.statuses["202"] ?? 0);
  const byStatus = Object.entries(result.statuses)
    .map(([status, n]) => `${status}: ${n}`)
    .join(", ");
  if (non202 > 0) problems.push(`${non202} delivery(ies) not answered 202 (${byStatus})`);
  if ((stats?.failed ?? 0) > 0) problems.push(`${stats?.failed} delivery(ies) failed in the queue`);
  if ((stats?.processed ?? 0) !== deliveries.length) problems.push(`processed ${stats?.processed ?? 0} of ${deliveries.length} deliveries`);
  return {
    mode,
    deliveries: deliveries.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    // The generator records latencies as the answers come, nearly in sending order.
    p99Warm: percentile(
      [...result.latencies.slice(Math.round(rate))].sort((a, b) => a - b),
      99,
    ),
    non202,
    byStatus,
    seconds: result.seconds,
    connections,
    processed: stats?.processed ?? 0,
    listed,
    problems,
  };
}

/** A run in its own child process (a fresh heap and JIT for each), its result read from its last stdout line. */
function runChild(mode: Mode, options: Options): RunResult {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--mode", mode, "--rate", String(options.rate), "--seconds", String(options.seconds)],
    {
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const last = child.stdout.trim().split("\n").pop() ?? "";
  if (child.error || !last.startsWith("{")) {
    const reason = (child.error?.message ?? (child.stderr.trim() || child.stdout.trim() || `exit ${child.status}`)).split("\n").slice(0, 3).join("\n    ");
    throw new Error(`${mode}: not measured: ${reason}`);
  }
  return JSON.parse(last) as RunResult;
}

const LABELS: Record<Mode, string> = {
  processed: "processed meanwhile (GET /app/installations: none)",
  held: "processing held until the load is over",
};

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options.mode !== null) {
    console.log(JSON.stringify(await run(options.mode, options.rate, options.seconds)));
    return 0;
  }
  const loadBefore = os.loadavg()[0] ?? 0;
  const results = (["processed", "held"] as const).map((mode) => runChild(mode, options));
  console.log(
    `Registry webhook acknowledgement: POST /registry-webhooks/generic (HMAC-SHA256 signed, each a distinct tag), ${options.rate}/s for ${options.seconds} s ` +
      "through Probot's HTTP server over keep-alive connections, in-process queue, each run in its own process " +
      `(${os.cpus().length} CPUs, load average ${loadBefore.toFixed(2)} before the runs):\n`,
  );
  const rows = [["queue", "deliveries", "p50 ms", "p95 ms", "p99 ms", "max ms", "p99 after 1st s", "non-202", "target"]];
  for (const r of results) {
    rows.push([
      LABELS[r.mode],
      String(r.deliveries),
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      r.p99.toFixed(1),
      r.max.toFixed(1),
      r.p99Warm.toFixed(1),
      String(r.non202),
      `p99 ${r.p99 < TARGET_P99_MS ? "PASS" : "FAIL"} (< ${TARGET_P99_MS} ms)`,
    ]);
  }
  printTable(rows);
  console.log("");
  for (const r of results) {
    console.log(
      `${r.mode}: sent in ${r.seconds.toFixed(1)} s over ${r.connections} connection(s); answers ${r.byStatus}; ` +
        `then processed ${r.processed} (GET /app/installations answered ${r.listed})`,
    );
  }
  console.log("(A replica lists the app's installations once per 5 minutes for registry deliveries: the column above counts those listings.)");
  const problems = results.flatMap((r) => r.problems.map((p) => `${r.mode}: ${p}`));
  if (problems.length > 0) console.log(`\nWARNING:\n  ${problems.join("\n  ")}`);
  return problems.length > 0 ? 1 : 0;
}

exitWith("bench registry-load", main(process.argv.slice(2)), 100);
