/**
 * GitHub served on 127.0.0.1 for the Action's process, which nock cannot
 * reach: each request the child sends is passed on, through the project's
 * validatingFetch (checked against GitHub's OpenAPI description or GraphQL
 * schema, and recorded), to nock's mocks of https://api.github.com, so the
 * tests answer it with the handler tests' builders. Archive redirects to
 * codeload.github.com are pointed back at this server.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { CODELOAD, GITHUB_API, RequestRecorder, validatingFetch } from "../helpers/github-mock.js";
import { runBundle, SIGNING_KEY, TOKEN, type BundleRun } from "./run-bundle.js";

/** Where this server serves codeload.github.com. */
const CODELOAD_PREFIX = "/_codeload";

/** Response headers passed back to the child. */
const PASSED_HEADERS = ["content-type", "content-disposition", "etag", "link", "retry-after", "x-github-request-id"];

export interface LocalGitHub {
  /** `http://127.0.0.1:<port>`: GITHUB_API_URL. */
  url: string;
  recorder: RequestRecorder;
  /** The `authorization` header of each request, in order. */
  authorizations: (string | undefined)[];
  /** Requests nock had no answer for, or that failed validation: `METHOD path: why`. */
  failures: string[];
  close(): Promise<void>;
}

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startLocalGitHub(): Promise<LocalGitHub> {
  const recorder = new RequestRecorder();
  const send = validatingFetch(recorder);
  const authorizations: (string | undefined)[] = [];
  const failures: string[] = [];
  let url = "";
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = request.url ?? "/";
      const target = path.startsWith(`${CODELOAD_PREFIX}/`) ? `${CODELOAD}${path.slice(CODELOAD_PREFIX.length)}` : `${GITHUB_API}${path}`;
      const method = request.method ?? "GET";
      const body = await readBody(request);
      authorizations.push(request.headers.authorization);
      try {
        const headers: Record<string, string> = { accept: request.headers.accept ?? "application/json" };
        if (request.headers["content-type"] !== undefined) headers["content-type"] = request.headers["content-type"];
        const answer = await send(target, { method, headers, ...(body.length > 0 ? { body: body.toString("utf8") } : {}), redirect: "manual" });
        const passed: Record<string, string> = {};
        for (const name of PASSED_HEADERS) {
          const value = answer.headers.get(name);
          if (value !== null) passed[name] = value;
        }
        const location = answer.headers.get("location");
        if (location !== null) passed.location = location.replace(CODELOAD, `${url}${CODELOAD_PREFIX}`).replace(GITHUB_API, url);
        response.writeHead(answer.status, passed);
        response.end(Buffer.from(await answer.arrayBuffer()));
      } catch (error) {
        failures.push(`${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
        // 422: an answer Octokit does not retry.
        response.writeHead(422, { "content-type": "application/json" });
        response.end(JSON.stringify({ message: "the test's GitHub has no answer for this request" }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    recorder,
    authorizations,
    failures,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** The GitHub App a test's token belongs to, answered to `GET /apps/{slug}` as often as asked. */
export function mockAppBySlug(slug: string, id: number): void {
  nock(GITHUB_API).persist().get(`/apps/${slug}`).optionally().reply(200, { id, slug, name: slug });
}

/** A local GitHub for the calling test file (started once, its records cleared after each test, which fails on any request it could not answer), and a runner of the bundle against it. */
export function useLocalGitHub(): {
  github: () => LocalGitHub;
  run: (event: string, payload: object, env?: Record<string, string | undefined>) => Promise<BundleRun>;
} {
  let github: LocalGitHub | undefined;
  const started = (): LocalGitHub => {
    if (github === undefined) throw new Error("the local GitHub is not started");
    return github;
  };
  beforeAll(async () => {
    github = await startLocalGitHub();
  });
  afterAll(async () => {
    await github?.close();
  });
  afterEach(() => {
    const { recorder, authorizations, failures } = started();
    recorder.requests.length = 0;
    authorizations.length = 0;
    expect(failures.splice(0), "requests the local GitHub could not answer").toEqual([]);
  });
  /** Runs the bundle on one event, checking it authenticated with the token and never printed the token or the key. */
  const run = async (event: string, payload: object, env: Record<string, string | undefined> = {}): Promise<BundleRun> => {
    const result = await runBundle(started().url, event, payload, env);
    const printed = `${result.stdout}${result.stderr}`;
    expect(printed).not.toContain(TOKEN);
    expect(printed).not.toContain(SIGNING_KEY);
    expect(started().authorizations.filter((sent) => sent !== `token ${TOKEN}`)).toEqual([]);
    return result;
  };
  return { github: started, run };
}
