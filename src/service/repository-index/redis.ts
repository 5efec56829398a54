/**
 * The repository index in Redis, shared by every replica using the same Redis and prefix. One hash per
 * installation at `<prefix>:repository-index:<id>`: a field per repository key holding its slot as JSON
 * (`{"entry": …|null, "token": …}`), and the field BUILT once the index was written. The hash expires `ttlMs`
 * after the last write (PEXPIRE); stale marks made before any write restart that expiry instead. Writes,
 * compare-and-set updates and stale marks are Lua scripts, so each is atomic.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { indexKey, type IndexedRepository, type IndexSlot, type IndexUpdate, type RepositoryIndexStore } from "../../promote/image-routing/repository-index.js";
import { DEFAULT_INDEX_TTL_MS } from "./in-memory.js";

/** The field marking a written index: repository keys always contain "/", this one cannot. */
const BUILT = "#built";

/** Replaces the hash with the pairs (key, slot) of ARGV[2..], keeping the slots marked stale; marks it built and expires it after ARGV[1] ms. */
const WRITE = `
local kept = {}
local current = redis.call('HGETALL', KEYS[1])
for i = 1, #current, 2 do
  if current[i] ~= '${BUILT}' and cjson.decode(current[i + 1]).entry == cjson.null then kept[current[i]] = current[i + 1] end
end
redis.call('DEL', KEYS[1])
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
for key, slot in pairs(kept) do redis.call('HSET', KEYS[1], key, slot) end
redis.call('HSET', KEYS[1], '${BUILT}', '1')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`;

/** For each triple (key, token, slot) of ARGV, sets the slot if the key's current slot holds the token; answers how many were set. */
const UPDATE = `
if redis.call('HEXISTS', KEYS[1], '${BUILT}') == 0 then return 0 end
local written = 0
for i = 1, #ARGV, 3 do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if current and cjson.decode(current).token == ARGV[i + 1] then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
    written = written + 1
  end
end
return written
`;

/** Sets the pairs (key, stale slot) of ARGV[2..]; an unbuilt index (only marks) expires ARGV[1] ms after its last mark. */
const MARK_STALE = `
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if redis.call('HEXISTS', KEYS[1], '${BUILT}') == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1
`;

/** Options of the Redis store: time to live of an index (default 6 hours), key prefix (default "promenade"), connection errors. */
export interface RedisIndexOptions {
  ttlMs?: number;
  prefix?: string;
  onError?: (error: Error) => void;
}

type Script = "indexWrite" | "indexUpdate" | "indexMarkStale";

class RedisIndexStore implements RepositoryIndexStore {
  private readonly ttlMs: number;
  private readonly prefix: string;
  /** Commands fail after a couple of reconnection tries instead of waiting for Redis forever. */
  private readonly redis: Redis;

  constructor(url: string, options: RedisIndexOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_INDEX_TTL_MS;
    this.prefix = options.prefix ?? "promenade";
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, connectionName: `${this.prefix}-repository-index` });
    this.redis.on("error", options.onError ?? (() => undefined));
    this.redis.defineCommand("indexWrite", { numberOfKeys: 1, lua: WRITE });
    this.redis.defineCommand("indexUpdate", { numberOfKeys: 1, lua: UPDATE });
    this.redis.defineCommand("indexMarkStale", { numberOfKeys: 1, lua: MARK_STALE });
  }

  async read(installationId: number): Promise<Map<string, IndexSlot> | null> {
    const fields = await this.redis.hgetall(this.key(installationId));
    if (fields[BUILT] === undefined) return null;
    const slots = new Map<string, IndexSlot>();
    for (const [key, value] of Object.entries(fields)) if (key !== BUILT) slots.set(key, JSON.parse(value) as IndexSlot);
    return slots;
  }

  async write(installationId: number, entries: readonly IndexedRepository[]): Promise<void> {
    await this.run("indexWrite", installationId, [this.ttlMs, ...entries.flatMap((entry) => [indexKey(entry), slot(entry)])]);
  }

  async update(installationId: number, updates: readonly IndexUpdate[]): Promise<number> {
    if (updates.length === 0) return 0;
    const args = updates.flatMap(({ entry, token }) => [indexKey(entry), token, slot(entry)]);
    return Number(await this.run("indexUpdate", installationId, args));
  }

  async markStale(installationId: number, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.run("indexMarkStale", installationId, [this.ttlMs, ...keys.flatMap((key) => [key, slot(null)])]);
  }

  async remove(installationId: number, keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.redis.hdel(this.key(installationId), ...keys);
  }

  async drop(installationId: number): Promise<void> {
    await this.redis.del(this.key(installationId));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private key(installationId: number): string {
    return `${this.prefix}:repository-index:${installationId}`;
  }

  private run(script: Script, installationId: number, args: (string | number)[]): Promise<unknown> {
    const call = (this.redis as unknown as Record<Script, (...parts: (string | number)[]) => Promise<unknown>>)[script];
    return call.call(this.redis, this.key(installationId), ...args);
  }
}

/** A slot's JSON with a fresh token. */
function slot(entry: IndexedRepository | null): string {
  return JSON.stringify({ entry, token: randomUUID() } satisfies IndexSlot);
}

/** A store in Redis at `url`, shared by every replica connected to the same Redis and `prefix`. */
export function createRedisIndexStore(url: string, options: RedisIndexOptions = {}): RepositoryIndexStore {
  return new RedisIndexStore(url, options);
}
