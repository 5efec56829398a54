/**
 * Lua scripts run atomically in Redis next to BullMQ's own. Keys per prefix `P`:
 *  - `P:delivery:<id>`  — de-duplication mark: when accepted (ms), then "done" | "failed"; expires after the dedupe TTL;
 *  - `P:pending:<key>`  — sorted set of the job ids accepted for a serial key and not finished, scored by arrival
 *                         (Redis TIME in µs): its first member is the only one allowed to run;
 *  - `P:lock:<key>`     — the serial key's lock, a random token per run, expiring unless renewed;
 *  - `P:processed`      — count of successful runs;
 *  - `P:deliveries:<jobId>` — BullMQ's job hash (read only: exists? finished?).
 * Scripts touch keys they are not passed, so they need a single Redis, not a Cluster.
 */
import type { Redis } from "ioredis";

/**
 * Accepts a delivery (1) unless its job exists or its mark says it was accepted (0). The mark of an accepted
 * delivery is the time of acceptance (ms) until its outcome replaces it. A time mark without a job, older than
 * the grace, is a delivery lost between this script and the job add (a crash): accepted again, keeping its
 * place in line. (Were the add merely slow, BullMQ keeps one job per id, so a second add is a no-op.) A finished
 * job kept longer than its mark lived is answered 2: to be removed before the delivery is accepted again.
 */
const ENQUEUE = `
local mark = redis.call('GET', KEYS[1])
if redis.call('EXISTS', KEYS[3]) == 1 then
  if not mark and redis.call('HEXISTS', KEYS[3], 'finishedOn') == 1 then return 2 end
  return 0
end
local t = redis.call('TIME')
local now = t[1] .. string.format('%03d', math.floor(tonumber(t[2]) / 1000))
if mark then
  local since = tonumber(mark)
  if not since or tonumber(now) - since < tonumber(ARGV[3]) then return 0 end
end
redis.call('SET', KEYS[1], now, 'PX', ARGV[1])
redis.call('ZADD', KEYS[2], 'NX', t[1] .. string.format('%06d', tonumber(t[2])), ARGV[2])
return 1
`;

/** Undoes ENQUEUE when the job add failed, so that a redelivery is accepted. */
const FORGET = `
if tonumber(redis.call('GET', KEYS[1]) or 'none') then redis.call('DEL', KEYS[1]) end
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`;

/**
 * Takes the serial key's lock for a job when it is the key's earliest pending delivery (or is no longer listed:
 * a rerun after its outcome was recorded). Heads whose job is finished, or missing for longer than the grace
 * (lost before the add), are dropped first. Answers 1 when taken, 0 when the job must wait.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
while true do
  local head = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  if #head == 0 or head[1] == ARGV[1] then break end
  local job = ARGV[4] .. head[1]
  local stale
  if redis.call('EXISTS', job) == 1 then
    stale = redis.call('HEXISTS', job, 'finishedOn') == 1
  else
    stale = now - tonumber(head[2]) > tonumber(ARGV[5])
  end
  if not stale then
    if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
    break
  end
  redis.call('ZREM', KEYS[2], head[1])
end
if redis.call('SET', KEYS[1], ARGV[2], 'NX', 'PX', ARGV[3]) then return 1 end
return 0
`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/**
 * Releases the lock held with a token. For an outcome ("done" | "failed") the job leaves the pending set, its
 * de-duplication mark records the outcome, and the id of the key's next pending job is answered (to wake it);
 * for "retry" the job stays first in line.
 */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[2] then redis.call('DEL', KEYS[1]) end
if ARGV[3] == 'retry' then return false end
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('SET', KEYS[3], ARGV[3], 'KEEPTTL') end
if ARGV[3] == 'done' then redis.call('INCR', KEYS[4]) end
local head = redis.call('ZRANGE', KEYS[2], 0, 0)
return head[1] or false
`;

export type Outcome = "done" | "failed" | "retry";

/** The Redis commands of the queue, bound to its key layout. */
export class QueueScripts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** BullMQ's job hash keys are this plus the job id. */
    private readonly jobKeyPrefix: string,
  ) {
    redis.defineCommand("promenadeEnqueue", { numberOfKeys: 3, lua: ENQUEUE });
    redis.defineCommand("promenadeForget", { numberOfKeys: 2, lua: FORGET });
    redis.defineCommand("promenadeAcquire", { numberOfKeys: 2, lua: ACQUIRE });
    redis.defineCommand("promenadeRenew", { numberOfKeys: 1, lua: RENEW });
    redis.defineCommand("promenadeRelease", { numberOfKeys: 4, lua: RELEASE });
  }

  /** "new" when the delivery is new (then it is marked and put in line for its key), "stale" when a finished job of the same id outlived its mark. */
  async accept(deliveryId: string, key: string, jobId: string, ttlMs: number, lostGraceMs: number): Promise<"new" | "duplicate" | "stale"> {
    const keys = [this.markKey(deliveryId), this.pendingKey(key), this.jobKeyPrefix + jobId];
    const answer = await this.run("promenadeEnqueue", keys, [ttlMs, jobId, lostGraceMs]);
    return answer === 1 ? "new" : answer === 2 ? "stale" : "duplicate";
  }

  async forget(deliveryId: string, key: string, jobId: string): Promise<void> {
    await this.run("promenadeForget", [this.markKey(deliveryId), this.pendingKey(key)], [jobId]);
  }

  async acquire(key: string, jobId: string, token: string, lockMs: number, lostGraceMs: number): Promise<boolean> {
    const args = [jobId, token, lockMs, this.jobKeyPrefix, lostGraceMs * 1000];
    return (await this.run("promenadeAcquire", [this.lockKey(key), this.pendingKey(key)], args)) === 1;
  }

  async renew(key: string, token: string, lockMs: number): Promise<boolean> {
    return (await this.run("promenadeRenew", [this.lockKey(key)], [token, lockMs])) === 1;
  }

  /** Answers the job id next in line for the key after an outcome, if any. */
  async release(key: string, deliveryId: string, jobId: string, token: string, outcome: Outcome): Promise<string | null> {
    const keys = [this.lockKey(key), this.pendingKey(key), this.markKey(deliveryId), this.processedKey()];
    const next = await this.run("promenadeRelease", keys, [jobId, token, outcome]);
    return typeof next === "string" ? next : null;
  }

  async processed(): Promise<number> {
    return Number((await this.redis.get(this.processedKey())) ?? 0);
  }

  private run(command: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    const call = (this.redis as unknown as Record<string, (...parts: (string | number)[]) => Promise<unknown>>)[command];
    if (!call) throw new Error(`Redis script ${command} is not defined`);
    return call.call(this.redis, ...keys, ...args);
  }

  private markKey(deliveryId: string): string {
    return `${this.prefix}:delivery:${deliveryId}`;
  }

  private pendingKey(key: string): string {
    return `${this.prefix}:pending:${key}`;
  }

  private lockKey(key: string): string {
    return `${this.prefix}:lock:${key}`;
  }

  private processedKey(): string {
    return `${this.prefix}:processed`;
  }
}
