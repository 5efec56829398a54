/** The delivery queue's contract, shared by the in-process and the Redis-backed implementations. */

/** A webhook delivery as received, before processing. */
export interface Delivery {
  /** X-GitHub-Delivery. */
  id: string;
  /** Event name, e.g. "push". */
  name: string;
  /** Parsed JSON body. */
  payload: unknown;
}

/** What processing one delivery does; throwing means "retry later" (with backoff), up to the queue's attempts. */
export type ProcessDelivery = (delivery: Delivery) => Promise<void>;

export interface QueueStats {
  /** Accepted and not finished: queued, waiting for their repository's turn, or waiting to be retried. */
  waiting: number;
  /** Being processed now. */
  running: number;
  /** Given up after the last attempt (Redis: those still kept, 3 days). */
  failed: number;
  /** Processed successfully since the queue (Redis: the prefix) began. */
  processed: number;
}

export interface WorkQueue {
  /** Stores the delivery for processing unless a delivery with the same id was accepted in the last `dedupeTtlMs`; resolves as soon as it is stored. */
  enqueue(delivery: Delivery): Promise<"queued" | "duplicate">;
  /** Starts processing deliveries with `process`: at most `concurrency` at a time, one at a time per serial key in arrival order, failures retried with backoff. */
  start(process: ProcessDelivery): void;
  /** Resolves when nothing is waiting or running (in-process: this replica; Redis: overall); rejects after `timeoutMs` (default 30 s). */
  drain(timeoutMs?: number): Promise<void>;
  stats(): Promise<QueueStats>;
  /** Whether the queue (and Redis, when used) answers. */
  ready(): Promise<boolean>;
  /** Stops taking new work, waits for running work up to `timeoutMs` (default `closeTimeoutMs`), closes connections. */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

export interface QueueOptions {
  /** Deliveries processed at once by this replica (default 4). */
  concurrency?: number;
  /** Tries per delivery, the first included (default 5). */
  attempts?: number;
  /** Base of the exponential backoff between tries (default 1 s: 1, 2, 4, 8 s). */
  backoffMs?: number;
  /** How long a delivery id is remembered to refuse duplicates (default 3 days). */
  dedupeTtlMs?: number;
  /** Clock for the in-process de-duplication (tests). */
  now?: () => number;
  /** How long `close()` waits for running work (default 10 s). */
  closeTimeoutMs?: number;
}

export interface RedisQueueOptions extends QueueOptions {
  /** Prefix of every Redis key (default "promenade"); replicas sharing Redis and prefix share the queue. */
  prefix?: string;
  /** Lifetime of a repository lock and of BullMQ's job lock, renewed while running (default 30 s): work of a replica that died is taken over after about this long. */
  lockMs?: number;
  /** How long a delivery whose repository is busy sleeps before looking again (default 500 ms); it is woken earlier when the earlier delivery finishes. */
  parkMs?: number;
  /** Errors of the Redis connections and of BullMQ (default: ignored; `ready()` reports the health). */
  onError?: (error: Error) => void;
}

export const DEFAULTS = {
  concurrency: 4,
  attempts: 5,
  backoffMs: 1000,
  dedupeTtlMs: 3 * 24 * 60 * 60 * 1000,
  closeTimeoutMs: 10_000,
  drainTimeoutMs: 30_000,
} as const;
