import { describe, expect, it } from "vitest";
import { createInProcessQueue, createQueue } from "../../src/service/queue/index.js";
import { delivery, queueContract, sleep } from "./queue-contract.js";

describe("in-process queue", () => {
  queueContract(async (options) => createInProcessQueue(options));

  it("forgets delivery ids after the TTL by its clock", async () => {
    let now = 1_000;
    const queue = createInProcessQueue({ dedupeTtlMs: 500, now: () => now });
    expect(await queue.enqueue(delivery("d-1"))).toBe("queued");
    now += 499;
    expect(await queue.enqueue(delivery("d-1"))).toBe("duplicate");
    now += 1;
    expect(await queue.enqueue(delivery("d-1"))).toBe("queued");
    await queue.close();
  });

  it("counts a delivery whose processing throws synchronously as a failed attempt", async () => {
    const queue = createInProcessQueue({ attempts: 2, backoffMs: 5 });
    let calls = 0;
    queue.start(() => {
      calls += 1;
      throw new Error("not even a promise");
    });
    await queue.enqueue(delivery("sync"));
    await queue.drain();
    expect(calls).toBe(2);
    expect(await queue.stats()).toMatchObject({ failed: 1, waiting: 0 });
    await queue.close();
  });

  it("stops waiting for running work after the close timeout", async () => {
    const queue = createInProcessQueue();
    queue.start(() => new Promise(() => {}));
    await queue.enqueue(delivery("stuck"));
    await sleep(10);
    const started = performance.now();
    await queue.close({ timeoutMs: 50 });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses to start twice", () => {
    const queue = createInProcessQueue();
    queue.start(async () => {});
    expect(() => queue.start(async () => {})).toThrow(/already started/);
  });

  it("is chosen when REDIS_URL is not set", async () => {
    const queue = createQueue({});
    expect(await queue.ready()).toBe(true);
    expect(await queue.stats()).toEqual({ waiting: 0, running: 0, failed: 0, processed: 0 });
    await queue.close();
  });
});
