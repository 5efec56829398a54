/**
 * `npm run bench`: webhook acknowledgement while the app does heavy work.
 * Each scenario (bench/heavy-scenarios.ts) runs in a fresh app process
 * (bench/heavy-app.ts), measured from this one, so the figures come in
 * even when the app's event loop is blocked:
 *
 * - signed deliveries at `rate` a second for `seconds`, from a worker thread,
 *   as in the acknowledgement bench (a delivery not answered within 10 s
 *   counts as refused);
 * - the scenario's own delivery half a second in;
 * - `GET /healthz` every 100 ms (an answer later than 5 s counts as none);
 * - `GET /metrics` every 250 ms, to see when the heavy delivery and then
 *   every delivery were processed (waited for at most 30 s after the load).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { HEAVY_EVENT, type HeavyScenario, SCENARIO_LABELS, scenarioTrigger } from "./heavy-scenarios.js";
import { percentile, SECRET, sendLoad, signedDeliveries, type SignedDelivery } from "./load.js";

/** The scenarios, in the order they are measured and printed. */
export const HEAVY_SCENARIOS: readonly HeavyScenario[] = ["none", "review", "image-push"];

const HEALTH_EVERY_MS = 100;
const METRICS_EVERY_MS = 250;
const ANSWER_WITHIN_MS = 5000;
const DRAIN_WITHIN_MS = 30_000;

export interface HeavyWorkResult {
  scenario: HeavyScenario;
  sent: number;
  refused: number;
  p50: number;
  p99: number;
  max: number;
  healthPolls: number;
  healthAnswered: number;
  healthMaxMs: number;
  /** Seconds from the heavy delivery until it was processed (to METRICS_EVERY_MS), when its event tells it apart; null otherwise. */
  heavySeconds: number | null;
  /** Whether every delivery was processed within DRAIN_WITHIN_MS after the load. */
  drained: boolean;
  /** Deliveries whose processing failed. */
  errors: number;
}

/** Measures `scenario` with a load of `rate` deliveries a second for `seconds`. */
export async function measureDuringHeavyWork(scenario: HeavyScenario, rate: number, seconds: number): Promise<HeavyWorkResult> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL("./heavy-app.ts", import.meta.url)), scenario], {
    stdio: ["pipe", "pipe", "inherit"],
    env: {
      ...process.env,
      WEBHOOK_SECRET: SECRET,
      PROMENADE_STARTUP: "off",
      PROMENADE_RENDER: "off",
      PROMENADE_QUEUE_ATTEMPTS: "1",
      PROMENADE_WRITES_PER_MINUTE: "1000000",
    },
  });
  try {
    const base = `http://127.0.0.1:${await portOf(child)}`;
    const deliveries = signedDeliveries(rate * seconds);
    const trigger = scenarioTrigger(scenario);
    const health: Answer[] = [];
    const polls = new Set<Promise<void>>();
    const poller = setInterval(() => {
      const poll = timed(() => fetch(`${base}/healthz`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) })).then((answer) => {
        health.push(answer);
        polls.delete(poll);
      });
      polls.add(poll);
    }, HEALTH_EVERY_MS);
    const load = sendLoad(Number(new URL(base).port), deliveries, rate);
    const heavy = trigger === null ? null : sendHeavy(base, trigger);
    const expected = deliveries.length + (trigger === null ? 0 : 1);
    const progress = watchProcessed(base, expected, HEAVY_EVENT[scenario], load);
    const [result, heavyAnswer, processed] = await Promise.all([load, heavy, progress]);
    clearInterval(poller);
    await Promise.all(polls);
    const latencies = [...result.latencies, ...(heavyAnswer === null ? [] : [heavyAnswer.answer.ms])].sort((a, b) => a - b);
    const answered = health.filter((answer) => answer.ok);
    return {
      scenario,
      sent: latencies.length,
      refused: result.failed + (heavyAnswer !== null && !heavyAnswer.answer.ok ? 1 : 0),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
      healthPolls: health.length,
      healthAnswered: answered.length,
      healthMaxMs: Math.max(...health.map((answer) => answer.ms)),
      heavySeconds: heavyAnswer === null || processed.heavyAt === null ? null : (processed.heavyAt - heavyAnswer.sentAt) / 1000,
      drained: processed.drained,
      errors: processed.errors,
    };
  } finally {
    child.stdin?.end();
    child.kill("SIGKILL");
  }
}

/** Prints the results as a table after the acknowledgement bench's figures; answers whether every scenario met the target and kept /healthz answering. */
export function printHeavyWork(results: readonly HeavyWorkResult[], rate: number, seconds: number, targetP99: number): boolean {
  console.log(`Webhook acknowledgement during heavy work, ${rate} deliveries/s for ${seconds} s, each scenario in a fresh app process (in-process queue):`);
  const rows = results.map((r) => {
    const pass = r.p99 < targetP99 && r.refused === 0 && r.healthAnswered === r.healthPolls && r.drained;
    const heavy = r.heavySeconds === null ? (r.drained ? "processed" : "NOT processed") : `processed in ${r.heavySeconds.toFixed(1)} s`;
    return [
      SCENARIO_LABELS[r.scenario],
      String(r.refused),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.max.toFixed(1),
      `${r.healthAnswered}/${r.healthPolls}`,
      r.healthMaxMs.toFixed(1),
      `${heavy}${r.errors > 0 ? `, ${r.errors} failed` : ""}`,
      pass ? "PASS" : "FAIL",
    ];
  });
  const header = [
    "scenario",
    "refused",
    "ack p50 ms",
    "ack p99 ms",
    "ack max ms",
    "/healthz answered",
    "/healthz max ms",
    "heavy delivery",
    `p99 < ${targetP99} ms, /healthz up`,
  ];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  for (const row of [header, ...rows]) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")}`);
  console.log("");
  return rows.every((row) => row.at(-1) === "PASS");
}

interface Answer {
  ok: boolean;
  ms: number;
}

async function timed(request: () => Promise<Response>): Promise<Answer> {
  const start = performance.now();
  try {
    const response = await request();
    await response.arrayBuffer();
    return { ok: response.status < 300, ms: performance.now() - start };
  } catch {
    return { ok: false, ms: performance.now() - start };
  }
}

/** Sends `trigger` half a second into the load; answers when it was sent and how it was acknowledged. */
async function sendHeavy(base: string, trigger: SignedDelivery): Promise<{ sentAt: number; answer: Answer }> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const sentAt = performance.now();
  const answer = await timed(() =>
    fetch(`${base}/api/github/webhooks`, { method: "POST", headers: trigger.headers, body: trigger.body, signal: AbortSignal.timeout(ANSWER_WITHIN_MS * 2) }),
  );
  return { sentAt, answer };
}

/**
 * Polls `/metrics` until `expected` deliveries were processed (after the
 * load ended, at most DRAIN_WITHIN_MS more): when the first delivery of
 * `heavyEvent` was seen processed, whether all were, and how many failed.
 */
async function watchProcessed(
  base: string,
  expected: number,
  heavyEvent: string | null,
  load: Promise<unknown>,
): Promise<{ heavyAt: number | null; drained: boolean; errors: number }> {
  let loadEnded: number | null = null;
  void load.then(() => {
    loadEnded = performance.now();
  });
  let heavyAt: number | null = null;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, METRICS_EVERY_MS));
    const counts = await processedCounts(base);
    if (counts !== null) {
      if (heavyEvent !== null && heavyAt === null && (counts.byEvent.get(heavyEvent) ?? 0) > 0) heavyAt = performance.now();
      if (loadEnded !== null && counts.total >= expected) return { heavyAt, drained: true, errors: counts.errors };
    }
    if (loadEnded !== null && performance.now() - loadEnded > DRAIN_WITHIN_MS) return { heavyAt, drained: false, errors: counts?.errors ?? 0 };
  }
}

/** `promenade_deliveries_processed_total` of the app at `base`: per event, in all, and how many failed; null when `/metrics` did not answer. */
async function processedCounts(base: string): Promise<{ byEvent: Map<string, number>; total: number; errors: number } | null> {
  try {
    const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    const text = await response.text();
    const byEvent = new Map<string, number>();
    let errors = 0;
    for (const match of text.matchAll(/^promenade_deliveries_processed_total\{event="([^"]+)",result="([^"]+)"\} (\d+)$/gm)) {
      const [, event = "", result, count = "0"] = match;
      byEvent.set(event, (byEvent.get(event) ?? 0) + Number(count));
      if (result === "error") errors += Number(count);
    }
    return { byEvent, total: [...byEvent.values()].reduce((sum, n) => sum + n, 0), errors };
  } catch {
    return null;
  }
}

/** The port the app process prints once it listens. */
function portOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) return reject(new Error("the app process has no standard output"));
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`the app process exited with code ${code} before listening`)));
  });
}
