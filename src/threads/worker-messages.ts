/** What a worker thread of a WorkerPool posts back: that it is ready, then one reply per job. */
export type WorkerMessage<O> =
  | { kind: "ready" }
  | { kind: "done"; output: O }
  /** The job threw: its error's name and message, what a structured clone would keep of it. */
  | { kind: "failed"; error: { name: string; message: string } };
