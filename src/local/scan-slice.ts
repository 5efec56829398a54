/**
 * The work of a scan or `set-image` shared out between threads: the files,
 * in path order, are cut into chunks that the main thread and its workers
 * take in turn from one shared counter, so that a thread slowed down (by
 * start-up, or by other processes on its core) simply takes fewer. Errors
 * are returned as data so that they can cross the thread boundary.
 */
import { setImmediate } from "node:timers/promises";
import { InputError } from "../engine/errors.js";
import type { ImageTarget } from "../engine/images/reference.js";
import { editFile, mapInOrder, READ_CONCURRENCY, scanFile } from "../engine/repo/scan.js";
import type { LocalRepo } from "./local-repo.js";
import { withPlainEnv } from "./plain-env.js";

export type SliceTask = { kind: "scan" } | { kind: "set-image"; target: ImageTarget };

/** An error, flattened: InputError's fields survive the structured clone. */
export interface SliceError {
  message: string;
  file?: string;
  reason?: string;
  line?: number;
}

/** The per-file results of a slice, or the error of its first failing file (`index` within the slice). */
export type SliceResult = { results: unknown[] } | { index: number; error: SliceError };

/** How many files a thread takes at a time: few enough to share the work out evenly, enough that taking them costs nothing. */
const CHUNK_FILES = 50;

/**
 * What the threads of one run share (over a SharedArrayBuffer): `[NEXT]` the
 * next chunk to take, `[FAILED]` 1 once a chunk has failed.
 */
export type Claims = Int32Array;
const NEXT = 0;
const FAILED = 1;

/** A new counter of chunks, none taken yet. */
export function newClaims(): Claims {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * Takes chunks of `files` in turn, while there are some left and none has
 * failed, runs `task` over each and hands each result to `report` with the
 * chunk's number. A chunk taken is always run: as chunks are taken in order,
 * every chunk before a failing one is run, so the first failing file in path
 * order is always among the results. Yields to the event loop between chunks
 * (the main thread receives its workers' results meanwhile).
 */
export async function runChunks(
  repo: LocalRepo,
  files: readonly string[],
  task: SliceTask,
  claims: Claims,
  report: (chunk: number, result: SliceResult) => void,
): Promise<void> {
  while (Atomics.load(claims, FAILED) === 0) {
    const chunk = Atomics.add(claims, NEXT, 1);
    const start = chunk * CHUNK_FILES;
    if (start >= files.length) return;
    const result = await runSlice(repo, files.slice(start, start + CHUNK_FILES), task);
    if ("error" in result) Atomics.store(claims, FAILED, 1);
    report(chunk, result);
    await setImmediate();
  }
}

/** Runs `task` over `files` of `repo`; the results in file order, or the error of the first file that fails. */
async function runSlice(repo: LocalRepo, files: string[], task: SliceTask): Promise<SliceResult> {
  try {
    const results = await withPlainEnv(() =>
      mapInOrder(files, READ_CONCURRENCY, (file): Promise<unknown> => (task.kind === "scan" ? scanFile(repo, file) : editFile(repo, file, task.target))),
    );
    return { results };
  } catch (error) {
    if (error instanceof InputError) {
      return { index: Math.max(0, files.indexOf(error.file)), error: { message: error.message, file: error.file, reason: error.reason, line: error.line } };
    }
    return { index: 0, error: { message: error instanceof Error ? error.message : String(error) } };
  }
}
