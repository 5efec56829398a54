/**
 * Discovery and `set-image` over a local checkout, spread across worker
 * threads when there are many files: parsing YAML is the cost, and it is
 * CPU-bound. Each worker takes a contiguous slice of the sorted file list,
 * so results keep their order and the error reported is still that of the
 * first failing file in path order.
 */
import { availableParallelism } from "node:os";
import { InputError } from "../engine/errors.js";
import type { ImageTarget } from "../engine/images/reference.js";
import { type FileEdit, mergeFileEdits, mergeScans, type TreeEdit, type TreeScan, yamlFilesUnder } from "../engine/repo/scan.js";
import { siblingModule, startWorker } from "../threads/start-worker.js";
import { runSlice } from "./scan-slice.js";
import type { LocalRepo } from "./local-repo.js";
import type { SliceResult, SliceTask } from "./scan-slice.js";

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_FROM_FILES = 400;
const MAX_WORKERS = 8;

/**
 * How many worker threads to use for `files` files: `PROMENADE_WORKERS` when
 * set (0 keeps everything on the main thread), else one per CPU for large
 * trees and none for small ones.
 */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.PROMENADE_WORKERS;
  if (configured !== undefined && /^\d+$/.test(configured)) return Math.min(Number(configured), MAX_WORKERS, files);
  return files < PARALLEL_FROM_FILES ? 0 : Math.min(availableParallelism(), MAX_WORKERS);
}

/** Every image reference under `dir`, sorted by file then line, and the files that do not parse; throws on the first file (in path order) that cannot be read. */
export async function scanLocalReferences(repo: LocalRepo, dir: string): Promise<TreeScan> {
  const files = await yamlFilesUnder(repo, dir);
  return mergeScans((await runSlices(repo.root, files, { kind: "scan" })) as TreeScan[]);
}

/** The files `target` changes under `dir`, the references it matched and the files it could not read; writes nothing. */
export async function setImageLocal(repo: LocalRepo, dir: string, target: ImageTarget): Promise<TreeEdit> {
  const files = await yamlFilesUnder(repo, dir);
  return mergeFileEdits((await runSlices(repo.root, files, { kind: "set-image", target })) as FileEdit[]);
}

/** Runs `task` over `files`, on the main thread or in slices across workers; results in file order. */
async function runSlices(root: string, files: string[], task: SliceTask): Promise<unknown[]> {
  const workers = workerCount(files.length);
  if (workers <= 1) return unwrap([await runSlice(root, files, task)], [0]);
  const size = Math.ceil(files.length / workers);
  const starts = Array.from({ length: workers }, (_, i) => i * size).filter((start) => start < files.length);
  const slices = await Promise.all(starts.map((start) => inWorker(root, files.slice(start, start + size), task)));
  return unwrap(slices, starts);
}

/** The results of all slices in order, or the error of the first failing file. */
function unwrap(slices: SliceResult[], starts: number[]): unknown[] {
  const failures = slices.flatMap((slice, i) => ("error" in slice ? [{ at: (starts[i] ?? 0) + slice.index, slice }] : []));
  const first = failures.sort((a, b) => a.at - b.at)[0]?.slice;
  if (first && "error" in first) {
    const { error } = first;
    throw error.file === undefined ? new Error(error.message) : new InputError(error.file, error.reason ?? error.message, error.line);
  }
  return slices.flatMap((slice) => ("results" in slice ? slice.results : []));
}

function inWorker(root: string, files: string[], task: SliceTask): Promise<SliceResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(siblingModule("scan-worker", import.meta.url), { workerData: { root, files, task } });
    worker.once("message", (result: SliceResult) => resolve(result));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`scan worker stopped with exit code ${code}`));
    });
  });
}
