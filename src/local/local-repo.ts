/**
 * A repository checked out on the local disk, for the CLI: lists and reads
 * files without ever leaving the repository root, and writes edited files
 * atomically.
 */
import { randomBytes } from "node:crypto";
import { closeSync, constants, type Dirent, fstatSync, openSync, readdirSync, readFileSync, type Stats } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { repoRelativePath } from "../engine/config/environment-path.js";
import { environmentDirectories } from "../engine/config/environment-directories.js";
import type { Config } from "../engine/config/schema.js";
import { InputError } from "../engine/errors.js";
import type { RepoReader } from "../engine/repo/reader.js";
import type { FileChange } from "../engine/repo/scan.js";
import { checkYamlSize, decodeYamlBytes } from "../engine/repo/yaml-files.js";

/** Directories never listed. */
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules"]);

const OUTSIDE = "symlink points outside the repository";
const DANGLING = "dangling symlink: its target does not exist";

/** Reading without waiting: a FIFO named like a YAML file cannot hang the read. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** A file written to a temporary name, waiting to be renamed over its target. */
interface StagedFile {
  temp: string;
  target: string;
}

export class LocalRepo implements RepoReader {
  /** Absolute path of the repository root as given. */
  readonly root: string;
  private realRoot: Promise<string> | undefined;
  /**
   * The real path of each regular file listFiles met, by repository-relative
   * path: reading it needs no realpath, as the listing only went through real
   * directories and symlinks it checked to stay inside the repository.
   */
  private readonly listed: Map<string, string>;

  /** `listed`: what another LocalRepo of the same checkout listed (`listedPaths`), for a worker thread. */
  constructor(root: string, listed: Iterable<readonly [string, string]> = []) {
    this.root = path.resolve(root);
    this.listed = new Map(listed);
  }

  /** The real paths listFiles found for `files`, to hand to the LocalRepo of a worker thread. */
  listedPaths(files: readonly string[]): [string, string][] {
    return files.flatMap((file) => {
      const real = this.listed.get(file);
      return real === undefined ? [] : [[file, real]];
    });
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
    const relative = toRelative(file);
    const fd = this.openListed(relative) ?? openOrThrow(file, await this.resolveInside(relative));
    // Synchronous from here: a few small reads of a regular file, where each asynchronous call would cost more than the read.
    try {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw new InputError(file, "is a directory, not a file");
      if (!stat.isFile()) throw new InputError(file, "not a regular file");
      checkYamlSize(file, stat.size);
      return decodeYamlBytes(file, readFileSync(fd));
    } finally {
      closeSync(fd);
    }
  }

  /**
   * A descriptor of `relative` opened at the real path the listing found,
   * refusing a symlink put there since; undefined when it was not listed or
   * cannot be opened so (readFile then resolves it afresh and says why).
   */
  private openListed(relative: string): number | undefined {
    const real = this.listed.get(relative);
    if (real === undefined) return undefined;
    try {
      return openSync(real, OPEN_FLAGS | (constants.O_NOFOLLOW ?? 0));
    } catch {
      return undefined;
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
    // Loaded here rather than with this module: validating a config is a large module that a worker thread reading files never needs.
    const { CONFIG_PATH, readConfigYaml, validateConfigText } = await import("../engine/config/parse-config.js");
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

  /** Lists the directory `absolute` (synchronously: thousands of small directories cost more in asynchronous calls than in reading them). */
  private async walk(relative: string, absolute: string, ancestors: Set<string>, files: string[]): Promise<void> {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (!(entry.isDirectory() && SKIPPED_DIRECTORIES.has(entry.name))) {
        await this.visit(entry, relative === "" ? entry.name : `${relative}/${entry.name}`, absolute, ancestors, files);
      }
    }
  }

  private async visit(entry: Dirent, relative: string, parent: string, ancestors: Set<string>, files: string[]): Promise<void> {
    const absolute = path.join(parent, entry.name);
    if (entry.isFile()) {
      files.push(relative);
      this.listed.set(relative, absolute);
    } else if (entry.isDirectory()) await this.walk(relative, absolute, new Set([...ancestors, absolute]), files);
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

function openOrThrow(file: string, absolute: string): number {
  try {
    return openSync(absolute, OPEN_FLAGS);
  } catch (error) {
    throw fsInputError(file, error);
  }
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
