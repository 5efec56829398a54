/**
 * The worker-thread side of a WorkerPool: says it is ready once its module
 * is loaded, then answers each job posted to it with `handle`'s result, or
 * with the error it threw (also when the result cannot be posted).
 */
import { parentPort } from "node:worker_threads";
import type { WorkerMessage } from "./worker-messages.js";

/** Serves the jobs the pool posts to this thread, one at a time (the pool posts the next one only after the reply). */
export function serveJobs<I, O>(handle: (input: I) => O | Promise<O>): void {
  const port = parentPort;
  if (port === null) throw new Error("serveJobs runs in a worker thread");
  const post = (message: WorkerMessage<O>): void => port.postMessage(message);
  port.on("message", async (input: I) => {
    try {
      post({ kind: "done", output: await handle(input) });
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      post({ kind: "failed", error: { name, message } });
    }
  });
  post({ kind: "ready" });
}
