/** Worker-thread entry point: takes chunks of a scan (see scan-slice.ts), posts each result, then `{ done: true }`. */
import { parentPort, workerData } from "node:worker_threads";
import { LocalRepo } from "./local-repo.js";
import { type Claims, runChunks, type SliceTask } from "./scan-slice.js";

/** What parallel-scan.ts starts a worker with. */
export interface ScanWorkerData {
  root: string;
  /** The real paths the main thread's listing found (LocalRepo.listedPaths). */
  listed: [string, string][];
  files: string[];
  task: SliceTask;
  claims: Claims;
}

const { root, listed, files, task, claims } = workerData as ScanWorkerData;
await runChunks(new LocalRepo(root, listed), files, task, claims, (chunk, result) => parentPort?.postMessage({ chunk, result }));
parentPort?.postMessage({ done: true });
