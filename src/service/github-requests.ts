/**
 * What every GitHub request of a delivery goes through, per installation:
 * content-creating requests (writes and GraphQL mutations) paced to GitHub's
 * secondary limit (at most 80 a minute by default), repeated reads made
 * conditional with their ETag (a 304 costs no rate limit and returns the
 * remembered answer), and each request counted in the metrics (promotions
 * and gate results are the orchestrators' to report: promotion-metrics.ts).
 * Retries on 5xx and rate limits are Probot's (its retry and throttling
 * plugins).
 */
import type { Probot } from "probot";
import { metrics } from "./metrics.js";

type Octokit = Awaited<ReturnType<Probot["auth"]>>;

/** GitHub's documented limit on content-creating requests per minute. */
export const WRITES_PER_MINUTE = 80;

/** The most answers remembered per installation for conditional reads. */
const ETAG_ENTRIES = 500;

/** The largest answer remembered (JSON text length), so tarballs and big listings are never kept. */
const ETAG_MAX_CHARS = 256 * 1024;

interface Remembered {
  etag: string;
  response: { status: number; url: string; headers: Record<string, unknown>; data: unknown };
}

/** The pacing and the remembered answers of one installation. */
class InstallationState {
  private readonly writes: number[] = [];
  readonly answers = new Map<string, Remembered>();

  /** The limit, as the latest app instance set it (one per process in production). */
  perMinute = WRITES_PER_MINUTE;

  /** Waits until one more write fits in the last minute, then counts it. */
  async beforeWrite(now: () => number = Date.now): Promise<void> {
    for (;;) {
      const cutoff = now() - 60_000;
      while (this.writes.length > 0 && (this.writes[0] as number) <= cutoff) this.writes.shift();
      if (this.writes.length < this.perMinute) break;
      await new Promise((resolve) => setTimeout(resolve, (this.writes[0] as number) - cutoff + 1));
    }
    this.writes.push(now());
  }

  remember(key: string, entry: Remembered): void {
    this.answers.delete(key);
    this.answers.set(key, entry);
    if (this.answers.size > ETAG_ENTRIES) this.answers.delete(this.answers.keys().next().value as string);
  }
}

const installations = new Map<string, InstallationState>();

function stateOf(installation: string, perMinute: number): InstallationState {
  let state = installations.get(installation);
  if (state === undefined) {
    state = new InstallationState();
    installations.set(installation, state);
  }
  state.perMinute = perMinute;
  return state;
}

/** Whether a request creates content: any write, and GraphQL mutations (queries are reads). */
function isWrite(options: { method?: string; url?: string; query?: unknown }): boolean {
  if (options.method === "GET" || options.method === "HEAD") return false;
  if (options.url === "/graphql") return typeof options.query === "string" && /^\s*mutation\b/.test(options.query);
  return true;
}

/** What identifies a read: its route and parameters (not its headers): the key of a remembered answer. */
function requestKey(options: object): string {
  return JSON.stringify(options, (key, value: unknown) => (key === "headers" || key === "request" ? undefined : value));
}

/** An answer's size: bytes of a binary one (a tarball; JSON.stringify makes "{}" of an ArrayBuffer), else its JSON text length. */
function sizeOf(data: unknown): number {
  return data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? data.byteLength : JSON.stringify(data ?? null).length;
}

/** Paces, makes conditional and counts the requests of `octokit`, which acts for `installation`. */
export function instrumentRequests(octokit: Octokit, installation: string, writesPerMinute: number = WRITES_PER_MINUTE): void {
  const state = stateOf(installation, writesPerMinute);
  octokit.hook.wrap("request", async (request, options) => {
    const route = String(options.url);
    if (isWrite(options as { method?: string; url?: string; query?: unknown })) await state.beforeWrite();
    const key = options.method === "GET" ? requestKey(options) : null;
    const remembered = key === null ? undefined : state.answers.get(key);
    if (remembered !== undefined) options.headers = { ...options.headers, "if-none-match": remembered.etag };
    try {
      const response = await request(options);
      metrics.githubCalls.inc({ method: options.method, route, status: String(response.status) });
      const remaining = Number(response.headers["x-ratelimit-remaining"]);
      if (Number.isFinite(remaining)) metrics.rateLimitRemaining.set({ installation }, remaining);
      const etag = response.headers.etag;
      if (key !== null && typeof etag === "string" && sizeOf(response.data) <= ETAG_MAX_CHARS) {
        state.remember(key, { etag, response: { status: response.status, url: response.url, headers: response.headers, data: response.data } });
      }
      return response;
    } catch (error) {
      const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : 0;
      metrics.githubCalls.inc({ method: options.method, route, status: status === 0 ? "error" : String(status) });
      if (status === 304 && remembered !== undefined) return remembered.response as Awaited<ReturnType<typeof request>>;
      throw error;
    }
  });
}
