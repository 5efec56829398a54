/**
 * One slice of a scan or `set-image`: the work a worker thread does (or the
 * main thread, for small trees), with errors returned as data so they can
 * cross the thread boundary.
 */
import { InputError } from "../engine/errors.js";
import type { ImageTarget } from "../engine/images/reference.js";
import { editFile, mapInOrder, READ_CONCURRENCY, scanFile } from "../engine/repo/scan.js";
import { LocalRepo } from "./local-repo.js";

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

export async function runSlice(root: string, files: string[], task: SliceTask): Promise<SliceResult> {
  const repo = new LocalRepo(root);
  try {
    const results = await mapInOrder(files, READ_CONCURRENCY, (file): Promise<unknown> =>
      task.kind === "scan" ? scanFile(repo, file) : editFile(repo, file, task.target),
    );
    return { results };
  } catch (error) {
    if (error instanceof InputError) {
      return { index: Math.max(0, files.indexOf(error.file)), error: { message: error.message, file: error.file, reason: error.reason, line: error.line } };
    }
    return { index: 0, error: { message: error instanceof Error ? error.message : String(error) } };
  }
}
