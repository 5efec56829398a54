/** A worker module for the WorkerPool tests: echoes, throws, or never answers (a busy loop, which only terminating the thread ends). */
import { serveJobs } from "../../src/threads/serve-jobs.js";

export type TestJob = { kind: "echo"; value: string } | { kind: "throw"; message: string } | { kind: "spin" };

serveJobs((job: TestJob): string => {
  if (job.kind === "throw") throw new RangeError(job.message);
  if (job.kind === "spin") for (;;);
  return job.value;
});
