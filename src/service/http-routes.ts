/**
 * The app's own HTTP routes beside Probot's webhook path: `GET /healthz`
 * (200 only when the queue, and Redis when used, answer: readiness),
 * `GET /livez` (200 while the process serves requests: liveness, which a
 * Redis outage does not fail, as a restart would not cure it) and
 * `GET /metrics` (Prometheus text format).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { metrics } from "./metrics.js";
import type { WorkQueue } from "./queue/index.js";

/** Probot's handler shape: answers true when it handled the request. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

/** The routes, reading `queue`. */
export function serviceRoutes(queue: WorkQueue): RouteHandler {
  return async (request, response) => {
    const path = (request.url ?? "").split("?")[0];
    if (request.method !== "GET" || (path !== "/healthz" && path !== "/livez" && path !== "/metrics")) return false;
    if (path === "/livez") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "ok" }));
      return true;
    }
    if (path === "/healthz") {
      const ready = await queue.ready().catch(() => false);
      response.writeHead(ready ? 200 : 503, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: ready ? "ok" : "unavailable", queue: ready }));
      return true;
    }
    const stats = await queue.stats().catch(() => null);
    if (stats !== null) {
      metrics.queueDepth.set({ state: "waiting" }, stats.waiting);
      metrics.queueDepth.set({ state: "running" }, stats.running);
      metrics.queueDepth.set({ state: "failed" }, stats.failed);
    }
    response.writeHead(200, { "content-type": metrics.registry.contentType });
    response.end(await metrics.registry.metrics());
    return true;
  };
}
