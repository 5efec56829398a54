import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { instrumentRequests } from "../../src/service/github-requests.js";
import { metrics } from "../../src/service/metrics.js";
import { CODELOAD, createTestOctokit, GITHUB_API, useNockGuard, type TestOctokit } from "../helpers/github-mock.js";

useNockGuard();

afterEach(() => {
  vi.useRealTimers();
});

const START = new Date("2026-03-02T09:00:00Z").getTime();
const ISSUES = "/repos/acme/gitops/issues";
const PULLS = "/repos/acme/gitops/pulls";
const QUERY = "query { viewer { login } }";
const MUTATION = 'mutation { addStar(input: { starrableId: "MDQ6VXNlcjE=" }) { clientMutationId } }';

let installations = 0;

/** A test Octokit instrumented for `installation`, as each delivery of the installation gets one. */
function octokitOf(installation: string, writesPerMinute?: number): TestOctokit {
  const { octokit } = createTestOctokit();
  instrumentRequests(octokit, installation, writesPerMinute);
  return octokit;
}

/** A test Octokit instrumented for an installation no other test used (the pacing state is per installation and process). */
function instrumented(writesPerMinute?: number): { octokit: TestOctokit; installation: string } {
  installations += 1;
  const installation = `test-installation-${installations}`;
  return { octokit: octokitOf(installation, writesPerMinute), installation };
}

/** Answers `count` issue creations, noting in `sent` the (fake) time each one reached GitHub. */
function mockIssueCreations(count: number, sent: number[]): void {
  nock(GITHUB_API)
    .post(ISSUES)
    .times(count)
    .reply(201, () => {
      sent.push(Date.now() - START);
      return { number: sent.length };
    });
}

/** Creates an issue; the promise is kept so the test can wait on it later. */
function createIssue(octokit: TestOctokit): Promise<unknown> {
  return octokit.request("POST /repos/{owner}/{repo}/issues", { owner: "acme", repo: "gitops", title: "t" });
}

function listPulls(octokit: TestOctokit, state: "open" | "closed") {
  return octokit.request("GET /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "gitops", state });
}

/** Fakes the clock (Date and setTimeout; nock still answers) at START. */
function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(START);
}

/** On the fake clock, an Octokit allowed `writesPerMinute`, and `count` issue creations answered, noting when each one reached GitHub. */
function pacedWrites(writesPerMinute: number, count: number): { octokit: TestOctokit; installation: string; sent: number[] } {
  useFakeClock();
  const sent: number[] = [];
  mockIssueCreations(count, sent);
  return { ...instrumented(writesPerMinute), sent };
}

/** Lets the requests released so far reach nock: rounds of real I/O, the clock standing still. */
async function settle(): Promise<void> {
  for (let round = 0; round < 50; round++) await new Promise((resolve) => setImmediate(resolve));
}

/** Moves the fake clock to `at` ms after START, running the timers due and the work they release. */
async function advanceTo(at: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(at - (Date.now() - START));
  await settle();
}

describe("instrumentRequests: pacing of content-creating requests", () => {
  it("sends the first N writes at once and the next ones when the first is a minute old", async () => {
    const { octokit, sent } = pacedWrites(3, 5);
    const writes = [1, 2, 3, 4, 5].map(() => createIssue(octokit));
    await Promise.all(writes.slice(0, 3));
    await advanceTo(60_000);
    expect(sent).toEqual([0, 0, 0]);
    await advanceTo(60_001);
    await Promise.all(writes);
    expect(sent).toEqual([0, 0, 0, 60_001, 60_001]);
  });

  it("counts the writes of the last minute (a sliding window)", async () => {
    const { octokit, sent } = pacedWrites(3, 5);
    await createIssue(octokit);
    await advanceTo(10_000);
    await createIssue(octokit);
    await advanceTo(20_000);
    await createIssue(octokit);
    await advanceTo(30_000);
    const [fourth, fifth] = [createIssue(octokit), createIssue(octokit)];
    await advanceTo(60_000);
    expect(sent).toEqual([0, 10_000, 20_000]);
    await advanceTo(60_001);
    await fourth;
    await advanceTo(70_000);
    expect(sent).toEqual([0, 10_000, 20_000, 60_001]);
    await advanceTo(70_001);
    await fifth;
    expect(sent).toEqual([0, 10_000, 20_000, 60_001, 70_001]);
  });

  it("never paces GETs and GraphQL queries, and paces a GraphQL mutation like any write", async () => {
    const { octokit, sent } = pacedWrites(1, 1);
    await createIssue(octokit);
    nock(GITHUB_API)
      .get(PULLS)
      .query({ state: "open" })
      .reply(200, [])
      .post("/graphql", (body: { query?: string }) => body.query === QUERY)
      .reply(200, { data: { viewer: { login: "promenade[bot]" } } });
    await expect(listPulls(octokit, "open")).resolves.toMatchObject({ status: 200 });
    await expect(octokit.graphql(QUERY)).resolves.toEqual({ viewer: { login: "promenade[bot]" } });
    expect(Date.now() - START).toBe(0);

    nock(GITHUB_API)
      .post("/graphql", (body: { query?: string }) => body.query === MUTATION)
      .reply(200, () => {
        sent.push(Date.now() - START);
        return { data: { addStar: { clientMutationId: null } } };
      });
    const mutation = octokit.graphql(MUTATION);
    await advanceTo(60_000);
    expect(sent).toEqual([0]);
    await advanceTo(60_001);
    await expect(mutation).resolves.toEqual({ addStar: { clientMutationId: null } });
    expect(sent).toEqual([0, 60_001]);
  });

  it("shares the window between the Octokits of one installation (one per delivery)", async () => {
    const { octokit: first, installation, sent } = pacedWrites(1, 2);
    const second = octokitOf(installation, 1);
    await createIssue(first);
    const next = createIssue(second);
    await advanceTo(60_000);
    expect(sent).toEqual([0]);
    await advanceTo(60_001);
    await next;
    expect(sent).toEqual([0, 60_001]);
  });

  it("paces each installation apart", async () => {
    const { octokit: first, sent } = pacedWrites(1, 2);
    const second = instrumented(1);
    await Promise.all([createIssue(first), createIssue(second.octokit)]);
    expect(sent).toEqual([0, 0]);
  });
});

describe("instrumentRequests: conditional reads", () => {
  it("sends the remembered ETag with a repeated GET and answers a 304 with the remembered response", async () => {
    const { octokit } = instrumented();
    const pulls = [{ number: 7, title: "Promote api 1.5.0 to dev" }];
    nock(GITHUB_API, { badheaders: ["if-none-match"] })
      .get(PULLS)
      .query({ state: "open" })
      .reply(200, pulls, { etag: '"abc"' });
    nock(GITHUB_API).get(PULLS).query({ state: "open" }).matchHeader("if-none-match", '"abc"').reply(304, "");
    const first = await listPulls(octokit, "open");
    const second = await listPulls(octokit, "open");
    expect(second.status).toBe(200);
    expect(second.data).toEqual(pulls);
    expect(second.headers.etag).toBe('"abc"');
    expect(first.data).toEqual(pulls);
  });

  it("sends no ETag with a GET of other parameters", async () => {
    const { octokit } = instrumented();
    nock(GITHUB_API).get(PULLS).query({ state: "open" }).reply(200, [], { etag: '"abc"' });
    nock(GITHUB_API, { badheaders: ["if-none-match"] })
      .get(PULLS)
      .query({ state: "closed" })
      .reply(200, [{ number: 3 }]);
    await listPulls(octokit, "open");
    await expect(listPulls(octokit, "closed")).resolves.toMatchObject({ status: 200, data: [{ number: 3 }] });
  });

  it("remembers answers for the next Octokit of the same installation", async () => {
    const { octokit: first, installation } = instrumented();
    const second = octokitOf(installation);
    nock(GITHUB_API)
      .get(PULLS)
      .query({ state: "open" })
      .reply(200, [{ number: 1 }], { etag: '"abc"' });
    nock(GITHUB_API).get(PULLS).query({ state: "open" }).matchHeader("if-none-match", '"abc"').reply(304, "");
    await listPulls(first, "open");
    await expect(listPulls(second, "open")).resolves.toMatchObject({ status: 200, data: [{ number: 1 }] });
  });

  it("does not remember a large answer", async () => {
    const { octokit } = instrumented();
    const large = [{ number: 1, body: "x".repeat(256 * 1024) }];
    nock(GITHUB_API).get(PULLS).query({ state: "open" }).reply(200, large, { etag: '"large"' });
    nock(GITHUB_API, { badheaders: ["if-none-match"] })
      .get(PULLS)
      .query({ state: "open" })
      .reply(200, [], { etag: '"small"' });
    await listPulls(octokit, "open");
    await expect(listPulls(octokit, "open")).resolves.toMatchObject({ data: [] });
  });

  it("does not remember a large binary answer (a tarball)", async () => {
    const { octokit } = instrumented();
    const tarball = "/repos/acme/gitops/tarball/main";
    const archive = { "content-type": "application/x-gzip", etag: '"tarball"' };
    for (const scope of [nock(GITHUB_API), nock(GITHUB_API, { badheaders: ["if-none-match"] })]) {
      scope.get(tarball).reply(302, "", { location: `${CODELOAD}/acme/gitops/legacy.tar.gz/main` });
      nock(CODELOAD)
        .get("/acme/gitops/legacy.tar.gz/main")
        .reply(200, Buffer.alloc(300 * 1024), archive);
    }
    const download = () => octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", { owner: "acme", repo: "gitops", ref: "main" });
    await download();
    await expect(download()).resolves.toMatchObject({ status: 200 });
  });

  it("does not share remembered answers between installations", async () => {
    const first = instrumented();
    const second = instrumented();
    nock(GITHUB_API).get(PULLS).query({ state: "open" }).reply(200, [], { etag: '"abc"' });
    nock(GITHUB_API, { badheaders: ["if-none-match"] })
      .get(PULLS)
      .query({ state: "open" })
      .reply(200, [{ number: 3 }]);
    await listPulls(first.octokit, "open");
    await expect(listPulls(second.octokit, "open")).resolves.toMatchObject({ data: [{ number: 3 }] });
  });

  it("replaces the remembered answer when a GET is answered 200 again with a new ETag", async () => {
    const { octokit } = instrumented();
    nock(GITHUB_API)
      .get(PULLS)
      .query({ state: "open" })
      .reply(200, [{ number: 1 }], { etag: '"v1"' })
      .get(PULLS)
      .query({ state: "open" })
      .matchHeader("if-none-match", '"v1"')
      .reply(200, [{ number: 2 }], { etag: '"v2"' })
      .get(PULLS)
      .query({ state: "open" })
      .matchHeader("if-none-match", '"v2"')
      .reply(304, "");
    await listPulls(octokit, "open");
    await listPulls(octokit, "open");
    await expect(listPulls(octokit, "open")).resolves.toMatchObject({ status: 200, data: [{ number: 2 }] });
  });
});

describe("instrumentRequests: metrics", () => {
  it("counts requests by method, route template and status, and records the rate limit left", async () => {
    metrics.githubCalls.reset();
    const { octokit, installation } = instrumented();
    nock(GITHUB_API)
      .get(PULLS)
      .query({ state: "open" })
      .reply(200, [], { "x-ratelimit-remaining": "4321" })
      .get(PULLS)
      .query({ state: "closed" })
      .reply(200, [], { "x-ratelimit-remaining": "4320" })
      .post(ISSUES)
      .reply(404, { message: "Not Found" });
    await listPulls(octokit, "open");
    await listPulls(octokit, "closed");
    await expect(createIssue(octokit)).rejects.toMatchObject({ status: 404 });
    const text = await metrics.registry.getSingleMetricAsString("promenade_github_requests_total");
    expect(text.split("\n").filter((line) => !line.startsWith("#"))).toEqual([
      'promenade_github_requests_total{method="GET",route="/repos/{owner}/{repo}/pulls",status="200"} 2',
      'promenade_github_requests_total{method="POST",route="/repos/{owner}/{repo}/issues",status="404"} 1',
    ]);
    const gauge = await metrics.rateLimitRemaining.get();
    expect(gauge.values.filter((value) => value.labels.installation === installation).map((value) => value.value)).toEqual([4320]);
  });
});

describe("instrumentRequests: no guessing of promotions", () => {
  it("counts a pull request or gate check write as a request only: the orchestrators report promotions and gates", async () => {
    metrics.promotions.reset();
    metrics.gateEvaluations.reset();
    const { octokit } = instrumented();
    nock(GITHUB_API).post(PULLS).reply(201, { number: 3 }).post("/repos/acme/gitops/check-runs").reply(201, { id: 1 });
    await octokit.request("POST /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "gitops", title: "t", head: "h", base: "main" });
    await octokit.request("POST /repos/{owner}/{repo}/check-runs", {
      owner: "acme",
      repo: "gitops",
      name: "promenade/gate",
      head_sha: "a".repeat(40),
      conclusion: "success",
    });
    expect((await metrics.promotions.get()).values).toEqual([]);
    expect((await metrics.gateEvaluations.get()).values).toEqual([]);
  });
});
