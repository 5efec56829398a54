/**
 * Discovery and `set-image` over a local checkout, spread across the main
 * thread and worker threads when there are many files: parsing YAML is the
 * cost, and it is CPU-bound. The threads take chunks of the sorted file list
 * in turn (scan-slice.ts), so results keep their order and the error
 * reported is still that of the first failing file in path order.
 */
import { availableParallelism } from "node:os";
import { InputError } from "../engine/errors.js";
import type { ImageTarget } from "../engine/images/reference.js";
import { type FileEdit, mergeFileEdits, mergeScans, type TreeEdit, type TreeScan, yamlFilesUnder } from "../engine/repo/scan.js";
import { siblingModule, startWorker } from "../threads/start-worker.js";
import type { LocalRepo } from "./local-repo.js";
import { type Claims, newClaims, runChunks, type SliceResult, type SliceTask } from "./scan-slice.js";
import type { ScanWorkerData } from "./scan-worker.js";

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_FROM_FILES = 400;
const MAX_WORKERS = 8;

/**
 * How many worker threads to start, besides the main thread, for `files`
 * files: `PROMENADE_WORKERS` when set (0 keeps everything on the main
 * thread), else one per CPU but the main thread's for large trees and none
 * for small ones.
 */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.PROMENADE_WORKERS;
  if (configured !== undefined && /^\d+$/.test(configured)) return Math.min(Number(configured), MAX_WORKERS, files);
  return files < PARALLEL_FROM_FILES ? 0 : Math.min(availableParallelism() - 1, MAX_WORKERS);
}

/** Every image reference under `dir`, sorted by file then line, and the files that do not parse; throws on the first file (in path order) that cannot be read. */
export async function scanLocalReferences(repo: LocalRepo, dir: string): Promise<TreeScan> {
  const files = await yamlFilesUnder(repo, dir);
  return mergeScans((await runThreads(repo, files, { kind: "scan" })) as TreeScan[]);
}

/** The files `target` changes under `dir`, the references it matched and the files it could not read; writes nothing. */
export async function setImageLocal(repo: LocalRepo, dir: string, target: ImageTarget): Promise<TreeEdit> {
  const files = await yamlFilesUnder(repo, dir);
  return mergeFileEdits((await runThreads(repo, files, { kind: "set-image", target })) as FileEdit[]);
}

/** Runs `task` over `files` on the main thread and workerCount workers; the per-file results in file order. */
async function runThreads(repo: LocalRepo, files: string[], task: SliceTask): Promise<unknown[]> {
  const claims = newClaims();
  const chunks: SliceResult[] = [];
  const report = (chunk: number, result: SliceResult): void => {
    chunks[chunk] = result;
  };
  const workers = Array.from({ length: workerCount(files.length) }, () => inWorker(repo, files, task, claims, report));
  await Promise.all([runChunks(repo, files, task, claims, report), ...workers]);
  return unwrap(chunks);
}

/** The results of all chunks in order, or the error of the first failing file (chunks after a failure may be missing). */
function unwrap(chunks: SliceResult[]): unknown[] {
  const failed = chunks.find((chunk) => chunk !== undefined && "error" in chunk);
  if (failed && "error" in failed) {
    const { error } = failed;
    throw error.file === undefined ? new Error(error.message) : new InputError(error.file, error.reason ?? error.message, error.line);
  }
  return chunks.flatMap((chunk) => ("results" in chunk ? chunk.results : []));
}

/** A worker thread taking chunks of `files` until none is left, each result handed to `report`; resolves once it has taken its last. */
function inWorker(repo: LocalRepo, files: string[], task: SliceTask, claims: Claims, report: (chunk: number, result: SliceResult) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const workerData: ScanWorkerData = { root: repo.root, listed: repo.listedPaths(files), files, task, claims };
    const worker = startWorker(siblingModule("scan-worker", import.meta.url), { workerData });
    worker.on("message", (message: { chunk: number; result: SliceResult } | { done: true }) => {
      if ("done" in message) resolve();
      else report(message.chunk, message.result);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`scan worker stopped with exit code ${code}`)));
  });
}
