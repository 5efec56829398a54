import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createQueue, createRedisQueue, type Delivery, type RedisQueueOptions, type WorkQueue } from "../../src/service/queue/index.js";
import { hasRedisServer, startRedis, type RedisServer } from "../helpers/redis.js";
import { delivery, gate, queueContract, RetryLater, RunLog, sleep, waitFor } from "./queue-contract.js";

const CRASH_REPLICA = fileURLToPath(new URL("./fixtures/crash-replica.ts", import.meta.url));

describe.skipIf(!hasRedisServer())("Redis queue", () => {
  let redis: RedisServer;
  let prefixes = 0;
  const queues: WorkQueue[] = [];
  /** A queue on the shared server under a fresh prefix unless one is given (replicas share one). */
  const open = (options: RedisQueueOptions = {}): WorkQueue => {
    const queue = createRedisQueue(redis.url, { parkMs: 100, prefix: `t${++prefixes}`, ...options });
    queues.push(queue);
    return queue;
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close({ timeoutMs: 500 })));
  });
  afterAll(async () => {
    await redis?.stop();
  });

  describe("contract", () => {
    queueContract(async (options) => open(options));
  });

  it("is chosen when REDIS_URL is set", async () => {
    const queue = createQueue({ REDIS_URL: redis.url }, {});
    queues.push(queue);
    await waitFor(() => queue.ready());
    expect(await queue.stats()).toMatchObject({ waiting: 0, running: 0 });
  });

  it("two replicas process 200 deliveries with duplicates and failures exactly once each, one per repository at a time, in order", async () => {
    const prefix = `replicas${++prefixes}`;
    const replicas = [open({ prefix, backoffMs: 20, concurrency: 4 }), open({ prefix, backoffMs: 20, concurrency: 4 })] as const;
    const log = new RunLog();
    const failedOnce = new Set<string>();
    const process = (d: Delivery) =>
      log.record(d, async () => {
        await sleep(1 + (d.id.length % 3));
        if (Number(d.id.slice(1)) % 5 === 0 && !failedOnce.has(d.id)) {
          failedOnce.add(d.id);
          throw new Error("first attempt fails");
        }
      });
    replicas.forEach((replica) => replica.start(process));
    const answers: string[] = [];
    const firstSeen: string[] = [];
    let next = 0;
    for (let i = 0; i < 200; i++) {
      const repeat = i % 5 === 4 && next > 0;
      const id = repeat ? `d${(i * 7) % next}` : `d${next++}`;
      if (!repeat) firstSeen.push(id);
      answers.push(await replicas[i % 2 === 0 ? 0 : 1].enqueue(delivery(id, `acme/repo-${Number(id.slice(1)) % 10}`)));
    }
    expect(answers.filter((answer) => answer === "queued")).toHaveLength(160);
    await replicas[0].drain(20_000);
    const succeeded = log.succeeded();
    expect(succeeded.sort()).toEqual([...firstSeen].sort());
    expect(new Set(succeeded).size).toBe(160);
    expect(log.overlaps).toEqual([]);
    expect(failedOnce.size).toBe(32);
    for (let repo = 0; repo < 10; repo++) {
      const inRepo = (id: string) => Number(id.slice(1)) % 10 === repo;
      const order = log.runs.filter((run) => run.ok && inRepo(run.id)).map((run) => run.id);
      expect(order).toEqual(firstSeen.filter(inRepo));
    }
    expect(await replicas[1].stats()).toEqual({ waiting: 0, running: 0, failed: 0, processed: 160 });
  });

  it("hands the delivery of a replica closed without waiting to another replica, then the next one of the repository", async () => {
    const prefix = `handover${++prefixes}`;
    const options = { prefix, lockMs: 600, backoffMs: 20 };
    const doomed = open(options);
    const survivor = open(options);
    const log = new RunLog();
    const never = gate();
    doomed.start((d) => log.record(d, () => never.promise));
    await doomed.enqueue(delivery("first", "acme/one"));
    await waitFor(() => log.running === 1);
    await survivor.enqueue(delivery("second", "acme/one"));
    await doomed.close({ timeoutMs: 0 });
    survivor.start((d) => log.record(d, async () => {}));
    await survivor.drain(10_000);
    expect(log.succeeded()).toEqual(["first", "second"]);
    expect(await survivor.stats()).toEqual({ waiting: 0, running: 0, failed: 0, processed: 2 });
    never.open();
  });

  it("records the delivery a replica finishes while closing, so that no other replica runs it again", async () => {
    const prefix = `graceful${++prefixes}`;
    const closing = open({ prefix, lockMs: 300 });
    const log = new RunLog();
    closing.start((d) => log.record(d, () => sleep(400)));
    await closing.enqueue(delivery("finishing", "acme/one"));
    await waitFor(() => log.running === 1);
    await closing.close({ timeoutMs: 5000 });
    expect(log.succeeded()).toEqual(["finishing"]);
    const other = open({ prefix, lockMs: 300 });
    other.start((d) => log.record(d, async () => {}));
    await sleep(700);
    expect(await other.stats()).toEqual({ waiting: 0, running: 0, failed: 0, processed: 1 });
    expect(log.runs).toHaveLength(1);
  });

  it("takes over the delivery of a replica killed mid-work", async () => {
    const prefix = `killed${++prefixes}`;
    const lockMs = 600;
    const survivor = open({ prefix, lockMs });
    await survivor.enqueue(delivery("victim", "acme/one"));
    const child = spawn(process.execPath, ["--import", "tsx", CRASH_REPLICA, redis.url, prefix, String(lockMs)], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(() => output.includes("started victim"), 15_000);
    } finally {
      child.kill("SIGKILL");
    }
    const log = new RunLog();
    survivor.start((d) => log.record(d, async () => {}));
    await survivor.drain(10_000);
    expect(log.succeeded()).toEqual(["victim"]);
    expect(await survivor.enqueue(delivery("victim", "acme/one"))).toBe("duplicate");
  });

  it("accepts again a delivery lost between its acceptance and its job add, and passes lost ones in the line", async () => {
    const prefix = `lost${++prefixes}`;
    const raw = new Redis(redis.url);
    const now = Date.now();
    // What a replica dying between the two round trips of enqueue leaves behind.
    await raw.set(`${prefix}:delivery:lost`, String(now - 5000), "PX", 60_000);
    await raw.zadd(`${prefix}:pending:acme/one`, String((now - 30_000) * 1000), "d-ghost", String((now - 20_000) * 1000), "d-lost");
    // An acceptance whose add may still be in flight.
    await raw.set(`${prefix}:delivery:fresh`, String(now), "PX", 60_000);
    raw.disconnect();
    const queue = open({ prefix });
    const log = new RunLog();
    expect(await queue.enqueue(delivery("fresh", "acme/one"))).toBe("duplicate");
    expect(await queue.enqueue(delivery("other", "acme/one"))).toBe("queued");
    expect(await queue.enqueue(delivery("lost", "acme/one"))).toBe("queued");
    queue.start((d) => log.record(d, async () => {}));
    await queue.drain(5000);
    expect(log.succeeded()).toEqual(["lost", "other"]);
  });

  it("retries a delivery whose retryAfterMs is longer than the lock without losing its turn", async () => {
    const queue = open({ lockMs: 300, backoffMs: 10 });
    const log = new RunLog();
    queue.start((d) =>
      log.record(d, async () => {
        if (d.id === "slow" && log.attemptsOf("slow").length === 1) throw new RetryLater(700);
      }),
    );
    await queue.enqueue(delivery("slow", "acme/one"));
    await queue.enqueue(delivery("next", "acme/one"));
    await queue.drain(5000);
    expect(log.succeeded()).toEqual(["slow", "next"]);
  });

  it("is not ready once Redis is gone, refuses deliveries, and still closes", async () => {
    const own = await startRedis();
    const queue = createRedisQueue(own.url, { prefix: "gone" });
    queue.start(async () => {});
    await waitFor(() => queue.ready());
    expect(await queue.enqueue(delivery("before"))).toBe("queued");
    await own.stop();
    expect(await queue.ready()).toBe(false);
    await expect(queue.enqueue(delivery("after"))).rejects.toThrow();
    const started = performance.now();
    await queue.close({ timeoutMs: 500 });
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
