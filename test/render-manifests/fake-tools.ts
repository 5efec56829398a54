/** Fake `kustomize`/`kubectl` programs (POSIX shell scripts using builtins only) and an in-memory repository, for rendering tests. */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import type { RepoReader } from "../../src/engine/repo/reader.js";

const made: string[] = [];

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh directory holding each of `scripts` (name → body after the `#!/bin/sh` line) as an executable file. */
export async function fakeToolDir(scripts: Record<string, string>, mode = 0o755): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "promenade-fake-tool-"));
  made.push(dir);
  for (const [name, body] of Object.entries(scripts)) {
    const file = path.join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, mode);
  }
  return dir;
}

/** `version` answers for the fake programs. */
export const KUSTOMIZE_VERSION = 'if [ "$1" = version ]; then echo v5.5.0; exit 0; fi';
export const KUBECTL_VERSION = 'if [ "$1" = version ]; then printf "Client Version: v1.32.4\\nKustomize Version: v5.5.0\\n"; exit 0; fi';

/**
 * A build that prints its arguments, its PATH and every file (up to four
 * levels deep) of its working directory with its text, and writes its working
 * directory to `<tool dir>/last-cwd`.
 */
export function printingBuild(toolDir: string): string {
  return [
    KUSTOMIZE_VERSION,
    `printf '%s' "$PWD" > '${toolDir}/last-cwd'`,
    "printf 'args:'; for a in \"$@\"; do printf ' [%s]' \"$a\"; done; printf '\\n'",
    "printf 'path: [%s]\\n' \"$PATH\"",
    "for f in * */* */*/* */*/*/*; do",
    '  [ -f "$f" ] || continue',
    "  printf -- '== %s\\n' \"$f\"",
    '  while IFS= read -r line || [ -n "$line" ]; do printf \'%s\\n\' "$line"; done < "$f"',
    "done",
  ].join("\n");
}

/** A RepoReader over `files`; reading a path of `unreadable` throws InputError as for a binary file. */
export function memoryReader(files: Record<string, string>, unreadable: string[] = []): RepoReader {
  return {
    listFiles: (dir) => Promise.resolve([...Object.keys(files), ...unreadable].filter((file) => dir === "" || file.startsWith(`${dir}/`))),
    readFile: (file) => {
      const text = files[file];
      if (unreadable.includes(file) || text === undefined) return Promise.reject(new InputError(file, "binary content (contains a NUL byte), not YAML text"));
      return Promise.resolve(text);
    },
  };
}
