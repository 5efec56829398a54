/** Temporary repositories on disk for tests: created from a map of files, compared byte for byte, removed after each test. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Repository-relative path → content. */
export type RepoFiles = Record<string, string | Uint8Array>;

/** Creates temporary directories and removes all of them on `cleanup()` (call it in afterEach). */
export class TempDirs {
  private readonly dirs: string[] = [];

  /** A new empty directory. */
  make(prefix = "promenade-test-"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** A new directory holding `files`. */
  repo(files: RepoFiles): string {
    const root = this.make();
    writeFiles(root, files);
    return root;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function writeFiles(root: string, files: RepoFiles): void {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

/** Every file under `root` (symlinks not followed) with its bytes as hex, to assert that nothing changed. */
export function snapshot(root: string, dir = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir === "" ? entry.name : `${dir}/${entry.name}`;
    const absolute = path.join(root, relative);
    if (entry.isDirectory()) Object.assign(out, snapshot(root, relative));
    else if (entry.isSymbolicLink()) out[relative] = `-> ${fs.readlinkSync(absolute)}`;
    else out[relative] = fs.readFileSync(absolute).toString("hex");
  }
  return out;
}

/** The text of `file` in `root`. */
export function readText(root: string, file: string): string {
  return fs.readFileSync(path.join(root, file), "utf8");
}

/** A YAML "billion laughs": nine levels of aliases, each nine times the last. */
export const YAML_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map((name, i) => {
    const prev = "abcdefghi"[i] ?? "a";
    return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`;
  }),
  "",
].join("\n");
