/**
 * `npm run bench`, routing calls: the GitHub requests one package event costs
 * as the installation grows.
 *
 * For installations of 1, 50 and 500 repositories (one of them the GitOps
 * fleet acme/gitops, test/fixtures/repos/fleet, which takes ghcr.io/acme/api;
 * the others code repositories without a config), three `registry_package`
 * published events from acme/api are delivered to the whole app
 * (test/helpers/github-mock.ts's createTestApp: every request validated
 * against GitHub's OpenAPI description or GraphQL schema, and recorded), one
 * app per size:
 *
 *  (a) cold: ghcr.io/acme/api 1.5.0 while the repository index is empty: the
 *      installation's repositories are listed (`GET /installation/repositories`,
 *      100 a page, followed through the Link header as Octokit's paginate
 *      does) and their heads and configs read (`promenadeConfigs`, one GraphQL
 *      query per 100 repositories), then the promotion in acme/gitops;
 *  (b) warm, unreferenced: ghcr.io/acme/worker 2.0.0, which no repository
 *      takes: the index answers, nothing should be read;
 *  (c) warm, routed: ghcr.io/acme/api 1.6.0: the promotion's calls only.
 *
 * Reads are GETs and GraphQL queries, writes everything else; the
 * installation token request is left out. Index calls are the repository
 * listings and the `promenadeConfigs` queries.
 *
 * Usage: node --import tsx bench/routing-calls.ts [--sizes 1,50,500]
 * Exit code: 0 when measured (over target is printed, not failed), 1 when a
 * delivery failed or a mock was left unused or a request was invalid.
 */
import nock from "nock";
import { createTestApp, GITHUB_API, mockInstallationToken, mockOwnApp, takeValidationProblems, type RecordedRequest } from "../test/helpers/github-mock.js";
import { INSTALLATION_ID, registryPackagePublishedPayload } from "../test/helpers/payloads.js";
import { FixtureRepo } from "../test/handlers/fixture-repo.js";
import { mockNewPromotion } from "../test/handlers/promotion-mocks.js";
import { codeRepository, indexed, installedRepository, mockConfigsAtHead, type IndexedFixture } from "../test/handlers/routing-mocks.js";
import { queueOf } from "../src/service/intake.js";
import { exitWith } from "./exit-with.js";
import { num, printTable, verdict } from "./print-table.js";

/** The listing's page size and the repositories per config query (src/github/installation-configs.ts). */
const PER_PAGE = 100;
const CODE_REPO = { owner: "acme", repo: "api", defaultBranch: "main" };
const BRANCH = "promenade/dev/api";

/** The calls of one event, the installation token left out. */
interface EventCost {
  reads: number;
  writes: number;
  listings: number;
  configQueries: number;
  committed: number;
  lines: string[];
}

interface SizeCost {
  repositories: number;
  cold: EventCost;
  unreferenced: EventCost;
  routed: EventCost;
  problems: string[];
}

/** `ghcr.io/acme/<name>:<tag>` published from acme/api (as image-routing.test.ts's `published`). */
function published(name: string, tag: string) {
  const payload = registryPackagePublishedPayload({ repo: CODE_REPO, name, tag });
  (payload.installation as { id: number }).id = INSTALLATION_ID;
  return { id: `bench-package-${name}-${tag}`, name: "registry_package" as const, payload };
}

/**
 * `GET /installation/repositories`, `PER_PAGE` a page: the first page asked with `per_page` only, the next ones
 * with `page` too, each but the last with a Link header to the next (and the last), as GitHub answers.
 */
function mockPaginatedRepositories(repos: readonly IndexedFixture[]): number {
  const pages = Math.max(1, Math.ceil(repos.length / PER_PAGE));
  const link = (page: number) => `<${GITHUB_API}/installation/repositories?per_page=${PER_PAGE}&page=${page}>`;
  for (let page = 1; page <= pages; page++) {
    const repositories = repos.slice((page - 1) * PER_PAGE, page * PER_PAGE).map(({ repo }, i) => installedRepository(repo, (page - 1) * PER_PAGE + i));
    const headers: Record<string, string> = {};
    if (page < pages) headers.link = `${link(page + 1)}; rel="next", ${link(pages)}; rel="last"`;
    const query: Record<string, string> = page === 1 ? { per_page: String(PER_PAGE) } : { per_page: String(PER_PAGE), page: String(page) };
    nock(GITHUB_API).get("/installation/repositories").query(query).reply(200, { total_count: repos.length, repositories }, headers);
  }
  return pages;
}

/** The installation: the fleet (acme/gitops) and `size - 1` code repositories without a config, acme/api first. */
function installation(size: number, fleet: FixtureRepo): IndexedFixture[] {
  const repos = [indexed(fleet)];
  if (size > 1) repos.push(codeRepository("acme", "api"));
  for (let i = repos.length; i < size; i++) repos.push(codeRepository("acme", `service-${String(i).padStart(3, "0")}`));
  return repos;
}

function costOf(requests: readonly RecordedRequest[]): EventCost {
  const api = requests.filter((r) => r.kind !== "auth");
  const isCommit = (r: RecordedRequest) => (r.body as { query?: string } | undefined)?.query?.includes("createCommitOnBranch") === true;
  return {
    reads: api.filter((r) => r.kind === "read").length,
    writes: api.filter((r) => r.kind === "write").length,
    listings: api.filter((r) => r.path.startsWith("/installation/repositories")).length,
    configQueries: api.filter((r) => JSON.stringify(r.body ?? "").includes("promenadeConfigs")).length,
    committed: api.filter(isCommit).length,
    lines: api.map((r) => `${r.kind.padEnd(5)}  ${r.method} ${r.path.length > 100 ? `${r.path.slice(0, 100)}…` : r.path}`),
  };
}

async function measure(size: number): Promise<SizeCost> {
  const problems: string[] = [];
  const { probot, recorder } = await createTestApp();
  mockInstallationToken(INSTALLATION_ID);
  const fleet = new FixtureRepo("fleet");
  const repos = installation(size, fleet);

  /** Delivers `event` (the queue drained), answers the calls it cost, and notes what went wrong. */
  const deliver = async (label: string, event: ReturnType<typeof published>): Promise<EventCost> => {
    const from = recorder.requests.length;
    try {
      await probot.receive(event);
    } catch (error) {
      problems.push(`${label}: delivery failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const stats = await queueOf(probot)?.stats();
    if (stats !== undefined && stats.failed > 0) problems.push(`${label}: ${stats.failed} delivery(ies) failed in the queue`);
    problems.push(...takeValidationProblems().map((p) => `${label}: request GitHub would reject: ${p}`));
    problems.push(...nock.pendingMocks().map((m) => `${label}: mock left unused: ${m}`));
    nock.cleanAll();
    // cleanAll also drops createTestApp's `GET /app` answer (optional, persisting): answer it again.
    mockOwnApp();
    return costOf(recorder.requests.slice(from));
  };

  try {
    // (a) cold: the index is built, then the promotion.
    mockPaginatedRepositories(repos);
    for (let start = 0; start < repos.length; start += PER_PAGE) mockConfigsAtHead(repos);
    fleet.serve();
    mockNewPromotion(BRANCH, 7);
    const cold = await deliver("cold", published("api", "1.5.0"));
    if (cold.committed !== 1) problems.push(`cold: expected one promotion commit, saw ${cold.committed}`);
    // (b) warm, an image nobody takes: no mock at all.
    const unreferenced = await deliver("warm unreferenced", published("worker", "2.0.0"));
    // (c) warm, routed: the promotion's calls only.
    fleet.serve();
    mockNewPromotion(BRANCH, 8);
    const routed = await deliver("warm routed", published("api", "1.6.0"));
    if (routed.committed !== 1) problems.push(`warm routed: expected one promotion commit, saw ${routed.committed}`);
    return { repositories: size, cold, unreferenced, routed, problems };
  } finally {
    await queueOf(probot)?.close();
    nock.cleanAll();
  }
}

const total = (cost: EventCost): number => cost.reads + cost.writes;
const index = (cost: EventCost): number => cost.listings + cost.configQueries;

function parseOptions(argv: string[]): { sizes: number[] } {
  let sizes = [1, 50, 500];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--sizes") sizes = String(argv[++i]).split(",").map(Number);
    else throw new Error(`unknown argument ${arg}; usage: bench/routing-calls.ts [--sizes 1,50,500]`);
  }
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--sizes takes positive integers, comma-separated");
  return { sizes };
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  process.env.WEBHOOK_SECRET ??= "bench-webhook-secret";
  process.env.PROMENADE_STARTUP = "off";
  process.env.PROMENADE_RENDER ??= "off";
  nock.disableNetConnect();
  try {
    const costs: SizeCost[] = [];
    for (const size of options.sizes) costs.push(await measure(size));
    console.log(
      "GitHub calls per package event, by installation size: registry_package (published) events from acme/api received by the whole app; " +
        "one repository is the GitOps fleet acme/gitops (takes ghcr.io/acme/api), the others code repositories without a config; " +
        "requests counted at the HTTP boundary (installation token left out), reads + writes.\n",
    );
    const rows = [["repositories", "cold event calls (index)", "warm unreferenced", "warm routed (promotion)"]];
    for (const cost of costs) {
      rows.push([
        num(cost.repositories),
        `${num(total(cost.cold))} (index ${num(index(cost.cold))}: ${cost.cold.listings} listing + ${cost.cold.configQueries} config)`,
        num(total(cost.unreferenced)),
        `${num(total(cost.routed))} (${cost.routed.reads} reads + ${cost.routed.writes} writes)`,
      ]);
    }
    printTable(rows, () => false);
    const expectedIndex = (n: number) => 2 * Math.ceil(n / PER_PAGE);
    const indexOk = costs.every((c) => index(c.cold) === expectedIndex(c.repositories));
    const unreferencedOk = costs.every((c) => total(c.unreferenced) === 0);
    const routedFigures = new Set(costs.map((c) => total(c.routed)));
    const coldPromotion = new Set(costs.map((c) => total(c.cold) - index(c.cold)));
    console.log(
      `\nIndex cost 2 calls per ${PER_PAGE} repositories (a listing page + a config query): ${verdict(indexOk)} ` +
        `(${costs.map((c) => `${num(c.repositories)} → ${index(c.cold)}`).join(", ")})`,
    );
    console.log(`Warm, unreferenced image: 0 calls whatever the size: ${verdict(unreferencedOk)}`);
    console.log(
      `Warm, routed: the same calls whatever the size: ${verdict(routedFigures.size === 1)} (${[...routedFigures].join(", ")}); ` +
        `cold event's calls besides the index: ${[...coldPromotion].join(", ")}`,
    );
    const largest = costs.at(-1);
    if (largest !== undefined) {
      console.log(`\nCalls of the warm routed event with ${num(largest.repositories)} repositories (in order):`);
      for (const line of largest.routed.lines) console.log(`  ${line}`);
    }
    const problems = costs.flatMap((c) => c.problems.map((p) => `${num(c.repositories)} repositories, ${p}`));
    if (problems.length > 0) console.log(`\nWARNING:\n  ${problems.join("\n  ")}`);
    return problems.length > 0 ? 1 : 0;
  } finally {
    nock.cleanAll();
    nock.enableNetConnect();
  }
}

exitWith("bench routing-calls", main(process.argv.slice(2)));
