/**
 * The webhook delivery queue: deliveries are acknowledged once stored, de-duplicated by
 * X-GitHub-Delivery, processed at most `concurrency` at a time with one at a time per repository in arrival
 * order, and retried with exponential backoff. In-process by default; with REDIS_URL, in Redis and shared by
 * every replica.
 */
import { createInProcessQueue } from "./in-process.js";
import { createRedisQueue } from "./redis-queue.js";
import type { RedisQueueOptions, WorkQueue } from "./types.js";

export { createInProcessQueue } from "./in-process.js";
export { createRedisQueue } from "./redis-queue.js";
export { retryDelayMs } from "./retry.js";
export { serialKey } from "./serial-key.js";
export type { Delivery, ProcessDelivery, QueueOptions, QueueStats, RedisQueueOptions, WorkQueue } from "./types.js";

/** REDIS_URL set → Redis queue, else in-process (which ignores the Redis-only options). */
export function createQueue(env: NodeJS.ProcessEnv = process.env, options: RedisQueueOptions = {}): WorkQueue {
  const url = env.REDIS_URL?.trim();
  return url ? createRedisQueue(url, options) : createInProcessQueue(options);
}
