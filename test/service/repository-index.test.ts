import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createInMemoryIndexStore, createRedisIndexStore, createRepositoryIndexStore } from "../../src/service/repository-index/index.js";
import { hasRedisServer, startRedis, type RedisServer } from "../helpers/redis.js";
import { repository, indexStoreContract } from "./repository-index-contract.js";
import { sleep } from "./queue-contract.js";

describe("in-memory repository index", () => {
  let now = 1_000;
  indexStoreContract(
    {
      make: async (options) => createInMemoryIndexStore({ ...options, now: () => now }),
      elapse: async (ms) => void (now += ms),
    },
    60_000,
  );

  it("is chosen without REDIS_URL, with the time to live of PROMENADE_INDEX_TTL_MINUTES", async () => {
    let clock = 0;
    const store = createRepositoryIndexStore({ REDIS_URL: "  ", PROMENADE_INDEX_TTL_MINUTES: "2" }, { ttlMs: 1000, now: () => clock });
    await store.write(1, [repository("acme/a")]);
    clock = 119_999;
    expect(await store.read(1)).not.toBeNull();
    clock = 120_000;
    expect(await store.read(1)).toBeNull();
  });

  it("keeps the default time to live of 6 hours or the given one when PROMENADE_INDEX_TTL_MINUTES is not a positive integer", async () => {
    let clock = 0;
    const defaulted = createRepositoryIndexStore({ PROMENADE_INDEX_TTL_MINUTES: "1.5" }, { now: () => clock });
    const given = createRepositoryIndexStore({ PROMENADE_INDEX_TTL_MINUTES: "0" }, { ttlMs: 1000, now: () => clock });
    await defaulted.write(1, []);
    await given.write(1, []);
    clock = 6 * 60 * 60 * 1000 - 1;
    expect(await defaulted.read(1)).not.toBeNull();
    expect(await given.read(1)).toBeNull();
    clock += 1;
    expect(await defaulted.read(1)).toBeNull();
  });
});

describe.skipIf(!hasRedisServer())("Redis repository index", () => {
  let redis: RedisServer;
  let prefixes = 0;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  describe("contract", () => {
    let prefix = "";
    beforeEach(() => {
      prefix = "";
    });
    indexStoreContract(
      {
        make: async (options) => {
          // A fresh prefix per test: the stores of one test share it, like replicas.
          if (!prefix) prefix = `t${++prefixes}`;
          return createRedisIndexStore(redis.url, { ...options, prefix });
        },
        elapse: (ms) => sleep(ms),
      },
      300,
    );
  });

  it("lets replicas see each other's writes, updates and stale marks", async () => {
    const prefix = `replicas${++prefixes}`;
    const [one, two] = [createRedisIndexStore(redis.url, { prefix }), createRedisIndexStore(redis.url, { prefix })];
    try {
      await one.write(3, [repository("acme/a"), repository("acme/b")]);
      const token = (await two.read(3))?.get("acme/a")?.token ?? "";
      expect(await two.update(3, [{ entry: repository("acme/a", ["img"]), token }])).toBe(1);
      expect((await one.read(3))?.get("acme/a")?.entry).toEqual(repository("acme/a", ["img"]));
      await one.markStale(3, ["acme/b"]);
      expect((await two.read(3))?.get("acme/b")?.entry).toBeNull();
      await two.drop(3);
      expect(await one.read(3)).toBeNull();
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("is chosen when REDIS_URL is set, in one hash per installation expiring after PROMENADE_INDEX_TTL_MINUTES", async () => {
    const prefix = `env${++prefixes}`;
    const store = createRepositoryIndexStore({ REDIS_URL: ` ${redis.url} `, PROMENADE_INDEX_TTL_MINUTES: "3" }, { prefix });
    const raw = new Redis(redis.url);
    try {
      await store.write(5, [repository("acme/a")]);
      const key = `${prefix}:repository-index:5`;
      expect(await raw.hexists(key, "acme/a")).toBe(1);
      const ttl = await raw.pttl(key);
      expect(ttl).toBeGreaterThan(170_000);
      expect(ttl).toBeLessThanOrEqual(180_000);
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  it("fails its commands once Redis is gone, and still closes", async () => {
    const own = await startRedis();
    const errors: Error[] = [];
    const store = createRedisIndexStore(own.url, { onError: (error) => errors.push(error) });
    await store.write(1, []);
    await own.stop();
    await expect(store.read(1)).rejects.toThrow();
    expect(errors.length).toBeGreaterThan(0);
    await store.close();
  });
});
