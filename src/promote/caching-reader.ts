/** A RepoReader that reads each file once: scanning and editing an environment read the same files. */
import type { RepoReader } from "../engine/repo/reader.js";

/**
 * `reader`, remembering each listing and file text (or failure) after the
 * first call, so applying a promotion after planning it costs no more reads.
 */
export function cachingReader(reader: RepoReader): RepoReader {
  const listings = new Map<string, Promise<string[]>>();
  const texts = new Map<string, Promise<string>>();
  return {
    listFiles: (dir) => remembered(listings, dir, () => reader.listFiles(dir)),
    readFile: (path) => remembered(texts, path, () => reader.readFile(path)),
  };
}

function remembered<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (value === undefined) {
    value = read();
    cache.set(key, value);
  }
  return value;
}
