/**
 * Unpacking a repository archive as GitHub serves it (`git archive` as a
 * .tar.gz under one top directory, `owner-repo-shortsha/`) into the regular
 * files a RepoReader offers, streamed: the archive is never held whole, and
 * files too large to read are kept by size only.
 */
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract, type Extract, type Header } from "tar-stream";
import { isYamlPath, MAX_YAML_BYTES } from "../engine/repo/yaml-files.js";

/** One regular file of an archive: its bytes, or null when it is larger than Promenade reads (1 MiB). */
export interface ArchiveFile {
  size: number;
  bytes: Buffer | null;
}

/** Thrown when the unpacked archive grows past the limit given to unpackTarball. */
export class UnpackLimitError extends Error {
  override name = "UnpackLimitError";
}

/** Tar entry types that are regular files; symlinks, directories (submodules among them) and the rest are not. */
const REGULAR_FILE_TYPES: ReadonlySet<Header["type"]> = new Set(["file", "contiguous-file"]);

/**
 * The regular YAML files of the gzipped tarball `gzipped`, by
 * repository-relative path (the archive's top directory stripped), `.git/`
 * and `node_modules/` left out. Throws UnpackLimitError when the archive unpacks to more than
 * `maxBytes`, and the stream's, gunzip's or the tar parser's error when the
 * archive cannot be read.
 */
export async function unpackTarball(gzipped: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Map<string, ArchiveFile>> {
  const entries = extract();
  const feeding = feed(gzipped, entries, maxBytes).catch((error: unknown) => {
    entries.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const files = new Map<string, ArchiveFile>();
  for await (const entry of entries) {
    const path = repositoryPath(entry.header.name);
    // Only YAML files are ever read (environments and the config): nothing else is kept in memory.
    if (path === null || !REGULAR_FILE_TYPES.has(entry.header.type) || isIgnored(path) || !isYamlPath(path)) {
      entry.resume();
      continue;
    }
    files.set(path, await readEntry(entry, entry.header.size));
  }
  await feeding;
  return files;
}

/** Gunzips `gzipped` into `sink`, with backpressure, failing once more than `maxBytes` came out. */
async function feed(gzipped: AsyncIterable<Uint8Array>, sink: Extract, maxBytes: number): Promise<void> {
  let unpacked = 0;
  await pipeline(gzipped, createGunzip(), async (tar: AsyncIterable<Buffer>) => {
    for await (const chunk of tar) {
      unpacked += chunk.length;
      if (unpacked > maxBytes) throw new UnpackLimitError(`the archive unpacks to more than ${maxBytes} bytes`);
      if (!sink.write(chunk)) await once(sink, "drain");
    }
  });
  sink.end(undefined);
}

/** An entry's bytes, or only its size when it is larger than Promenade reads. */
async function readEntry(entry: AsyncIterable<unknown> & { resume(): unknown }, size: number): Promise<ArchiveFile> {
  if (size > MAX_YAML_BYTES) {
    entry.resume();
    return { size, bytes: null };
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of entry) chunks.push(chunk as Uint8Array);
  return { size, bytes: Buffer.concat(chunks) };
}

/** `name` without the archive's top directory; null for the top directory itself. */
function repositoryPath(name: string): string | null {
  const slash = name.indexOf("/");
  const path = slash === -1 ? "" : name.slice(slash + 1);
  return path === "" ? null : path;
}

/** Left out of listings, as a local checkout's reader leaves them out. */
function isIgnored(path: string): boolean {
  return path.split("/").some((segment) => segment === ".git" || segment === "node_modules");
}
