import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { serviceRoutes } from "../../src/service/http-routes.js";
import type { QueueStats, WorkQueue } from "../../src/service/queue/index.js";

/** A queue that only answers `ready` and `stats`, as told. */
function fakeQueue(
  ready: () => Promise<boolean>,
  stats: () => Promise<QueueStats> = async () => ({ waiting: 0, running: 0, failed: 0, processed: 0 }),
): WorkQueue {
  const unused = () => {
    throw new Error("the routes only read the queue");
  };
  return { ready, stats, enqueue: unused, start: unused, drain: unused, close: unused };
}

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve, reject) => server?.close((error) => (error ? reject(error) : resolve())) ?? resolve());
  server = undefined;
});

/** Serves the routes of `queue` on 127.0.0.1; a request they do not handle is answered 404 "unhandled" by the server. Answers the base URL and what the handler answered. */
async function serve(queue: WorkQueue): Promise<{ base: string; handled: boolean[] }> {
  const routes = serviceRoutes(queue);
  const handled: boolean[] = [];
  server = createServer((request, response) => {
    void routes(request, response).then((answer) => {
      handled.push(answer);
      if (!answer) response.writeHead(404).end("unhandled");
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, handled };
}

/** Status, content type and body of a request to `url`. */
async function get(url: string, method = "GET"): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(url, { method });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

describe("GET /healthz", () => {
  it("answers 200 ok when the queue is ready", async () => {
    const { base, handled } = await serve(fakeQueue(async () => true));
    expect(await get(`${base}/healthz`)).toEqual({ status: 200, type: "application/json", body: '{"status":"ok","queue":true}' });
    expect(await get(`${base}/healthz?probe=liveness`)).toMatchObject({ status: 200 });
    expect(handled).toEqual([true, true]);
  });

  it("answers 503 when the queue is not ready or its check fails", async () => {
    let ready: () => Promise<boolean> = async () => false;
    const { base } = await serve(fakeQueue(() => ready()));
    const unavailable = { status: 503, type: "application/json", body: '{"status":"unavailable","queue":false}' };
    expect(await get(`${base}/healthz`)).toEqual(unavailable);
    ready = async () => {
      throw new Error("Redis is gone");
    };
    expect(await get(`${base}/healthz`)).toEqual(unavailable);
  });
});

describe("GET /livez", () => {
  it("answers 200 while the process serves requests, even when the queue (Redis) does not answer", async () => {
    const { base } = await serve(fakeQueue(async () => false));
    expect(await get(`${base}/livez`)).toEqual({ status: 200, type: "application/json", body: '{"status":"ok"}' });
  });
});

describe("GET /metrics", () => {
  it("serves the Prometheus text with the queue's depth", async () => {
    const { base } = await serve(
      fakeQueue(
        async () => true,
        async () => ({ waiting: 3, running: 1, failed: 2, processed: 40 }),
      ),
    );
    const { status, type, body } = await get(`${base}/metrics`);
    expect({ status, type }).toEqual({ status: 200, type: "text/plain; version=0.0.4; charset=utf-8" });
    expect(body.split("\n").filter((line) => line.startsWith("promenade_queue_depth"))).toEqual([
      'promenade_queue_depth{state="waiting"} 3',
      'promenade_queue_depth{state="running"} 1',
      'promenade_queue_depth{state="failed"} 2',
    ]);
    expect(body).toContain("# TYPE promenade_deliveries_total counter");
  });

  it("still serves the metrics when the queue's stats fail", async () => {
    const { base } = await serve(
      fakeQueue(
        async () => false,
        async () => {
          throw new Error("Redis is gone");
        },
      ),
    );
    const { status, body } = await get(`${base}/metrics`);
    expect(status).toBe(200);
    expect(body).toContain("# TYPE promenade_queue_depth gauge");
  });
});

describe("other requests", () => {
  it("are left to the next handler", async () => {
    const { base, handled } = await serve(fakeQueue(async () => true));
    for (const [path, method] of [
      ["/", "GET"],
      ["/healthzz", "GET"],
      ["/metrics/x", "GET"],
      ["/api/github/webhooks", "POST"],
      ["/healthz", "POST"],
      ["/metrics", "HEAD"],
    ] as const) {
      expect(await get(`${base}${path}`, method), `${method} ${path}`).toMatchObject({ status: 404 });
    }
    expect(handled).toEqual([false, false, false, false, false, false]);
  });
});
