/**
 * The Redis-backed delivery queue, shared by every replica using the same Redis and prefix. BullMQ keeps the
 * jobs (one per delivery, its id derived from the delivery id), retries them with backoff and hands the jobs
 * of a dead replica to another (stalled-job check). On top, scripts in ./redis-scripts.ts keep, per serial
 * key, the line of pending deliveries in arrival order and a lock: a job runs only when it is first in its
 * key's line and holds the key's lock; otherwise it is parked (moved to delayed without spending an attempt)
 * and woken when the delivery before it finishes.
 */
import { randomUUID } from "node:crypto";
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { QueueScripts, type Outcome } from "./redis-scripts.js";
import { retryDelayMs, withTimeout } from "./retry.js";
import { serialKey } from "./serial-key.js";
import { DEFAULTS, type Delivery, type ProcessDelivery, type QueueStats, type RedisQueueOptions, type WorkQueue } from "./types.js";

const QUEUE_NAME = "deliveries";
const BACKOFF_TYPE = "promenade";
/** How long a delivery accepted without a job yet is taken for an add in flight: a redelivery is refused meanwhile. */
const ACCEPT_GRACE_MS = 1000;
/** How long the first in a key's line may lack a job (an add in flight) before the others pass it as lost. */
const LOST_GRACE_MS = 10_000;
const KEEP_COMPLETED = { age: 60 * 60, count: 1000 };
const KEEP_FAILED_SECONDS = 3 * 24 * 60 * 60;
const PING_TIMEOUT_MS = 1000;
const DRAIN_POLL_MS = 50;

interface JobData {
  delivery: Delivery;
  key: string;
}

/** The BullMQ job id of a delivery: ids may not contain ":" nor be integers, so escape "%" and ":" and prefix "d-". */
export function jobIdOf(deliveryId: string): string {
  return `d-${deliveryId.replaceAll("%", "%25").replaceAll(":", "%3A")}`;
}

class RedisQueue implements WorkQueue {
  private readonly prefix: string;
  private readonly concurrency: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly dedupeTtlMs: number;
  private readonly closeTimeoutMs: number;
  private readonly lockMs: number;
  private readonly parkMs: number;
  private readonly onError: (error: Error) => void;
  /** Enqueue, scripts and BullMQ's Queue: commands fail after a couple of reconnection tries instead of waiting for Redis forever. */
  private readonly commands: Redis;
  /** BullMQ's Worker (which duplicates it for its blocking reads): waits for Redis however long it takes. */
  private workerConnection: Redis | undefined;
  private readonly queue: Queue<JobData>;
  private readonly scripts: QueueScripts;
  private worker: Worker<JobData> | undefined;
  /** Lock renewal timers of the runs in progress. */
  private readonly renewals = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly url: string,
    options: RedisQueueOptions,
  ) {
    this.prefix = options.prefix ?? "promenade";
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
    this.attempts = Math.max(1, options.attempts ?? DEFAULTS.attempts);
    this.backoffMs = options.backoffMs ?? DEFAULTS.backoffMs;
    this.dedupeTtlMs = options.dedupeTtlMs ?? DEFAULTS.dedupeTtlMs;
    this.closeTimeoutMs = options.closeTimeoutMs ?? DEFAULTS.closeTimeoutMs;
    this.lockMs = options.lockMs ?? 30_000;
    this.parkMs = options.parkMs ?? 500;
    this.onError = options.onError ?? (() => undefined);
    this.commands = this.connect({ maxRetriesPerRequest: 2 });
    this.queue = new Queue<JobData>(QUEUE_NAME, {
      connection: this.commands,
      prefix: this.prefix,
      defaultJobOptions: {
        attempts: this.attempts,
        backoff: { type: BACKOFF_TYPE },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: { age: KEEP_FAILED_SECONDS },
      },
    });
    this.queue.on("error", this.onError);
    this.scripts = new QueueScripts(this.commands, this.prefix, `${this.prefix}:${QUEUE_NAME}:`);
  }

  async enqueue(delivery: Delivery): Promise<"queued" | "duplicate"> {
    if (this.closed) throw new Error("the delivery queue is closed");
    const key = serialKey(delivery);
    const jobId = jobIdOf(delivery.id);
    let accepted = await this.scripts.accept(delivery.id, key, jobId, this.dedupeTtlMs, ACCEPT_GRACE_MS);
    if (accepted === "stale") {
      await this.queue.remove(jobId);
      accepted = await this.scripts.accept(delivery.id, key, jobId, this.dedupeTtlMs, ACCEPT_GRACE_MS);
    }
    if (accepted !== "new") return "duplicate";
    try {
      await this.queue.add(delivery.name, { delivery, key }, { jobId });
    } catch (error) {
      await this.scripts.forget(delivery.id, key, jobId).catch(() => undefined);
      throw error;
    }
    return "queued";
  }

  start(process: ProcessDelivery): void {
    if (this.closed) throw new Error("the delivery queue is closed");
    if (this.worker) throw new Error("the delivery queue is already started");
    this.workerConnection = this.connect({ maxRetriesPerRequest: null });
    this.worker = new Worker<JobData>(QUEUE_NAME, (job, token) => this.runJob(process, job, token), {
      connection: this.workerConnection,
      prefix: this.prefix,
      concurrency: this.concurrency,
      lockDuration: this.lockMs,
      stalledInterval: Math.max(100, Math.round(this.lockMs / 2)),
      settings: { backoffStrategy: (failedAttempts, _type, error) => retryDelayMs(failedAttempts, error, this.backoffMs) },
    });
    this.worker.on("error", this.onError);
  }

  async drain(timeoutMs: number = DEFAULTS.drainTimeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stats = await this.stats();
      if (stats.waiting === 0 && stats.running === 0) return;
      if (Date.now() >= deadline) throw new Error(`draining the delivery queue timed out after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
  }

  async stats(): Promise<QueueStats> {
    const [counts, processed] = await Promise.all([
      this.queue.getJobCounts("wait", "prioritized", "delayed", "waiting-children", "active", "failed"),
      this.scripts.processed(),
    ]);
    const count = (state: string) => counts[state] ?? 0;
    return {
      waiting: count("wait") + count("prioritized") + count("delayed") + count("waiting-children"),
      running: count("active"),
      failed: count("failed"),
      processed,
    };
  }

  async ready(): Promise<boolean> {
    if (this.closed) return false;
    try {
      return (await withTimeout(this.commands.ping(), PING_TIMEOUT_MS, "PING")) === "PONG";
    } catch {
      return false;
    }
  }

  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const timeoutMs = options.timeoutMs ?? this.closeTimeoutMs;
    if (this.worker) {
      // Waits for the running deliveries; with no time to wait, or when waiting times out, abandons them: their
      // locks are no longer renewed, so they expire and another replica takes the deliveries over.
      const closing = timeoutMs > 0 ? this.worker.close() : this.worker.close(true);
      const finished = await withTimeout(closing, Math.max(timeoutMs, 1), "waiting for running deliveries").then(
        () => timeoutMs > 0,
        () => false,
      );
      if (!finished) {
        for (const timer of this.renewals) clearInterval(timer);
        this.renewals.clear();
      }
    }
    await withTimeout(this.queue.close(), PING_TIMEOUT_MS, "closing the queue").catch(() => undefined);
    this.commands.disconnect();
    this.workerConnection?.disconnect();
  }

  private connect(options: { maxRetriesPerRequest: number | null }): Redis {
    const redis = new Redis(this.url, { ...options, connectionName: `${this.prefix}-queue` });
    redis.on("error", this.onError);
    return redis;
  }

  /** One run of a job: wait for its turn (parking it), process it with the key's lock held and renewed, record the outcome. */
  private async runJob(process: ProcessDelivery, job: Job<JobData>, token: string | undefined): Promise<void> {
    const { delivery, key } = job.data;
    const jobId = job.id ?? jobIdOf(delivery.id);
    const lockToken = randomUUID();
    if (!(await this.scripts.acquire(key, jobId, lockToken, this.lockMs, LOST_GRACE_MS))) {
      await job.moveToDelayed(Date.now() + this.parkMs, token);
      throw new DelayedError();
    }
    const renewal = setInterval(
      () => {
        this.scripts.renew(key, lockToken, this.lockMs).then(
          (held) => held || this.onError(new Error(`lost the lock of ${key} while processing delivery ${delivery.id}`)),
          (error: unknown) => this.onError(asError(error)),
        );
      },
      Math.max(50, Math.round(this.lockMs / 3)),
    );
    this.renewals.add(renewal);
    let outcome: Outcome = "done";
    let failure: unknown;
    try {
      await process(delivery);
    } catch (error) {
      failure = error;
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
      outcome = last ? "failed" : "retry";
    } finally {
      clearInterval(renewal);
      this.renewals.delete(renewal);
    }
    let next: string | null = null;
    try {
      next = await this.scripts.release(key, delivery.id, jobId, lockToken, outcome);
    } catch (error) {
      // Processed but not recorded: rather than run it again, let the lock expire; the next job of the key drops
      // this one from the line once BullMQ marks it finished.
      if (outcome === "done") this.onError(asError(error));
      else throw asError(failure);
    }
    if (next) await this.wake(next);
    if (outcome !== "done") throw asError(failure);
  }

  /** Moves a parked job to waiting at once (it may be running or not parked: then nothing happens). */
  private async wake(jobId: string): Promise<void> {
    try {
      await (await this.queue.getJob(jobId))?.promote();
    } catch {
      // Not parked after all: it looks again by itself after parkMs.
    }
  }
}

function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/** A queue in Redis at `url`, shared by every replica connected to the same Redis and `prefix` (default "promenade"). */
export function createRedisQueue(url: string, options: RedisQueueOptions = {}): WorkQueue {
  return new RedisQueue(url, options);
}
