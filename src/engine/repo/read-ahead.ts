/**
 * Files of a repository read ahead, as plain data, so that the work on them
 * can run on another thread: the listing of some directories and the text of
 * each YAML file in them (or the InputError reading it gave). A RepoReader
 * over it answers as the reader it was read from, for those directories.
 */
import { normalizeRepoPath } from "../config/environment-path.js";
import { InputError } from "../errors.js";
import type { RepoReader } from "./reader.js";
import { mapInOrder, READ_CONCURRENCY } from "./scan.js";
import { isYamlPath } from "./yaml-files.js";

/** A YAML file's text, or why it cannot be read. */
export type ReadAheadFile = { text: string } | { error: { file: string; reason: string; line?: number } };

/** Directories and files read ahead; Maps of strings, which a structured clone (postMessage) carries. */
export interface ReadAhead {
  /** Each directory read (normalised, the root being `.`) → its files, as listFiles answered. */
  listings: Map<string, string[]>;
  /** Each YAML file of those directories → its text or the error. */
  files: Map<string, ReadAheadFile>;
}

/** Lists `dirs` through `reader` and reads every YAML file in them. Errors other than InputError (GitHub failing) are thrown. */
export async function readAhead(reader: RepoReader, dirs: readonly string[]): Promise<ReadAhead> {
  const listings = new Map<string, string[]>();
  for (const dir of new Set(dirs.map(directoryKey))) listings.set(dir, await reader.listFiles(dir));
  const paths = [...new Set([...listings.values()].flat().filter(isYamlPath))];
  const texts = await mapInOrder(paths, READ_CONCURRENCY, (path) => readOne(reader, path));
  return { listings, files: new Map(paths.map((path, i) => [path, texts[i] as ReadAheadFile])) };
}

/** A RepoReader over `ahead`. Asking for a directory or file that was not read ahead is a bug, and throws an Error saying so. */
export function readAheadReader(ahead: ReadAhead): RepoReader {
  return {
    listFiles(dir) {
      const files = ahead.listings.get(directoryKey(dir));
      if (files === undefined) return Promise.reject(new Error(`directory '${dir}' was not read ahead`));
      return Promise.resolve([...files]);
    },
    readFile(path) {
      const file = ahead.files.get(path);
      if (file === undefined) return Promise.reject(new Error(`file '${path}' was not read ahead`));
      if ("error" in file) return Promise.reject(new InputError(file.error.file, file.error.reason, file.error.line));
      return Promise.resolve(file.text);
    },
  };
}

async function readOne(reader: RepoReader, path: string): Promise<ReadAheadFile> {
  try {
    return { text: await reader.readFile(path) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { error: { file: error.file, reason: error.reason, ...(error.line === undefined ? {} : { line: error.line }) } };
  }
}

/** `deploy/dev`, `./deploy/dev/` and `deploy//dev` are one directory; `""` and `.` the root. */
function directoryKey(dir: string): string {
  return normalizeRepoPath(dir === "" ? "." : dir);
}
