/**
 * Where the repository index is kept: in Redis, shared by every replica, when `REDIS_URL` is set; in process
 * memory otherwise. `PROMENADE_INDEX_TTL_MINUTES` (a positive integer) sets how long an index lives after it
 * was written (default 6 hours).
 */
import type { RepositoryIndexStore } from "../../promote/image-routing/repository-index.js";
import { createInMemoryIndexStore, type InMemoryIndexOptions } from "./in-memory.js";
import { createRedisIndexStore, type RedisIndexOptions } from "./redis.js";

export { createInMemoryIndexStore, type InMemoryIndexOptions } from "./in-memory.js";
export { createRedisIndexStore, type RedisIndexOptions } from "./redis.js";

/** REDIS_URL set → Redis store, else in-memory (each ignores the other's options); PROMENADE_INDEX_TTL_MINUTES overrides `options.ttlMs`. */
export function createRepositoryIndexStore(env: NodeJS.ProcessEnv = process.env, options: RedisIndexOptions & InMemoryIndexOptions = {}): RepositoryIndexStore {
  const minutes = Number(env.PROMENADE_INDEX_TTL_MINUTES);
  const ttl = Number.isInteger(minutes) && minutes > 0 ? { ttlMs: minutes * 60_000 } : {};
  const url = env.REDIS_URL?.trim();
  const { now, ...redisOptions } = options;
  return url ? createRedisIndexStore(url, { ...redisOptions, ...ttl }) : createInMemoryIndexStore({ ttlMs: options.ttlMs, now, ...ttl });
}
