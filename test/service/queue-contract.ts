/** The behaviour every WorkQueue has, run against the in-process and the Redis implementations. */
import { afterEach, expect, it } from "vitest";
import type { Delivery, QueueOptions, WorkQueue } from "../../src/service/queue/index.js";

export type MakeQueue = (options?: QueueOptions) => Promise<WorkQueue>;

export function delivery(id: string, repo = "acme/gitops", name = "push"): Delivery {
  const [owner = "", repoName = ""] = repo.split("/");
  return { id, name, payload: { repository: { full_name: repo, name: repoName, owner: { login: owner } }, installation: { id: 7 } } };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A promise with its resolver, to hold a delivery's processing until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

export interface Run {
  id: string;
  key: string;
  start: number;
  end: number;
  ok: boolean;
}

/** Records every processing run, and checks that no two runs of one key overlap and that at most `limit` run at once. */
export class RunLog {
  readonly runs: Run[] = [];
  private readonly runningKeys = new Set<string>();
  running = 0;
  maxRunning = 0;
  overlaps: string[] = [];

  async record(d: Delivery, work: () => Promise<void>): Promise<void> {
    const key = (d.payload as { repository: { full_name: string } }).repository.full_name;
    if (this.runningKeys.has(key)) this.overlaps.push(`${key} (${d.id})`);
    this.runningKeys.add(key);
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    const run: Run = { id: d.id, key, start: performance.now(), end: 0, ok: false };
    this.runs.push(run);
    try {
      await work();
      run.ok = true;
    } finally {
      run.end = performance.now();
      this.running -= 1;
      this.runningKeys.delete(key);
    }
  }

  succeeded(): string[] {
    return this.runs.filter((run) => run.ok).map((run) => run.id);
  }

  attemptsOf(id: string): Run[] {
    return this.runs.filter((run) => run.id === id);
  }
}

/** How long each run waited after the end of the one before it. */
export function gaps(runs: Run[]): number[] {
  return runs.slice(1).map((run, i) => run.start - (runs[i]?.end ?? 0));
}

export class RetryLater extends Error {
  constructor(readonly retryAfterMs?: number) {
    super("try again later");
  }
}

export function queueContract(makeQueue: MakeQueue): void {
  const queues: WorkQueue[] = [];
  const make: MakeQueue = async (options) => {
    const queue = await makeQueue(options);
    queues.push(queue);
    return queue;
  };
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close({ timeoutMs: 1000 })));
  });

  it("refuses a delivery id it has accepted, before and after processing", async () => {
    const queue = await make();
    const log = new RunLog();
    expect(await queue.enqueue(delivery("d-1"))).toBe("queued");
    expect(await queue.enqueue(delivery("d-1"))).toBe("duplicate");
    queue.start((d) => log.record(d, async () => {}));
    await queue.drain();
    expect(await queue.enqueue(delivery("d-1"))).toBe("duplicate");
    expect(await queue.enqueue(delivery("12345"))).toBe("queued");
    expect(await queue.enqueue(delivery("with:colon%3A"))).toBe("queued");
    expect(await queue.enqueue(delivery("with%3Acolon:"))).toBe("queued");
    await queue.drain();
    expect(log.succeeded().sort()).toEqual(["12345", "d-1", "with%3Acolon:", "with:colon%3A"]);
    expect(await queue.stats()).toEqual({ waiting: 0, running: 0, failed: 0, processed: 4 });
  });

  it("accepts a delivery id again once the de-duplication TTL has passed", async () => {
    const queue = await make({ dedupeTtlMs: 150 });
    queue.start(async () => {});
    expect(await queue.enqueue(delivery("d-1"))).toBe("queued");
    await queue.drain();
    expect(await queue.enqueue(delivery("d-1"))).toBe("duplicate");
    await sleep(250);
    expect(await queue.enqueue(delivery("d-1"))).toBe("queued");
    await queue.drain();
    expect((await queue.stats()).processed).toBe(2);
  });

  it("runs the deliveries of one repository one at a time, in arrival order", async () => {
    const queue = await make({ concurrency: 4 });
    const log = new RunLog();
    const ids = ["a1", "a2", "a3", "a4", "a5", "a6"];
    for (const id of ids) await queue.enqueue(delivery(id, "acme/A"));
    queue.start((d) => log.record(d, () => sleep(15)));
    await queue.drain();
    expect(log.overlaps).toEqual([]);
    expect(log.succeeded()).toEqual(ids);
    for (const gap of gaps(log.runs)) expect(gap).toBeGreaterThanOrEqual(0);
  });

  it("treats the repository name case-insensitively", async () => {
    const queue = await make({ concurrency: 4 });
    const log = new RunLog();
    await queue.enqueue(delivery("x1", "Acme/Repo"));
    await queue.enqueue(delivery("x2", "acme/repo"));
    let concurrent = 0;
    let peak = 0;
    queue.start((d) =>
      log.record(d, async () => {
        peak = Math.max(peak, ++concurrent);
        await sleep(20);
        concurrent -= 1;
      }),
    );
    await queue.drain();
    expect(peak).toBe(1);
    expect(log.succeeded()).toEqual(["x1", "x2"]);
  });

  it("runs different repositories at the same time, up to the concurrency", async () => {
    const queue = await make({ concurrency: 3 });
    const log = new RunLog();
    const hold = gate();
    for (const repo of ["acme/a", "acme/b", "acme/c", "acme/d", "acme/e"]) await queue.enqueue(delivery(`for-${repo}`, repo));
    queue.start((d) => log.record(d, () => hold.promise));
    await waitFor(() => log.running === 3);
    await sleep(50);
    expect(log.running).toBe(3);
    expect(await queue.stats()).toMatchObject({ running: 3, waiting: 2 });
    hold.open();
    await queue.drain();
    expect(log.maxRunning).toBe(3);
    expect(log.succeeded()).toHaveLength(5);
    expect(log.overlaps).toEqual([]);
  });

  it("retries a failing delivery with exponential backoff until it succeeds", async () => {
    const queue = await make({ backoffMs: 60, attempts: 5 });
    const log = new RunLog();
    queue.start((d) =>
      log.record(d, async () => {
        if (log.attemptsOf(d.id).length <= 2) throw new Error("GitHub answered 502");
      }),
    );
    await queue.enqueue(delivery("flaky"));
    await queue.drain();
    const runs = log.attemptsOf("flaky");
    expect(runs.map((run) => run.ok)).toEqual([false, false, true]);
    const [afterFirst = 0, afterSecond = 0] = gaps(runs);
    expect(afterFirst).toBeGreaterThanOrEqual(55);
    expect(afterSecond).toBeGreaterThanOrEqual(115);
    expect(await queue.stats()).toEqual({ waiting: 0, running: 0, failed: 0, processed: 1 });
  });

  it("waits the error's retryAfterMs instead of the backoff", async () => {
    const queue = await make({ backoffMs: 60_000 });
    const log = new RunLog();
    queue.start((d) =>
      log.record(d, async () => {
        if (log.attemptsOf(d.id).length === 1) throw new RetryLater(200);
      }),
    );
    await queue.enqueue(delivery("limited"));
    await queue.drain(5000);
    const runs = log.attemptsOf("limited");
    expect(runs).toHaveLength(2);
    const [wait = 0] = gaps(runs);
    expect(wait).toBeGreaterThanOrEqual(190);
    expect(wait).toBeLessThan(3000);
  });

  it("keeps a delivery as failed once its attempts are spent, and goes on with the next", async () => {
    const queue = await make({ backoffMs: 10, attempts: 3 });
    const log = new RunLog();
    queue.start((d) =>
      log.record(d, async () => {
        if (d.id === "doomed") throw new Error("always");
      }),
    );
    await queue.enqueue(delivery("doomed"));
    await queue.enqueue(delivery("after"));
    await queue.drain();
    expect(log.attemptsOf("doomed")).toHaveLength(3);
    expect(log.runs.map((run) => run.id)).toEqual(["doomed", "doomed", "doomed", "after"]);
    expect(await queue.stats()).toEqual({ waiting: 0, running: 0, failed: 1, processed: 1 });
    expect(await queue.enqueue(delivery("doomed"))).toBe("duplicate");
  });

  it("holds later deliveries of a repository while an earlier one waits for its retry", async () => {
    const queue = await make({ backoffMs: 100, concurrency: 4 });
    const log = new RunLog();
    queue.start((d) =>
      log.record(d, async () => {
        if (d.id === "first" && log.attemptsOf("first").length === 1) throw new Error("once");
      }),
    );
    await queue.enqueue(delivery("first", "acme/one"));
    await queue.enqueue(delivery("second", "acme/one"));
    await queue.enqueue(delivery("elsewhere", "acme/two"));
    await queue.drain();
    expect(log.succeeded()).toEqual(["elsewhere", "first", "second"]);
  });

  it("drains at once when idle, and times out while work is held", async () => {
    const queue = await make();
    await queue.drain(100);
    const hold = gate();
    queue.start(() => hold.promise);
    await queue.enqueue(delivery("held"));
    await expect(queue.drain(150)).rejects.toThrow(/timed out/);
    expect(await queue.stats()).toMatchObject({ running: 1, waiting: 0 });
    hold.open();
    await queue.drain();
  });

  it("counts deliveries waiting before the queue is started", async () => {
    const queue = await make();
    await queue.enqueue(delivery("w1", "acme/a"));
    await queue.enqueue(delivery("w2", "acme/b"));
    expect(await queue.stats()).toEqual({ waiting: 2, running: 0, failed: 0, processed: 0 });
  });

  it("is ready until closed, waits for running work on close, and refuses deliveries afterwards", async () => {
    const queue = await make();
    expect(await queue.ready()).toBe(true);
    let finished = false;
    queue.start(async () => {
      await sleep(100);
      finished = true;
    });
    await queue.enqueue(delivery("last"));
    await waitFor(async () => (await queue.stats()).running === 1);
    await queue.close();
    expect(finished).toBe(true);
    expect(await queue.ready()).toBe(false);
    await expect(queue.enqueue(delivery("too-late"))).rejects.toThrow(/closed/);
  });
}
