/**
 * Which files are YAML, and turning their bytes into text without losing a
 * byte, so that edits stay byte-minimal, while refusing what Promenade must
 * not read: huge files, binary content and text that is not UTF-8.
 */
import { InputError } from "../errors.js";

/** The largest file Promenade reads: 1 MiB. */
export const MAX_YAML_BYTES = 1024 * 1024;

/** True for `*.yaml` and `*.yml` paths, whatever the case of the extension. */
export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** Throws InputError when a file of `size` bytes is too large to read. */
export function checkYamlSize(file: string, size: number): void {
  if (size > MAX_YAML_BYTES) {
    throw new InputError(file, `larger than 1 MiB (${size} bytes); Promenade does not read it`);
  }
}

/**
 * The text of a YAML file, exactly as stored: a byte order mark is kept and
 * line endings are untouched. Throws InputError for a file over 1 MiB, binary
 * content (a NUL byte) and bytes that are not valid UTF-8.
 */
export function decodeYamlBytes(file: string, bytes: Uint8Array): string {
  checkYamlSize(file, bytes.length);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new InputError(file, "binary content (contains a NUL byte), not YAML text", lineAt(bytes, nul));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(file, "not valid UTF-8 text", lineAt(bytes, firstInvalidUtf8Offset(bytes)));
  }
}

/** 1-based line of the byte at `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Offset of the first byte that makes `bytes` invalid UTF-8. A streaming
 * decode accepts a prefix that only ends in an unfinished sequence, so
 * validity of prefixes is monotonic and a binary search finds the first bad
 * byte. Only called on the error path.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const mid = (valid + invalid) >> 1;
    if (isValidUtf8Prefix(bytes.subarray(0, mid))) valid = mid;
    else invalid = mid;
  }
  return invalid - 1;
}

function isValidUtf8Prefix(prefix: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(prefix, { stream: true });
    return true;
  } catch {
    return false;
  }
}
