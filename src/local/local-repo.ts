/**
 * A repository checked out on the local disk, for the CLI: lists and reads
 * files without ever leaving the repository root, and writes edited files
 * atomically.
 */
import { randomBytes } from "node:crypto";
import { constants, type Dirent, type Stats } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { repoRelativePath } from "../engine/config/environment-path.js";
import { environmentDirectories } from "../engine/config/environment-directories.js";
import { CONFIG_PATH, readConfigYaml, validateConfigText } from "../engine/config/parse-config.js";
import type { Config } from "../engine/config/schema.js";
import { InputError } from "../engine/errors.js";
import type { RepoReader } from "../engine/repo/reader.js";
import type { FileChange } from "../engine/repo/scan.js";
import { checkYamlSize, decodeYamlBytes } from "../engine/repo/yaml-files.js";

/** Directories never listed. */
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules"]);

const OUTSIDE = "symlink points outside the repository";
const DANGLING = "dangling symlink: its target does not exist";

/** A file written to a temporary name, waiting to be renamed over its target. */
interface StagedFile {
  temp: string;
  target: string;
}

export class LocalRepo implements RepoReader {
  /** Absolute path of the repository root as given. */
  readonly root: string;
  private realRoot: Promise<string> | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /**
   * Every file under `dir` (repository-relative), recursively. Symlinks are
   * followed when their target stays inside the repository; a symlink to a
   * directory outside it throws InputError, and a symlink to a file outside
   * it or to nothing is listed, so that reading it reports the problem.
   */
  async listFiles(dir: string): Promise<string[]> {
    const relative = toRelative(dir);
    const absolute = await this.resolveInside(relative);
    const stat = await statOrThrow(relative, absolute);
    if (!stat.isDirectory()) throw new InputError(relative, "not a directory");
    const files: string[] = [];
    await this.walk(relative, absolute, new Set([absolute]), files);
    return files;
  }

  /** The text of the YAML file at `file`; InputError when it is missing, outside the repository, too large, binary or not UTF-8. */
  async readFile(file: string): Promise<string> {
    const absolute = await this.resolveInside(toRelative(file));
    // Non-blocking, so that a FIFO named like a YAML file cannot hang the read.
    const handle = await fs.open(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch((error: unknown) => {
      throw fsInputError(file, error);
    });
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw new InputError(file, "is a directory, not a file");
      if (!stat.isFile()) throw new InputError(file, "not a regular file");
      checkYamlSize(file, stat.size);
      return decodeYamlBytes(file, await handle.readFile());
    } finally {
      await handle.close();
    }
  }

  /**
   * Writes every change, each through a temporary file in the same directory
   * renamed over the original (keeping its mode), so a crash never leaves
   * half a file. All temporary files are written before the first rename: a
   * failure while writing them changes nothing, and temporary files are
   * removed on any failure.
   */
  async writeFiles(changes: readonly FileChange[]): Promise<void> {
    const staged: StagedFile[] = [];
    try {
      for (const change of changes) staged.push(await this.stage(change));
    } catch (error) {
      await Promise.all(staged.map((s) => fs.rm(s.temp, { force: true })));
      throw error;
    }
    for (const [index, { temp, target }] of staged.entries()) {
      await fs.rename(temp, target).catch(async (error: unknown) => {
        await Promise.all(staged.slice(index).map((s) => fs.rm(s.temp, { force: true })));
        throw error;
      });
    }
  }

  /**
   * `.github/promenade.yml`, validated, environment directories included
   * (each must be a directory of this checkout); undefined when the
   * repository has none. Throws ConfigError when it is invalid.
   */
  async readConfig(): Promise<Config | undefined> {
    const absolute = path.join(this.root, CONFIG_PATH);
    const present = await fs.lstat(absolute).then(
      () => true,
      () => false,
    );
    if (!present) return undefined;
    const text = await this.readFile(CONFIG_PATH);
    const input = readConfigYaml(text, CONFIG_PATH);
    const found = await Promise.all(environmentDirectories(input).map(async (dir) => ((await this.isDirectory(dir)) ? [dir] : [])));
    const existing = new Set(found.flat());
    return validateConfigText(input, text, CONFIG_PATH, (dir) => existing.has(dir));
  }

  /** True when `dir` is a directory inside the repository (through symlinks that stay inside it). */
  private async isDirectory(dir: string): Promise<boolean> {
    const absolute = await this.resolveInside(toRelative(dir)).catch(() => undefined);
    const stat = absolute === undefined ? undefined : await fs.stat(absolute).catch(() => undefined);
    return stat?.isDirectory() ?? false;
  }

  private async stage(change: FileChange): Promise<StagedFile> {
    const target = await this.resolveInside(toRelative(change.file));
    const { mode } = await statOrThrow(change.file, target);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.promenade-${randomBytes(6).toString("hex")}.tmp`);
    try {
      await fs.writeFile(temp, change.text, { encoding: "utf8", mode, flag: "wx" });
      await fs.chmod(temp, mode);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    return { temp, target };
  }

  private async walk(relative: string, absolute: string, ancestors: Set<string>, files: string[]): Promise<void> {
    const entries = await fs.readdir(absolute, { withFileTypes: true });
    await Promise.all(
      entries
        .filter((entry) => !(entry.isDirectory() && SKIPPED_DIRECTORIES.has(entry.name)))
        .map((entry) => this.visit(entry, relative === "" ? entry.name : `${relative}/${entry.name}`, absolute, ancestors, files)),
    );
  }

  private async visit(entry: Dirent, relative: string, parent: string, ancestors: Set<string>, files: string[]): Promise<void> {
    const absolute = path.join(parent, entry.name);
    if (entry.isFile()) files.push(relative);
    else if (entry.isDirectory()) await this.walk(relative, absolute, new Set([...ancestors, absolute]), files);
    else if (entry.isSymbolicLink()) await this.visitSymlink(relative, absolute, ancestors, files);
  }

  /**
   * Follows a symlink to a directory inside the repository (once per chain of
   * ancestors, so a loop ends) and refuses one to a directory outside it.
   * Lists a symlink to a file, or to nothing, so that reading it checks where
   * it points; skips one to anything else (a socket, a FIFO).
   */
  private async visitSymlink(relative: string, absolute: string, ancestors: Set<string>, files: string[]): Promise<void> {
    const target = await fs.realpath(absolute).catch(() => undefined);
    const stat = target === undefined ? undefined : await fs.stat(target).catch(() => undefined);
    if (target === undefined || stat === undefined || stat.isFile()) {
      files.push(relative);
    } else if (stat.isDirectory()) {
      if (!isInside(await this.getRealRoot(), target)) throw new InputError(relative, OUTSIDE);
      if (!ancestors.has(target)) await this.walk(relative, target, new Set([...ancestors, target]), files);
    }
  }

  /** The real path of repository-relative `relative`, checked to be inside the repository (following every symlink on the way). */
  private async resolveInside(relative: string): Promise<string> {
    const joined = path.join(this.root, relative);
    const real = await fs.realpath(joined).catch(async (error: unknown) => {
      const isLink = await fs.lstat(joined).then(
        (s) => s.isSymbolicLink(),
        () => false,
      );
      throw isLink ? new InputError(relative, DANGLING) : fsInputError(relative, error);
    });
    if (!isInside(await this.getRealRoot(), real)) throw new InputError(relative, OUTSIDE);
    return real;
  }

  private getRealRoot(): Promise<string> {
    this.realRoot ??= fs.realpath(this.root).catch((error: unknown) => {
      throw fsInputError(this.root, error);
    });
    return this.realRoot;
  }
}

/**
 * A repository-relative POSIX path, normalised (`""` for the root). Throws
 * InputError for absolute paths and paths that leave the repository.
 */
function toRelative(file: string): string {
  const normal = repoRelativePath(file);
  if (normal === null) throw new InputError(file, "not a path inside the repository");
  return normal;
}

function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

async function statOrThrow(file: string, absolute: string): Promise<Stats> {
  return fs.stat(absolute).catch((error: unknown) => {
    throw fsInputError(file, error);
  });
}

/** A file-system error as an InputError that names the file and says what is wrong in words. */
function fsInputError(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EPERM: "permission denied",
    ENOTDIR: "not a directory",
    ELOOP: "too many levels of symlinks",
    EISDIR: "is a directory, not a file",
  };
  const reason = (code && reasons[code]) ?? `cannot read it (${error instanceof Error ? error.message : String(error)})`;
  return new InputError(file === "" ? "." : file, reason);
}
