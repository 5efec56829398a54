/**
 * `npm run bench`, the service: how fast webhooks are acknowledged under load,
 * and how many promotions the app opens per minute.
 *
 * 1. Acknowledgement latency. The whole app runs behind Probot's own HTTP
 *    server (signature check, then the intake stores the delivery in the
 *    in-process queue, or the Redis queue with --redis URL). A load
 *    generator in a worker thread sends signed `repository_dispatch`
 *    deliveries (`promenade-image`, spread over 20 repositories) at a fixed
 *    rate (default 200/s for 10 s) and measures each response time. The
 *    queue's worker processes them meanwhile in the same process (each reads
 *    the head and the config of its repository from a mocked GitHub: the
 *    repositories have no config, so nothing more), so the figures include
 *    the processing load. Target: p99 under 50 ms.
 * 2. The same load for 5 s during heavy work (bench/heavy-work.ts), each
 *    scenario in its own app process: none, the review of a pull request
 *    rewriting a 3,000-line file into a 30,000-line one, and an image push
 *    matched against `tags.allow: "^(a+)+$"`; with `/healthz` polled every
 *    100 ms throughout.
 * 3. Throughput. One promotion PR after another (distinct images of a
 *    generated fleet), each delivered to the app and processed through the
 *    queue with GitHub mocked at the HTTP boundary (the same mocks as
 *    bench/github-calls.ts): promotions per minute as processed, and the
 *    ceiling GitHub's secondary limit puts on one installation (80
 *    content-creating requests a minute, 4 per new promotion PR).
 *
 * Usage: node --import tsx bench/service.ts [--rate N] [--seconds S] [--promotions N] [--redis URL]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { CONFIG_PATH } from "../src/engine/config/parse-config.js";
import { queueOf } from "../src/service/intake.js";
import { createTestApp, mockInstallationToken } from "../test/helpers/github-mock.js";
import { INSTALLATION_ID, repositoryDispatchPayload } from "../test/helpers/payloads.js";
import { FixtureRepo, REPO } from "../test/handlers/fixture-repo.js";
import { mockNewPromotion } from "../test/handlers/promotion-mocks.js";
import { generateFleet } from "./generate-fleet.js";
import { HEAVY_SCENARIOS, type HeavyWorkResult, measureDuringHeavyWork, printHeavyWork } from "./heavy-work.js";
import { mockRepositoriesWithoutConfig, percentile, sendLoad, signedDeliveries, startAppServer } from "./load.js";
import { exitWith } from "./exit-with.js";

const TARGET_P99_MS = 50;
/** How long the load runs in each heavy-work scenario. */
const HEAVY_SECONDS = 5;
const WRITES_PER_MINUTE = 80;
const WRITES_PER_PROMOTION = 4;
const FIXTURES = fileURLToPath(new URL("../test/fixtures/repos/", import.meta.url));

interface Options {
  rate: number;
  seconds: number;
  promotions: number;
  redis: string | null;
}

async function measureAcknowledgement(
  options: Options,
): Promise<{ p50: number; p99: number; max: number; sent: number; failed: number; processed: number; seconds: number }> {
  if (options.redis !== null) process.env.REDIS_URL = options.redis;
  mockRepositoriesWithoutConfig();
  const { port, app, stop } = await startAppServer();
  const deliveries = signedDeliveries(options.rate * options.seconds);
  const result = await sendLoad(port, deliveries, options.rate);
  const queue = queueOf(app);
  await queue?.drain(120_000);
  const processed = (await queue?.stats())?.processed ?? 0;
  await queue?.close();
  await stop();
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    sent: deliveries.length,
    failed: result.failed,
    processed,
    seconds: result.seconds,
  };
}

async function measureThroughput(count: number): Promise<{ promotions: number; seconds: number; perMinute: number; failures: number }> {
  process.env.PROMENADE_QUEUE_ATTEMPTS = "1";
  process.env.PROMENADE_WRITES_PER_MINUTE = "1000000";
  delete process.env.REDIS_URL;
  nock.cleanAll();
  const fleet = generateFleet({ services: 100 });
  try {
    const services = fleet.services.filter((s) => /^\d+\.\d+\.\d+$/.test(s.tags.dev)).slice(0, count);
    const config = fs
      .readFileSync(path.join(fleet.root, CONFIG_PATH), "utf8")
      .replace("\nimages:\n", `\nimages:\n${services.map((s) => `  - name: ${s.image}\n`).join("")}`);
    const repo = new FixtureRepo(path.relative(FIXTURES, fleet.root), undefined, { [CONFIG_PATH]: config });
    const { probot, recorder } = await createTestApp();
    mockInstallationToken(INSTALLATION_ID);
    const started = performance.now();
    for (const [i, service] of services.entries()) {
      repo.serve();
      mockNewPromotion(`promenade/dev/${service.name}`, 100 + i);
      const payload = repositoryDispatchPayload({
        repo: { owner: REPO.owner, repo: REPO.repo, defaultBranch: repo.branch },
        eventType: "promenade-image",
        clientPayload: { image: service.image, tag: `${Number(service.tags.dev.split(".")[0]) + 1}.0.0` },
      });
      await probot.receive({ id: `throughput-${i}`, name: "repository_dispatch", payload });
    }
    const seconds = (performance.now() - started) / 1000;
    const opened = recorder.requests.filter((r) => r.method === "POST" && r.path === "/repos/acme/gitops/pulls").length;
    await queueOf(probot)?.close();
    return { promotions: opened, seconds, perMinute: (opened / seconds) * 60, failures: services.length - opened + nock.pendingMocks().length };
  } finally {
    nock.cleanAll();
    fs.rmSync(fleet.root, { recursive: true, force: true });
  }
}

function parseOptions(argv: string[]): Options {
  const options: Options = { rate: 200, seconds: 10, promotions: 30, redis: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[++i];
    if (arg === "--rate") options.rate = Number(value);
    else if (arg === "--seconds") options.seconds = Number(value);
    else if (arg === "--promotions") options.promotions = Number(value);
    else if (arg === "--redis") options.redis = value ?? null;
    else throw new Error(`unknown argument ${arg}; usage: bench/service.ts [--rate N] [--seconds S] [--promotions N] [--redis URL]`);
  }
  return options;
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  nock.disableNetConnect();
  const ack = await measureAcknowledgement(options);
  const verdict = ack.p99 < TARGET_P99_MS && ack.failed === 0 ? "PASS" : "FAIL";
  console.log(
    `Webhook acknowledgement, ${options.rate} deliveries/s for ${options.seconds} s through Probot's HTTP server ` +
      `(${options.redis === null ? "in-process queue" : "Redis queue"}; processed meanwhile in the same process):`,
  );
  console.log(`  sent ${ack.sent} in ${ack.seconds.toFixed(1)} s, refused ${ack.failed}, processed ${ack.processed}`);
  console.log(`  p50 ${ack.p50.toFixed(1)} ms, p99 ${ack.p99.toFixed(1)} ms, max ${ack.max.toFixed(1)} ms: ${verdict} (p99 < ${TARGET_P99_MS} ms)\n`);
  const heavy: HeavyWorkResult[] = [];
  for (const scenario of HEAVY_SCENARIOS) heavy.push(await measureDuringHeavyWork(scenario, options.rate, HEAVY_SECONDS));
  const heavyPass = printHeavyWork(heavy, options.rate, HEAVY_SECONDS, TARGET_P99_MS);
  const throughput = await measureThroughput(options.promotions);
  const ceiling = WRITES_PER_MINUTE / WRITES_PER_PROMOTION;
  console.log(
    `Throughput: ${throughput.promotions} new promotion PRs (one installation, 300-file repository, GitHub mocked) in ${throughput.seconds.toFixed(1)} s:`,
  );
  console.log(`  processing: ${throughput.perMinute.toFixed(0)} promotions/min`);
  console.log(
    `  within GitHub's secondary limit (${WRITES_PER_MINUTE} content-creating requests/min per installation, ${WRITES_PER_PROMOTION} per PR): ` +
      `${Math.min(ceiling, throughput.perMinute).toFixed(0)} promotions/min per installation (the app paces writes to that limit)`,
  );
  if (throughput.failures > 0) console.log(`  WARNING: ${throughput.failures} promotion(s) not opened or mocks left unused`);
  nock.enableNetConnect();
  return verdict === "PASS" && heavyPass && throughput.failures === 0 ? 0 : 1;
}

exitWith("bench", main(process.argv.slice(2)), 100);
