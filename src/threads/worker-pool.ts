/**
 * A small pool of worker threads running one module (which calls
 * serveJobs), one job per thread at a time, the other jobs waiting in
 * arrival order. A job has `timeoutMs` from when its thread starts it: past
 * that, the thread is terminated, the job fails with a TimeLimitError and a
 * fresh thread takes its place. A thread that dies (an uncaught error, out
 * of memory) fails its job and is replaced when a job needs it. Threads are
 * started on first use and do not keep the process alive while idle.
 */
import type { Worker } from "node:worker_threads";
import { startWorker } from "./start-worker.js";
import type { WorkerMessage } from "./worker-messages.js";

/** A job ran out of time; its thread was terminated. */
export class TimeLimitError extends Error {
  override name = "TimeLimitError";
  constructor(readonly timeoutMs: number) {
    super(`the job took longer than ${timeoutMs} ms`);
  }
}

/** How many threads, and how long one job may take on one. */
export interface WorkerPoolOptions {
  size: number;
  timeoutMs: number;
}

interface Job<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: Error) => void;
}

interface Slot<I, O> {
  worker: Worker;
  ready: boolean;
  job: Job<I, O> | null;
  timer: NodeJS.Timeout | undefined;
  /** The error the thread died of, reported before it exits. */
  error: Error | undefined;
}

export class WorkerPool<I, O> {
  private readonly slots = new Set<Slot<I, O>>();
  private readonly waiting: Job<I, O>[] = [];
  private closed = false;
  private startedCount = 0;

  constructor(
    private readonly module: URL,
    readonly options: WorkerPoolOptions,
  ) {}

  /** How many threads were started so far, replacements included. */
  get started(): number {
    return this.startedCount;
  }

  /** Runs `input` on a thread: its output, the error the job threw, or a TimeLimitError. */
  run(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new Error("the worker pool is closed"));
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  /** Fails the waiting and running jobs and stops every thread. */
  async close(): Promise<void> {
    this.closed = true;
    const closed = new Error("the worker pool is closed");
    for (const job of this.waiting.splice(0)) job.reject(closed);
    await Promise.all([...this.slots].map((slot) => this.retire(slot, closed)));
  }

  /** Hands waiting jobs to idle ready threads, and starts threads (up to `size`) for the jobs left. */
  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.ready && slot.job === null && this.waiting.length > 0) this.assign(slot, this.waiting.shift() as Job<I, O>);
    }
    const starting = [...this.slots].filter((slot) => !slot.ready).length;
    for (let more = this.waiting.length - starting; more > 0 && this.slots.size < this.options.size; more--) this.spawn();
  }

  private spawn(): void {
    const slot: Slot<I, O> = { worker: startWorker(this.module), ready: false, job: null, timer: undefined, error: undefined };
    this.startedCount++;
    this.slots.add(slot);
    slot.worker.on("message", (message: WorkerMessage<O>) => this.receive(slot, message));
    slot.worker.on("error", (error) => {
      slot.error = error;
    });
    slot.worker.on("exit", (code) => this.exited(slot, slot.error ?? new Error(`the worker thread exited with code ${code}`)));
  }

  private assign(slot: Slot<I, O>, job: Job<I, O>): void {
    try {
      slot.worker.postMessage(job.input);
    } catch (error) {
      // Not plain data (a function, a class instance with private state): the thread never saw it.
      job.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => this.timedOut(slot), this.options.timeoutMs);
  }

  private receive(slot: Slot<I, O>, message: WorkerMessage<O>): void {
    if (!this.slots.has(slot)) return;
    if (message.kind === "ready") {
      slot.ready = true;
    } else {
      const { job } = slot;
      clearTimeout(slot.timer);
      slot.job = null;
      if (message.kind === "done") job?.resolve(message.output);
      else job?.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
    }
    if (slot.job === null) slot.worker.unref();
    this.dispatch();
  }

  /** The running job is over its time: terminate its thread, fail the job, start a fresh thread. */
  private timedOut(slot: Slot<I, O>): void {
    void this.retire(slot, new TimeLimitError(this.options.timeoutMs));
    if (!this.closed) this.spawn();
    this.dispatch();
  }

  /** A thread died: fail its job; when it died before it was ready, the module cannot start, so fail the waiting jobs too rather than start it again and again. */
  private exited(slot: Slot<I, O>, error: Error): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    slot.job?.reject(error);
    if (!slot.ready) for (const job of this.waiting.splice(0)) job.reject(error);
    this.dispatch();
  }

  /** Removes `slot`, failing its job with `error`, and terminates its thread. */
  private async retire(slot: Slot<I, O>, error: Error): Promise<void> {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    slot.job?.reject(error);
    await slot.worker.terminate();
  }
}
