/**
 * Prometheus metrics (prom-client), served at GET /metrics: deliveries by
 * event, the queue's depth and wait, GitHub calls by route and status, the
 * rate limit left, registry webhooks and pushed images routed, promotions by
 * outcome and gate decisions.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The registry of one app instance (several in tests, so not prom-client's global one). */
export class Metrics {
  readonly registry = new Registry();
  readonly deliveries = new Counter({
    name: "promenade_deliveries_total",
    help: "Webhook deliveries received, by event and outcome (queued, duplicate)",
    labelNames: ["event", "outcome"],
    registers: [this.registry],
  });
  readonly processed = new Counter({
    name: "promenade_deliveries_processed_total",
    help: "Deliveries processed, by event and result (ok, error)",
    labelNames: ["event", "result"],
    registers: [this.registry],
  });
  readonly queueWait = new Histogram({
    name: "promenade_queue_wait_seconds",
    help: "Time from a delivery's acknowledgement to the start of its processing",
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });
  readonly processing = new Histogram({
    name: "promenade_delivery_processing_seconds",
    help: "Time to process one delivery",
    labelNames: ["event"],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 120],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({ name: "promenade_queue_depth", help: "Deliveries waiting or running", labelNames: ["state"], registers: [this.registry] });
  readonly githubCalls = new Counter({
    name: "promenade_github_requests_total",
    help: "GitHub API requests, by method, route and status",
    labelNames: ["method", "route", "status"],
    registers: [this.registry],
  });
  readonly rateLimitRemaining = new Gauge({
    name: "promenade_github_rate_limit_remaining",
    help: "x-ratelimit-remaining of the latest GitHub response, by installation",
    labelNames: ["installation"],
    registers: [this.registry],
  });
  readonly promotions = new Counter({
    name: "promenade_promotions_total",
    help: "Pull request writes by action (opened, updated, closed, merged)",
    labelNames: ["action"],
    registers: [this.registry],
  });
  readonly registryWebhooks = new Counter({
    name: "promenade_registry_webhooks_total",
    help: "Registry webhook deliveries, by provider and outcome (queued, duplicate, ignored, unauthorized, invalid)",
    labelNames: ["provider", "outcome"],
    registers: [this.registry],
  });
  readonly imageRoutes = new Counter({
    name: "promenade_image_routes_total",
    help: "Pushed images routed to the repositories that take them, by source (package, or the registry provider) and outcome (routed, unreferenced)",
    labelNames: ["source", "outcome"],
    registers: [this.registry],
  });
  readonly gateEvaluations = new Counter({
    name: "promenade_gate_evaluations_total",
    help: "Gate decisions, by result (passed, waiting)",
    labelNames: ["result"],
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: "promenade_" });
  }
}

/** The process's metrics (every app instance of the process counts into them). */
export const metrics = new Metrics();
