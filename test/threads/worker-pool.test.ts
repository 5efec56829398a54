import { afterEach, describe, expect, it } from "vitest";
import { TimeLimitError, WorkerPool, type WorkerPoolOptions } from "../../src/threads/worker-pool.js";
import type { TestJob } from "./job-worker.js";

const pools: WorkerPool<TestJob, string>[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

/** A pool on job-worker.ts, run from its TypeScript source as the app's threads are under tests. */
function pool(options: WorkerPoolOptions): WorkerPool<TestJob, string> {
  const made = new WorkerPool<TestJob, string>(new URL("./job-worker.ts", import.meta.url), options);
  pools.push(made);
  return made;
}

describe("WorkerPool", () => {
  it("runs the jobs on one thread, in order, and answers each", async () => {
    const one = pool({ size: 1, timeoutMs: 20_000 });
    const answers = await Promise.all(["a", "b", "c"].map((value) => one.run({ kind: "echo", value })));
    expect(answers).toEqual(["a", "b", "c"]);
    expect(one.started).toBe(1);
  });

  it("fails a job with the error it threw, and keeps the thread", async () => {
    const one = pool({ size: 1, timeoutMs: 20_000 });
    await expect(one.run({ kind: "throw", message: "no such thing" })).rejects.toMatchObject({ name: "RangeError", message: "no such thing" });
    expect(await one.run({ kind: "echo", value: "still here" })).toBe("still here");
    expect(one.started).toBe(1);
  });

  it("fails a job that is not plain data without taking a thread", async () => {
    const one = pool({ size: 1, timeoutMs: 20_000 });
    await expect(one.run({ kind: "echo", value: (() => "a function") as unknown as string })).rejects.toThrow(/could not be cloned/);
    expect(await one.run({ kind: "echo", value: "next" })).toBe("next");
    expect(one.started).toBe(1);
  });

  it("terminates a thread whose job runs past the time limit, and a fresh thread answers the jobs after it", async () => {
    const one = pool({ size: 1, timeoutMs: 300 });
    const stuck = one.run({ kind: "spin" });
    const next = one.run({ kind: "echo", value: "after" });
    await expect(stuck).rejects.toBeInstanceOf(TimeLimitError);
    expect(await next).toBe("after");
    expect(one.started).toBe(2);
  });

  it("refuses jobs once closed", async () => {
    const one = pool({ size: 1, timeoutMs: 20_000 });
    await one.close();
    await expect(one.run({ kind: "echo", value: "late" })).rejects.toThrow("the worker pool is closed");
  });
});
