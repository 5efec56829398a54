/**
 * Octokit and Probot instances for tests whose every request is validated
 * against GitHub's OpenAPI description (REST) or GraphQL schema before nock
 * answers it, and recorded for snapshots and call counts. Each test builds
 * its own instance: retries and throttling are off, so no state is shared.
 */
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import promenade from "../../src/index.js";
import { queueOf } from "../../src/service/intake.js";
import { graphqlOperationType, validateGraphql } from "./graphql.js";
import { validateRequest } from "./openapi.js";

/** The origin tests mock: `nock(GITHUB_API)`. */
export const GITHUB_API = "https://api.github.com";

/** One request as it left Octokit. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/repos/o/r/pulls?state=open`; the whole URL outside the API (codeload.github.com). */
  path: string;
  /** The parsed JSON body, if any. */
  body?: unknown;
  /** `read` (GET, GraphQL query), `write` (anything else) or `auth` (installation tokens, counted apart). */
  kind: "read" | "write" | "auth";
  /** 1 + the deepest request that had completed when this one started: its place in the chain of round trips. */
  depth: number;
}

/** Every request an Octokit instance sent, in order, with counts by kind. */
export class RequestRecorder {
  readonly requests: RecordedRequest[] = [];

  /** Number of read calls (GET and GraphQL queries). */
  get reads(): number {
    return this.requests.filter((r) => r.kind === "read").length;
  }

  /** Number of write calls (POST, PATCH, PUT, DELETE and GraphQL mutations). */
  get writes(): number {
    return this.requests.filter((r) => r.kind === "write").length;
  }

  /** Sequential round trips: the longest chain of requests each started after the previous one completed. */
  get roundTrips(): number {
    return Math.max(0, ...this.requests.filter((r) => r.kind !== "auth").map((r) => r.depth));
  }

  /** `METHOD /path` per request, without auth calls: a compact snapshot of what was sent. */
  lines(): string[] {
    return this.requests.filter((r) => r.kind !== "auth").map((r) => `${r.method} ${r.path}`);
  }
}

const validationProblems: string[] = [];

/**
 * Problems found in requests since the last call, cleared. For tests that
 * send an invalid request on purpose; the nock guard fails a test that leaves
 * any behind.
 */
export function takeValidationProblems(): string[] {
  return validationProblems.splice(0);
}

/** Where GitHub sends archive downloads (`GET .../tarball/{ref}` redirects there): not the API, so not validated. */
export const CODELOAD = "https://codeload.github.com";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

/**
 * A `fetch` that validates each request against GitHub's API description,
 * records it, and then calls the global `fetch` (which nock intercepts).
 * Invalid requests are rejected before they reach nock. Redirects are
 * followed here, as `fetch` would follow them, so that each hop is recorded
 * (and counted) as the request it is; a hop to codeload.github.com is not an
 * API call and is recorded without validation.
 */
export function validatingFetch(recorder: RequestRecorder): typeof fetch {
  let completedDepth = 0;

  async function send(input: string | URL | Request, init: RequestInit | undefined, depth: number, hops: number): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : input);
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const outsideApi = url.origin === CODELOAD;
    const path = outsideApi ? url.href : `${url.pathname}${url.search}`;
    const body = parseBody(init?.body);
    const problems = outsideApi ? [] : validate(method, path, body);
    if (problems.length > 0) {
      validationProblems.push(...problems);
      throw new Error(`Request GitHub would reject: ${problems.join("; ")}`);
    }
    recorder.requests.push({ method, path, body, kind: kindOf(method, url.pathname, body), depth });
    let response: Response;
    try {
      response = await fetch(input, { ...init, redirect: "manual" });
    } finally {
      completedDepth = Math.max(completedDepth, depth);
    }
    const location = response.headers.get("location");
    const follows = init?.redirect === undefined || init.redirect === "follow";
    if (!follows || !REDIRECT_STATUSES.has(response.status) || location === null) return response;
    if (hops >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects from ${url.href}`);
    const next = new URL(location, url);
    return send(next, redirectedInit(init, method, response.status, url, next), completedDepth + 1, hops + 1);
  }

  return (input, init) => send(input, init, completedDepth + 1, 0);
}

/** The request a redirect leads to, as `fetch` makes it: GET after a 303 (or a POST's 301/302), no credentials to another origin. */
function redirectedInit(init: RequestInit | undefined, method: string, status: number, from: URL, to: URL): RequestInit {
  const headers = new Headers(init?.headers);
  if (to.origin !== from.origin) headers.delete("authorization");
  const toGet = status === 303 || ((status === 301 || status === 302) && method === "POST");
  return { ...init, headers, ...(toGet ? { method: "GET", body: null } : {}) };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== "string" || body === "") return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function isGraphql(pathname: string): boolean {
  return /^(\/api)?\/graphql$/.test(pathname);
}

function validate(method: string, path: string, body: unknown): string[] {
  if (!isGraphql(new URL(path, GITHUB_API).pathname)) return validateRequest(method, path, body);
  const { query, variables } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
  if (method !== "POST" || typeof query !== "string") return [`${method} /graphql: expected a POST with a "query" string`];
  return validateGraphql(query, variables).map((p) => `GraphQL: ${p}`);
}

function kindOf(method: string, pathname: string, body: unknown): RecordedRequest["kind"] {
  if (/\/app\/installations\/\d+\/access_tokens$/.test(pathname) || pathname === "/app") return "auth";
  if (isGraphql(pathname)) {
    const query = (body as { query?: string } | undefined)?.query ?? "";
    return graphqlOperationType(query) === "query" ? "read" : "write";
  }
  return method === "GET" || method === "HEAD" ? "read" : "write";
}

/**
 * A ProbotOctokit class whose requests go through `validatingFetch`, with
 * retries and throttling off. Throttling is turned off by a function default:
 * Probot rebuilds the `throttle` option when it authenticates an installation
 * (dropping a plain `enabled: false`, so writes would wait a second each), and
 * a function default is applied after Probot's.
 */
export function testOctokitClass(recorder: RequestRecorder, options: { retry?: boolean } = {}) {
  return ProbotOctokit.defaults({
    request: { fetch: validatingFetch(recorder) },
    // Off by default, so a test sees every request once; on (as in production, without its waits) to show 5xx retried.
    retry: options.retry === true ? { enabled: true, retryAfterBaseValue: 1 } : { enabled: false },
  }).defaults((options: { throttle?: object }) => ({ ...options, throttle: { ...options.throttle, enabled: false } }));
}

/** The Octokit type the tests build: a ProbotOctokit instance. */
export type TestOctokit = InstanceType<typeof ProbotOctokit>;

/** The test app's id and slug: its bot is `promenade[bot]`. */
export const OWN_APP = { id: 1, slug: "promenade" };

/** Answers `GET /app` (who the app is) as often as asked; never left pending when no test step needed it. */
export function mockOwnApp(): void {
  nock(GITHUB_API).persist().get("/app").optionally().reply(200, { id: OWN_APP.id, slug: OWN_APP.slug, name: "Promenade" });
}

/**
 * A token-authenticated Octokit (as `context.octokit` is in a handler), the
 * recorder of its requests, and the app it belongs to (its `auth` answering
 * the same Octokit; `GET /app` mocked).
 */
export function createTestOctokit(): { octokit: TestOctokit; recorder: RequestRecorder; app: { auth: () => Promise<TestOctokit> } } {
  const recorder = new RequestRecorder();
  const octokit = new (testOctokitClass(recorder))({ auth: { token: "test-token" } });
  mockOwnApp();
  return { octokit, recorder, app: { auth: () => Promise.resolve(octokit) } };
}

let privateKey: string | undefined;

/** An RSA key for the test app, made once per process: Probot signs its JWTs with it. */
function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return privateKey;
}

/**
 * A Probot instance for `probot.receive(...)` tests, with app id 1, whose
 * Octokit validates and records requests. Mock the installation token with
 * `mockInstallationToken`.
 */
export function createTestProbot(options: { retry?: boolean } = {}): { probot: Probot; recorder: RequestRecorder } {
  const recorder = new RequestRecorder();
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    Octokit: testOctokitClass(recorder, options),
    logLevel: "warn",
  });
  return { probot, recorder };
}

/** A test Probot (see createTestProbot) running the whole Promenade app, as `npm start` loads it from src/index.ts. */
export async function createTestApp(): Promise<{ probot: Probot; recorder: RequestRecorder }> {
  const { probot, recorder } = createTestProbot();
  mockOwnApp();
  await probot.load(promenade);
  const receive = probot.receive.bind(probot);
  // The app only stores a delivery when it receives it; a test reads what it did once the queue is idle.
  probot.receive = async (event) => {
    await receive(event);
    await queueOf(probot)?.drain();
  };
  return { probot, recorder };
}

/** Answers the installation access token request Probot makes before a handler's first call. */
export function mockInstallationToken(installationId: number): nock.Scope {
  return nock(GITHUB_API)
    .post(`/app/installations/${installationId}/access_tokens`)
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {}, repository_selection: "all" });
}

/**
 * Registers hooks for the calling test file: no real network, and after each
 * test no pending nock mock and no request that failed validation.
 */
export function useNockGuard(): void {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    const problems = takeValidationProblems();
    nock.cleanAll();
    expect(pending, "nock mocks left unused").toEqual([]);
    expect(problems, "requests GitHub would reject").toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
}
