/**
 * Unpacking a repository archive as GitHub serves it (`git archive` as a
 * .tar.gz under one top directory, `owner-repo-shortsha/`, after a pax global
 * header whose `comment` is the commit's full sha) into the regular files a
 * RepoReader offers, streamed: the archive is never held whole, and files too
 * large to read are kept by size only.
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

/** An archive unpacked: its regular YAML files, and what it says of the commit it was made of. */
export interface UnpackedArchive {
  files: Map<string, ArchiveFile>;
  /** The `comment` of the pax global header it starts with, where `git archive` writes the commit's full sha; null without one. */
  comment: string | null;
  /** The name of its top directory (GitHub's `owner-repo-shortsha`); null when it has no entry. */
  topDirectory: string | null;
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
 * and `node_modules/` left out, with its pax global header's comment and its
 * top directory's name. Throws UnpackLimitError when the archive unpacks to more than
 * `maxBytes`, and the stream's, gunzip's or the tar parser's error when the
 * archive cannot be read.
 */
export async function unpackTarball(gzipped: AsyncIterable<Uint8Array>, maxBytes: number): Promise<UnpackedArchive> {
  const entries = extract();
  const start = new TarStart();
  const feeding = feed(gzipped, entries, maxBytes, start).catch((error: unknown) => {
    entries.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const files = new Map<string, ArchiveFile>();
  let topDirectory: string | null = null;
  for await (const entry of entries) {
    topDirectory ??= entry.header.name.split("/")[0] ?? null;
    const path = repositoryPath(entry.header.name);
    // Only YAML files are ever read (environments and the config): nothing else is kept in memory.
    if (path === null || !REGULAR_FILE_TYPES.has(entry.header.type) || isIgnored(path) || !isYamlPath(path)) {
      entry.resume();
      continue;
    }
    files.set(path, await readEntry(entry, entry.header.size));
  }
  await feeding;
  return { files, comment: start.globalComment(), topDirectory };
}

/** Gunzips `gzipped` into `sink` (its first bytes into `start` too), with backpressure, failing once more than `maxBytes` came out. */
async function feed(gzipped: AsyncIterable<Uint8Array>, sink: Extract, maxBytes: number, start: TarStart): Promise<void> {
  let unpacked = 0;
  await pipeline(gzipped, createGunzip(), async (tar: AsyncIterable<Buffer>) => {
    for await (const chunk of tar) {
      unpacked += chunk.length;
      if (unpacked > maxBytes) throw new UnpackLimitError(`the archive unpacks to more than ${maxBytes} bytes`);
      start.take(chunk);
      if (!sink.write(chunk)) await once(sink, "drain");
    }
  });
  sink.end(undefined);
}

/** A tar block: each header takes one, and each entry's data is padded to a whole number of them. */
const BLOCK_BYTES = 512;

/** The largest pax global header read (`git archive` writes 52 bytes: `52 comment=<sha>\n`). */
const MAX_GLOBAL_HEADER_BYTES = 8 * 1024;

/** The type flag of a pax global header (`g`), at byte 156 of a tar header. */
const PAX_GLOBAL_TYPE = 0x67;

/**
 * The first bytes of a tar, kept to read the pax global header it may start
 * with (tar-stream reads that header but does not hand it over).
 */
class TarStart {
  private readonly chunks: Buffer[] = [];
  private kept = 0;

  /** Takes the tar's next chunk, keeping what falls within its first header and a global header's records. */
  take(chunk: Buffer): void {
    const room = BLOCK_BYTES + MAX_GLOBAL_HEADER_BYTES - this.kept;
    if (room <= 0) return;
    const part = Buffer.from(chunk.subarray(0, room));
    this.chunks.push(part);
    this.kept += part.length;
  }

  /** The `comment` record of the pax global header the tar starts with; null when it starts with none, or the header has no comment. */
  globalComment(): string | null {
    const start = Buffer.concat(this.chunks);
    if (start.length < BLOCK_BYTES || start[156] !== PAX_GLOBAL_TYPE) return null;
    const size = Number.parseInt(start.toString("latin1", 124, 136).replace(/\0/g, "").trim(), 8);
    if (!Number.isInteger(size) || size <= 0 || start.length < BLOCK_BYTES + size) return null;
    return paxRecords(start.subarray(BLOCK_BYTES, BLOCK_BYTES + size)).get("comment") ?? null;
  }
}

/** The records of a pax extended header, `<length> <key>=<value>\n` each (the length counting the whole record); reading stops at the first malformed one. */
function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space === -1 ? Number.NaN : Number(data.toString("latin1", at, space));
    if (!Number.isInteger(length) || length <= space - at + 1 || at + length > data.length) break;
    const record = data.toString("utf8", space + 1, at + length - 1);
    const equals = record.indexOf("=");
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
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
