/**
 * `npm run bench`: generates a fleet of N services × 3 environments (default
 * 1,000 × 3 = 3,000 YAML files) in a temporary directory and measures, each in
 * a fresh child process:
 *
 *  - read (the floor): listing the fleet's YAML files and reading each one,
 *    no more: what any tool that looks at every file pays at least;
 *  - scan: discovering every image reference in the whole repository;
 *  - set-image (one service): one service's image, referenced once in each
 *    of its three environment files: the everyday promotion;
 *  - set-image (shared sidecar): an image referenced in every file of the
 *    fleet: the worst case, where every file changes.
 *
 * Then bench/github-calls.ts (its own child process) counts the GitHub calls
 * the app makes to open one promotion PR in the fleet (reads, writes, round
 * trips, at the HTTP boundary) against the target of at most 4 writes and a
 * constant number of reads; bench/service.ts measures the service (webhook
 * acknowledgement under load, throughput); bench/routing-calls.ts counts the
 * GitHub calls per package event by installation size (the repository
 * index's cost, cold and warm); bench/registry-load.ts measures the registry
 * webhook route's acknowledgement latency under load.
 *
 * Wall time is taken with `performance.now()` around the engine call inside
 * the child (process start-up and module loading excluded); peak memory is
 * the child's peak resident set size (`process.resourceUsage().maxRSS`), so
 * it includes the Node runtime, tsx and the loaded modules — the baseline row
 * shows how much of it that is. Each step runs `--runs` times (default 3);
 * the table shows the median wall time and the highest peak RSS.
 *
 * The figures are compared with the performance target for planning on
 * 1,000 × 3 files: each step under 1 s and within 10× the floor (the read
 * row of the same run, so that a slow disk or a busy machine slows both), and
 * under 300 MB. Being over target is printed, not failed: the exit code is 0
 * unless a measurement could not be taken.
 *
 * Usage: npm run bench [-- --services N] [--runs R] [--keep]
 * Child mode (internal): bench/run.ts --measure <baseline|read|scan|set-image> DIR [IMAGE TAG]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import type { ImageReference } from "../src/engine/images/reference.js";
import { generateFleet, SHARED_IMAGE, type GeneratedFleet } from "./generate-fleet.js";
import { num, printTable, verdict } from "./print-table.js";

const DIST_LOCAL_REPO = new URL("../dist/local/local-repo.js", import.meta.url).href;
const DIST_PARALLEL_SCAN = new URL("../dist/local/parallel-scan.js", import.meta.url).href;
const TARGET_MS = 1000;
const TARGET_MB = 300;
/** How many times the floor (reading every file) a step may take. */
const TARGET_FLOOR_RATIO = 10;
/** The directory argument meaning "the whole repository". */
const WHOLE_REPO = "";

/** What a child reports on its last stdout line. */
interface Measurement {
  ms: number;
  peakRssMb: number;
  references: number;
  filesWithReferences: number;
  changes: number;
}

// ---------------------------------------------------------------- child side

async function measure(step: string, dir: string, image: string | undefined, tag: string | undefined): Promise<Measurement> {
  // Load the engine before the clock starts: module loading is start-up cost, not work. The compiled
  // build is measured (what `npx promenade` runs), so that discovery can use worker threads.
  const { LocalRepo } = (await import(DIST_LOCAL_REPO)) as typeof import("../src/local/local-repo.js");
  const { scanLocalReferences, setImageLocal } = (await import(DIST_PARALLEL_SCAN)) as typeof import("../src/local/parallel-scan.js");
  let references = 0;
  let filesWithReferences = 0;
  let changes = 0;
  const start = performance.now();
  if (step === "scan") {
    const found = (await scanLocalReferences(new LocalRepo(dir), WHOLE_REPO)).references;
    references = found.length;
    filesWithReferences = new Set(found.map((r: ImageReference) => r.file)).size;
  } else if (step === "set-image") {
    if (image === undefined || tag === undefined) throw new Error("set-image needs IMAGE and TAG");
    const result = await setImageLocal(new LocalRepo(dir), WHOLE_REPO, { image, tag, digest: null });
    references = result.matched.length;
    filesWithReferences = new Set(result.matched.map((r: ImageReference) => r.file)).size;
    changes = result.changes.length;
  } else if (step === "read") {
    filesWithReferences = readYamlFiles(dir);
  } else if (step !== "baseline") {
    throw new Error(`unknown step ${step}`);
  }
  const ms = performance.now() - start;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  return { ms, peakRssMb, references, filesWithReferences, changes };
}

/**
 * The floor: lists the YAML files under `dir` and reads each one as text, the
 * plainest way Node does it (synchronous calls, nothing checked or parsed);
 * answers how many it read.
 */
function readYamlFiles(dir: string): number {
  let files = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/i.test(entry.name)) continue;
    fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
    files++;
  }
  return files;
}

// --------------------------------------------------------------- parent side

interface Step {
  label: string;
  args: string[];
  /** What the generator wrote, to compare with what the engine found. */
  expected: { references?: number; changes?: number };
  /** Whether the target applies (not to the baseline and floor rows). */
  target: boolean;
  /** Extra environment for the child (e.g. PROMENADE_WORKERS=0 for a single-thread row). */
  env?: Record<string, string>;
}

interface StepResult {
  step: Step;
  runs: Measurement[];
  error?: string;
}

function runChild(args: string[], env: Record<string, string> = {}): Measurement {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, script, "--measure", ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  const last = child.stdout.trim().split("\n").pop() ?? "";
  if (child.status !== 0 || !last.startsWith("{")) {
    const reason = (child.stderr.trim() || child.stdout.trim() || `exit ${child.status}`).split("\n").slice(0, 2).join("\n    ");
    throw new Error(reason);
  }
  return JSON.parse(last) as Measurement;
}

/** bench/github-calls.ts in its own child process, printing straight to this one's output; returns its exit code. */
/** Runs another bench script (`github-calls.ts`, `service.ts`) in a child process, its output shown as it comes; answers its exit code. */
function runScript(name: string, args: readonly string[]): number {
  const script = fileURLToPath(new URL(`./${name}`, import.meta.url));
  const child = spawnSync(process.execPath, [...process.execArgv, script, ...args], {
    stdio: "inherit",
    // The app's own tests' settings: no start-up work (it would call GitHub), no rendering, a webhook secret (the app needs one).
    env: { WEBHOOK_SECRET: "bench-webhook-secret", ...process.env, PROMENADE_STARTUP: "off", PROMENADE_RENDER: "off" },
  });
  if (child.error) {
    console.log(`${name}: not measured: ${child.error.message}`);
    return 1;
  }
  return child.status ?? 1;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function parseOptions(argv: string[]): { services: number; runs: number; keep: boolean } {
  let services = 1000;
  let runs = 3;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--services") services = Number(argv[++i]);
    else if (arg === "--runs") runs = Number(argv[++i]);
    else if (arg === "--keep") keep = true;
    else {
      console.error(`bench: unknown argument ${arg}; usage: bench/run.ts [--services N] [--runs R] [--keep]`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(services) || services < 1 || !Number.isInteger(runs) || runs < 1) {
    console.error("bench: --services and --runs take positive integers");
    process.exit(2);
  }
  return { services, runs, keep };
}

function planSteps(fleet: GeneratedFleet): Step[] {
  const service = fleet.services[Math.floor(fleet.services.length / 2)];
  const steps: Step[] = [
    { label: "baseline (runtime + modules)", args: ["baseline", fleet.root], expected: {}, target: false },
    { label: "floor: read every YAML file", args: ["read", fleet.root], expected: {}, target: false },
    { label: "scan: all image references", args: ["scan", fleet.root], expected: { references: fleet.references }, target: true },
    {
      label: "scan on one thread (PROMENADE_WORKERS=0)",
      args: ["scan", fleet.root],
      expected: { references: fleet.references },
      target: true,
      env: { PROMENADE_WORKERS: "0" },
    },
  ];
  if (service !== undefined) {
    steps.push({
      label: `set-image: ${service.name} (${service.shape})`,
      args: ["set-image", fleet.root, service.image, "9.9.9"],
      expected: { references: service.files.length, changes: service.files.length },
      target: true,
    });
  }
  steps.push({
    label: "set-image: shared sidecar in every file",
    args: ["set-image", fleet.root, SHARED_IMAGE, "1.33.0"],
    expected: { references: fleet.sharedImageFiles, changes: fleet.sharedImageFiles },
    target: true,
  });
  return steps;
}

function printResults(results: StepResult[], runs: number): void {
  const header = ["step", "refs", "files", "changes", `wall ms (median of ${runs})`, "", "× floor", "", "peak RSS MB", ""];
  const rows: string[][] = [header];
  const notes: string[] = [];
  const floorRuns = results.find((r) => r.step.args[0] === "read")?.runs ?? [];
  const floorMs = floorRuns.length === 0 ? undefined : median(floorRuns.map((m) => m.ms));
  for (const { step, runs: measured, error } of results) {
    if (error !== undefined || measured.length === 0) {
      rows.push([step.label, "-", "-", "-", "not measured", "", "", "", "", ""]);
      notes.push(`${step.label}: not measured:\n    ${error ?? "no run"}`);
      continue;
    }
    const first = measured[0] as Measurement;
    const ms = median(measured.map((m) => m.ms));
    const mb = Math.max(...measured.map((m) => m.peakRssMb));
    const timed = step.args[0] !== "baseline";
    const ratio = floorMs === undefined || floorMs === 0 ? undefined : ms / floorMs;
    rows.push([
      step.label,
      step.target ? num(first.references) : "-",
      timed ? num(first.filesWithReferences) : "-",
      step.args[0] === "set-image" ? num(first.changes) : "-",
      timed ? ms.toFixed(1) : "-",
      step.target ? `${verdict(ms < TARGET_MS)} (< ${num(TARGET_MS)} ms)` : "",
      step.target && ratio !== undefined ? ratio.toFixed(1) : "-",
      step.target && ratio !== undefined ? `${verdict(ratio <= TARGET_FLOOR_RATIO)} (≤ ${TARGET_FLOOR_RATIO}×)` : "",
      mb.toFixed(1),
      step.target ? `${verdict(mb < TARGET_MB)} (< ${TARGET_MB} MB)` : "",
    ]);
    if (timed && measured.length > 1) {
      notes.push(`${step.label}: wall ms per run ${measured.map((m) => m.ms.toFixed(1)).join(", ")}`);
    }
    if (step.expected.references !== undefined && first.references !== step.expected.references) {
      notes.push(`${step.label}: WARNING: found ${num(first.references)} references, the generator wrote ${num(step.expected.references)}`);
    }
    if (step.expected.changes !== undefined && first.changes !== step.expected.changes) {
      notes.push(`${step.label}: WARNING: ${num(first.changes)} files changed, expected ${num(step.expected.changes)}`);
    }
  }
  printTable(rows, (c) => !((c >= 1 && c <= 4) || c === 6 || c === 8));
  if (notes.length > 0) console.log(`\n${notes.join("\n")}`);
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "--measure") {
    const [, step = "", dir = "", image, tag] = argv;
    console.log(JSON.stringify(await measure(step, dir, image, tag)));
    return 0;
  }
  const options = parseOptions(argv);
  const started = performance.now();
  const fleet = generateFleet({ services: options.services });
  const generatedMs = performance.now() - started;
  try {
    const kustomize = fleet.services.filter((s) => s.shape.startsWith("kustomize")).length;
    console.log(`Promenade benchmark: Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs`);
    console.log(
      `Fleet: ${num(fleet.services.length)} services × 3 environments = ${num(fleet.yamlFiles)} YAML files (+ .github/promenade.yml), ` +
        `${(fleet.bytes / 1024 / 1024).toFixed(1)} MB, ${num(fleet.minBytes)}–${num(fleet.maxBytes)} bytes per file, ` +
        `${num(kustomize)} Kustomize services / ${num(fleet.services.length - kustomize)} Helm services, ` +
        `${num(fleet.references)} image references; generated in ${generatedMs.toFixed(0)} ms at ${fleet.root}`,
    );
    console.log(
      `Target (planning on 1,000 × 3 files): < ${num(TARGET_MS)} ms, ≤ ${TARGET_FLOOR_RATIO}× the floor (reading every file) and < ${TARGET_MB} MB per step.`,
    );
    console.log("Each step runs in a fresh child process; wall time excludes start-up, peak RSS is the whole process.\n");

    const results: StepResult[] = [];
    for (const step of planSteps(fleet)) {
      const result: StepResult = { step, runs: [] };
      try {
        for (let i = 0; i < options.runs; i++) result.runs.push(runChild(step.args, step.env));
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
      }
      results.push(result);
      // The baseline only loads the engine: when that fails, every other step would fail the same way.
      if (result.error !== undefined && step.args[0] === "baseline") break;
    }
    printResults(results, options.runs);
    console.log("");
    const calls = runScript("github-calls.ts", ["--services", String(options.services)]);
    console.log("");
    const service = runScript("service.ts", process.env.REDIS_URL ? ["--redis", process.env.REDIS_URL] : []);
    console.log("");
    const routing = runScript("routing-calls.ts", []);
    console.log("");
    const registry = runScript("registry-load.ts", []);
    return results.some((r) => r.error !== undefined) || calls !== 0 || service !== 0 || routing !== 0 || registry !== 0 ? 1 : 0;
  } finally {
    if (options.keep) console.log(`\nKept the fleet at ${fleet.root}`);
    else fs.rmSync(fleet.root, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
