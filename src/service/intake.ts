/**
 * The way in: Probot checks each delivery's signature and hands it to the
 * intake, which only stores it in the queue (so GitHub's acknowledgement
 * waits for one store, never for GitHub calls); the queue's worker runs the
 * handlers through the dispatcher, one delivery at a time per repository.
 */
import type { Probot } from "probot";
import { GitHubError } from "../github/errors.js";
import type { Dispatcher } from "./dispatcher.js";
import { metrics } from "./metrics.js";
import type { Delivery, WorkQueue } from "./queue/index.js";

/** A delivery as stored: with when it was acknowledged, for the queue-wait metric. */
interface StoredDelivery extends Delivery {
  receivedAt?: number;
}

const queues = new WeakMap<Probot, WorkQueue>();

/** Stores every delivery `app` receives in `queue`, and processes the queue with `dispatcher`. */
export function startIntake(app: Probot, dispatcher: Dispatcher, queue: WorkQueue): void {
  queues.set(app, queue);
  app.onAny(async (context) => {
    const delivery: StoredDelivery = { id: context.id, name: context.name, payload: context.payload, receivedAt: Date.now() };
    const outcome = await queue.enqueue(delivery);
    metrics.deliveries.inc({ event: context.name, outcome });
    if (outcome === "duplicate")
      app.log.info({ id: context.id, event: context.name }, `delivery ${context.id} (${context.name}) was already received: ignored`);
  });
  queue.start(async (delivery: StoredDelivery) => {
    if (delivery.receivedAt !== undefined) metrics.queueWait.observe((Date.now() - delivery.receivedAt) / 1000);
    const end = metrics.processing.startTimer({ event: delivery.name });
    try {
      await dispatcher.dispatch(delivery);
      metrics.processed.inc({ event: delivery.name, result: "ok" });
    } catch (error) {
      metrics.processed.inc({ event: delivery.name, result: "error" });
      app.log.warn(
        { id: delivery.id, event: delivery.name, errors: reasons(error) },
        `processing delivery ${delivery.id} (${delivery.name}) failed; the queue retries it`,
      );
      throw withRetryAfter(error);
    } finally {
      end();
    }
  });
}

/** The queue `app`'s deliveries go to (tests wait on it; /healthz and /metrics read it). */
export function queueOf(app: Probot): WorkQueue | undefined {
  return queues.get(app);
}

/** What went wrong, one line per error, out of the (nested) AggregateErrors of @octokit/webhooks (which also carry the whole event, too much for a log line) and of the orchestrators. */
function reasons(error: unknown): string[] {
  if (error instanceof AggregateError) return (error.errors as unknown[]).flatMap(reasons);
  return [error instanceof Error ? `${error.name}: ${error.message}` : String(error)];
}

/**
 * `error`, carrying `retryAfterMs` for the queue when GitHub asked to wait
 * (`retry-after`, a secondary rate limit) in any of the errors it wraps: the
 * delivery is then tried again no sooner than that.
 */
function withRetryAfter(error: unknown): unknown {
  const seconds = retryAfterSeconds(error);
  if (seconds > 0 && typeof error === "object" && error !== null) Object.assign(error, { retryAfterMs: seconds * 1000 });
  return error;
}

function retryAfterSeconds(error: unknown): number {
  if (error instanceof AggregateError) return Math.max(0, ...(error.errors as unknown[]).map(retryAfterSeconds));
  if (error instanceof GitHubError) return error.retryAfter ?? 0;
  return error instanceof Error && error.cause !== undefined ? retryAfterSeconds(error.cause) : 0;
}
