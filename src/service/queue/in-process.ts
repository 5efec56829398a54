/**
 * The in-process delivery queue: a lane (FIFO) per serial key, lanes taking turns for at most
 * `concurrency` slots. A delivery that throws stays at the head of its lane until its backoff
 * elapses, so later deliveries for the same key wait for it (arrival order holds under retries);
 * it frees its slot while waiting. Nothing survives the process: a restart loses what was waiting.
 */
import { retryDelayMs, withTimeout } from "./retry.js";
import { serialKey } from "./serial-key.js";
import { DEFAULTS, type Delivery, type ProcessDelivery, type QueueOptions, type QueueStats, type WorkQueue } from "./types.js";

/** Delivery ids remembered at most, oldest forgotten first, so memory stays bounded whatever the TTL. */
const MAX_REMEMBERED = 200_000;

interface Entry {
  delivery: Delivery;
  failedAttempts: number;
}

interface Lane {
  entries: Entry[];
  /** Running its head, or waiting for its head's retry. */
  busy: boolean;
  retryTimer?: NodeJS.Timeout;
}

class InProcessQueue implements WorkQueue {
  private readonly concurrency: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly dedupeTtlMs: number;
  private readonly closeTimeoutMs: number;
  private readonly now: () => number;
  /** Delivery id → when it may be accepted again, in acceptance order. */
  private readonly seen = new Map<string, number>();
  private readonly lanes = new Map<string, Lane>();
  /** Keys whose lane has a head ready to run, in the order they became ready. */
  private readonly runnable: string[] = [];
  private readonly runs = new Set<Promise<void>>();
  private readonly idleWaiters = new Set<() => void>();
  private process: ProcessDelivery | undefined;
  private closed = false;
  private counts = { waiting: 0, failed: 0, processed: 0 };

  constructor(options: QueueOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
    this.attempts = Math.max(1, options.attempts ?? DEFAULTS.attempts);
    this.backoffMs = options.backoffMs ?? DEFAULTS.backoffMs;
    this.dedupeTtlMs = options.dedupeTtlMs ?? DEFAULTS.dedupeTtlMs;
    this.closeTimeoutMs = options.closeTimeoutMs ?? DEFAULTS.closeTimeoutMs;
    this.now = options.now ?? Date.now;
  }

  async enqueue(delivery: Delivery): Promise<"queued" | "duplicate"> {
    if (this.closed) throw new Error("the delivery queue is closed");
    const now = this.now();
    this.forgetExpired(now);
    const until = this.seen.get(delivery.id);
    if (until !== undefined && until > now) return "duplicate";
    this.seen.delete(delivery.id);
    this.seen.set(delivery.id, now + this.dedupeTtlMs);
    const key = serialKey(delivery);
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { entries: [], busy: false };
      this.lanes.set(key, lane);
    }
    lane.entries.push({ delivery, failedAttempts: 0 });
    this.counts.waiting += 1;
    if (lane.entries.length === 1 && !lane.busy) this.runnable.push(key);
    this.pump();
    return "queued";
  }

  start(process: ProcessDelivery): void {
    if (this.closed) throw new Error("the delivery queue is closed");
    if (this.process) throw new Error("the delivery queue is already started");
    this.process = process;
    this.pump();
  }

  async drain(timeoutMs: number = DEFAULTS.drainTimeoutMs): Promise<void> {
    if (this.idle()) return;
    let done: (() => void) | undefined;
    const idle = new Promise<void>((resolve) => {
      done = resolve;
      this.idleWaiters.add(resolve);
    });
    try {
      await withTimeout(idle, timeoutMs, "draining the delivery queue");
    } finally {
      if (done) this.idleWaiters.delete(done);
    }
  }

  async stats(): Promise<QueueStats> {
    return { waiting: this.counts.waiting, running: this.runs.size, failed: this.counts.failed, processed: this.counts.processed };
  }

  async ready(): Promise<boolean> {
    return !this.closed;
  }

  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const lane of this.lanes.values()) clearTimeout(lane.retryTimer);
    this.runnable.length = 0;
    await withTimeout(Promise.allSettled([...this.runs]), options.timeoutMs ?? this.closeTimeoutMs, "waiting for running deliveries").catch(() => undefined);
  }

  private idle(): boolean {
    return this.counts.waiting === 0 && this.runs.size === 0;
  }

  private forgetExpired(now: number): void {
    for (const [id, until] of this.seen) {
      if (until > now && this.seen.size <= MAX_REMEMBERED) break;
      this.seen.delete(id);
    }
  }

  private pump(): void {
    const process = this.process;
    if (!process || this.closed) return;
    while (this.runs.size < this.concurrency) {
      const key = this.runnable.shift();
      if (key === undefined) return;
      const lane = this.lanes.get(key);
      const entry = lane?.entries[0];
      if (!lane || !entry || lane.busy) continue;
      lane.busy = true;
      this.counts.waiting -= 1;
      const run = this.run(process, key, lane, entry);
      this.runs.add(run);
      void run.finally(() => {
        this.runs.delete(run);
        this.pump();
        if (this.idle()) for (const resolve of this.idleWaiters) resolve();
      });
    }
  }

  private async run(process: ProcessDelivery, key: string, lane: Lane, entry: Entry): Promise<void> {
    try {
      await process(entry.delivery);
      this.counts.processed += 1;
    } catch (error) {
      entry.failedAttempts += 1;
      if (entry.failedAttempts < this.attempts) {
        this.counts.waiting += 1;
        if (this.closed) return;
        lane.retryTimer = setTimeout(
          () => {
            lane.retryTimer = undefined;
            lane.busy = false;
            this.runnable.push(key);
            this.pump();
          },
          retryDelayMs(entry.failedAttempts, error, this.backoffMs),
        );
        lane.retryTimer.unref();
        return;
      }
      this.counts.failed += 1;
    }
    lane.entries.shift();
    lane.busy = false;
    if (lane.entries.length > 0) this.runnable.push(key);
    else this.lanes.delete(key);
  }
}

/** A queue living in this process only: de-duplication, serialisation and retries as the Redis queue, without durability. */
export function createInProcessQueue(options: QueueOptions = {}): WorkQueue {
  return new InProcessQueue(options);
}
