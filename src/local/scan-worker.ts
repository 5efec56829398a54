/** Worker-thread entry point: runs one slice (see parallel-scan.ts) and posts its result. */
import { parentPort, workerData } from "node:worker_threads";
import { runSlice, type SliceTask } from "./scan-slice.js";

const { root, files, task } = workerData as { root: string; files: string[]; task: SliceTask };
parentPort?.postMessage(await runSlice(root, files, task));
