/**
 * `npm run bench`, GitHub calls: the requests the app sends to open one
 * promotion PR, counted at the HTTP boundary.
 *
 * The fleet of `generate-fleet.ts` is served through nock exactly as the
 * handler tests serve their fixture repositories (test/handlers/fixture-repo.ts
 * and promotion-mocks.ts: the GraphQL query of the head and the config's
 * text there, beside the tarball of the default branch asked for by its name
 * (the dispatch says it); then, side by side, that tarball through its 302 to
 * codeload (read because its pax header names the head commit), the one query
 * of Promenade's issues (the config issue and the holds) and the open-PR
 * look-up of the branch the config names; then the branch with its commit
 * (one GraphQL request), PR and labels). One
 * `repository_dispatch` (`promenade-image`) announcing a newer tag of one
 * service's image is delivered to the whole app (test/helpers/github-mock.ts's
 * createTestApp: every request validated against GitHub's OpenAPI description
 * or GraphQL schema, and recorded). The same is done for a small fleet, to show
 * that the reads do not grow with the repository.
 *
 * Reads are GETs and GraphQL queries, writes everything else; the installation
 * token request is counted apart and left out. Round trips are the longest
 * chain of requests each started after the previous one completed, counted
 * from the first API call (the token's own round trip before it is left out).
 *
 * Targets: at most 4 writes to open the PR, a constant number of reads
 * whatever the repository's size, and at most 5 sequential round trips.
 *
 * Usage: node --import tsx bench/github-calls.ts [--services N] [--small N]
 * Exit code: 0 when measured (over target is printed, not failed), 1 when the
 * delivery failed or a request was left unanswered or invalid.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { CONFIG_PATH } from "../src/engine/config/parse-config.js";
import { createTestApp, mockInstallationToken, takeValidationProblems, type RequestRecorder } from "../test/helpers/github-mock.js";
import { INSTALLATION_ID, repositoryDispatchPayload } from "../test/helpers/payloads.js";
import { FixtureRepo, REPO } from "../test/handlers/fixture-repo.js";
import { committedFiles, mockNewPromotion } from "../test/handlers/promotion-mocks.js";
import { generateFleet, type GeneratedService } from "./generate-fleet.js";
import { exitWith } from "./exit-with.js";
import { num, printTable, verdict } from "./print-table.js";

const TARGET_WRITES = 4;
/** At most this many sequential round trips to open the PR. */
const TARGET_ROUND_TRIPS = 5;
const PR_NUMBER = 7;
const FIXTURES = fileURLToPath(new URL("../test/fixtures/repos/", import.meta.url));

interface Cost {
  services: number;
  files: number;
  service: string;
  fromTag: string;
  toTag: string;
  reads: number;
  writes: number;
  roundTrips: number;
  /** The recorder's own figure, which counts the installation token's trip in the chain. */
  recorderRoundTrips: number;
  lines: string[];
  committed: string[];
  problems: string[];
}

/** A service whose tags are semver (not `main-<sha>`), from the middle of the fleet. */
function pickService(services: readonly GeneratedService[]): GeneratedService {
  const semver = services.filter((s) => /^\d+\.\d+\.\d+$/.test(s.tags.dev));
  const service = semver[Math.floor(semver.length / 2)];
  if (service === undefined) throw new Error("the fleet has no service with semver tags");
  return service;
}

/** A tag strictly newer than `tag` (semver): the next major. */
function newerTag(tag: string): string {
  const major = Number(tag.split(".")[0]);
  return `${major + 1}.0.0`;
}

/** Round trips from the first API call on: the recorder's depth minus the trips before it (the installation token). */
function apiRoundTrips(recorder: RequestRecorder): number {
  const api = recorder.requests.filter((r) => r.kind !== "auth");
  if (api.length === 0) return 0;
  const first = Math.min(...api.map((r) => r.depth));
  return recorder.roundTrips - (first - 1);
}

async function measure(services: number): Promise<Cost> {
  const fleet = generateFleet({ services });
  try {
    const service = pickService(fleet.services);
    const fromTag = service.tags.dev;
    const toTag = newerTag(fromTag);
    const { probot, recorder } = await createTestApp();
    mockInstallationToken(INSTALLATION_ID);
    // FixtureRepo reads a directory under test/fixtures/repos/; the generated fleet is reached by a relative path.
    // The generated config lists only the shared sidecar under `images`, and an image the list lacks is never
    // promoted: the service's image is added to the list (no version rule), as a team adopting Promenade would.
    const config = fs.readFileSync(path.join(fleet.root, CONFIG_PATH), "utf8");
    if (!config.includes("\nimages:\n")) throw new Error(`${CONFIG_PATH} of the fleet has no images list`);
    const withService = config.replace("\nimages:\n", `\nimages:\n  - name: ${service.image}\n`);
    const repo = new FixtureRepo(path.relative(FIXTURES, fleet.root), undefined, { [CONFIG_PATH]: withService });
    repo.serve();
    const branch = `promenade/dev/${service.name}`;
    mockNewPromotion(branch, PR_NUMBER);
    const payload = repositoryDispatchPayload({
      repo: { owner: REPO.owner, repo: REPO.repo, defaultBranch: repo.branch },
      eventType: "promenade-image",
      clientPayload: { image: service.image, tag: toTag },
    });
    const problems: string[] = [];
    try {
      await probot.receive({ id: `bench-${services}`, name: "repository_dispatch", payload });
    } catch (error) {
      problems.push(`delivery failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    problems.push(...takeValidationProblems().map((p) => `request GitHub would reject: ${p}`));
    problems.push(...nock.pendingMocks().map((m) => `mock left unused: ${m}`));
    nock.cleanAll();
    return {
      services,
      files: repo.files.size,
      service: service.name,
      fromTag,
      toTag,
      reads: recorder.reads,
      writes: recorder.writes,
      roundTrips: apiRoundTrips(recorder),
      recorderRoundTrips: recorder.roundTrips,
      lines: recorder.requests.filter((r) => r.kind !== "auth").map((r) => `${r.kind.padEnd(5)}  ${r.method} ${r.path}`),
      committed: committedFiles(recorder).map((f) => `${f.path} (${f.branch})`),
      problems,
    };
  } finally {
    fs.rmSync(fleet.root, { recursive: true, force: true });
  }
}

function parseOptions(argv: string[]): { services: number; small: number } {
  let services = 1000;
  let small = 10;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--services") services = Number(argv[++i]);
    else if (arg === "--small") small = Number(argv[++i]);
    else throw new Error(`unknown argument ${arg}; usage: bench/github-calls.ts [--services N] [--small N]`);
  }
  if (!Number.isInteger(services) || services < 1 || !Number.isInteger(small) || small < 1) {
    throw new Error("--services and --small take positive integers");
  }
  return { services, small };
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  nock.disableNetConnect();
  try {
    const large = await measure(options.services);
    const small = await measure(options.small);
    console.log(
      `GitHub calls to open one promotion PR: one repository_dispatch (promenade-image) for ghcr.io/acme/${large.service} ` +
        `${large.fromTag} → ${large.toTag}, received by the whole app; requests counted at the HTTP boundary ` +
        "(installation token left out).\n",
    );
    const rows = [["fleet", "files", "reads", "writes", "round trips", "target"]];
    for (const cost of [large, small]) {
      rows.push([
        `${num(cost.services)} services × 3 environments`,
        num(cost.files),
        num(cost.reads),
        num(cost.writes),
        num(cost.roundTrips),
        `writes ${verdict(cost.writes <= TARGET_WRITES)} (≤ ${TARGET_WRITES}), round trips ${verdict(cost.roundTrips <= TARGET_ROUND_TRIPS)} (≤ ${TARGET_ROUND_TRIPS})`,
      ]);
    }
    printTable(rows);
    const sameReads = large.reads === small.reads;
    console.log(
      `\nReads constant whatever the size: ${verdict(sameReads)} (${num(large.reads)} reads with ${num(large.files)} files, ` +
        `${num(small.reads)} with ${num(small.files)})`,
    );
    console.log(`\nCalls for ${num(large.services)} services (in order):`);
    for (const line of large.lines) console.log(`  ${line}`);
    console.log(`Committed: ${large.committed.join(", ") || "nothing"}`);
    console.log(`(The recorder's own round-trip figure, which counts the installation token's trip first in the chain: ` + `${large.recorderRoundTrips}.)`);
    const problems = [
      ...large.problems.map((p) => `${num(large.services)} services: ${p}`),
      ...small.problems.map((p) => `${num(small.services)} services: ${p}`),
    ];
    if (large.committed.length !== 1 || small.committed.length !== 1) problems.push("expected one file committed per fleet");
    if (problems.length > 0) console.log(`\nWARNING:\n  ${problems.join("\n  ")}`);
    return problems.length > 0 ? 1 : 0;
  } finally {
    nock.cleanAll();
    nock.enableNetConnect();
  }
}

exitWith("bench github-calls", main(process.argv.slice(2)));
