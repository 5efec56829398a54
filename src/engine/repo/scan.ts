/**
 * Discovery and rewriting of image references across a directory of a
 * repository, on any RepoReader (local checkout or GitHub). Pure: it reads
 * through the reader and writes nothing; callers write the changes it returns.
 */
import { posix } from "node:path";
import { repoRelativePath } from "../config/environment-path.js";
import { UsageError } from "../errors.js";
import { findImageReferences } from "../images/find-references.js";
import type { ImageReference, ImageTarget } from "../images/reference.js";
import { setImage } from "../images/set-image.js";
import type { RepoReader } from "./reader.js";
import { isYamlPath } from "./yaml-files.js";

/** How many files are read and parsed at the same time. */
export const READ_CONCURRENCY = 16;

/** The new text of one file. */
export interface FileChange {
  file: string;
  text: string;
}

/** What `setImageInTree` would write, and the references it matched (before the edit). */
export interface TreeEdit {
  changes: FileChange[];
  matched: ImageReference[];
}

/** What the config must provide to pick a directory by environment; a `Config` fits. */
export interface EnvironmentPaths {
  environments: Record<string, { path: string }>;
}

/** Every image reference in the YAML files under `dir`, sorted by file, then line. Throws on the first file (in path order) that cannot be read or parsed. */
export async function scanImageReferences(reader: RepoReader, dir: string): Promise<ImageReference[]> {
  const files = await yamlFilesUnder(reader, dir);
  return (await mapInOrder(files, READ_CONCURRENCY, (file) => referencesInFile(reader, file))).flat();
}

/**
 * The new texts of the YAML files under `dir` in which `target` changes
 * something, and every reference of the image found. Writes nothing; throws
 * before returning anything when any file under `dir` cannot be read, or one
 * that may hold the image cannot be parsed (`setImage` skips parsing files
 * that do not mention the image), so a caller never writes half a change.
 */
export async function setImageInTree(reader: RepoReader, dir: string, target: ImageTarget): Promise<TreeEdit> {
  const files = await yamlFilesUnder(reader, dir);
  return mergeFileEdits(await mapInOrder(files, READ_CONCURRENCY, (file) => editFile(reader, file, target)));
}

/** The image references of one file, by line. */
export async function referencesInFile(reader: RepoReader, file: string): Promise<ImageReference[]> {
  return byLine(findImageReferences(file, await reader.readFile(file)));
}

/** What `set-image` does to one file. */
export interface FileEdit {
  file: string;
  changed: boolean;
  text: string;
  matched: ImageReference[];
}

/** `set-image` on one file, writing nothing. */
export async function editFile(reader: RepoReader, file: string, target: ImageTarget): Promise<FileEdit> {
  const before = await reader.readFile(file);
  const result = setImage(file, before, target);
  return { file, changed: result.text !== before, text: result.text, matched: byLine(result.matched) };
}

/** The edits of several files, in their order, as one tree edit. */
export function mergeFileEdits(perFile: readonly FileEdit[]): TreeEdit {
  return {
    changes: perFile.filter((f) => f.changed).map(({ file, text }) => ({ file, text })),
    matched: perFile.flatMap((f) => f.matched),
  };
}

/**
 * The repository-relative directory to scan (`""` for the whole repository):
 * the path of environment `env` from the config, or `path`, or everything.
 * Throws UsageError for an unknown environment, `env` without a config file,
 * both options at once, and a path that is absolute or leaves the repository.
 */
export function resolveScanDir(config: EnvironmentPaths | undefined, opts: { env?: string; path?: string }): string {
  if (opts.env !== undefined && opts.path !== undefined) throw new UsageError("--env and --path cannot be used together");
  if (opts.env !== undefined) return environmentDir(config, opts.env);
  if (opts.path !== undefined) return repoRelativeDir(opts.path);
  return "";
}

function environmentDir(config: EnvironmentPaths | undefined, env: string): string {
  if (config === undefined) {
    throw new UsageError(`--env ${env} needs .github/promenade.yml, and this repository has none (use --path to scan a directory)`);
  }
  const environment = Object.hasOwn(config.environments, env) ? config.environments[env] : undefined;
  if (environment === undefined) {
    const known = Object.keys(config.environments).join(", ");
    throw new UsageError(`unknown environment '${env}' (known: ${known})`);
  }
  return repoRelativeDir(environment.path);
}

/** `./deploy//dev/` → `deploy/dev`; `.` → `""`. Throws UsageError for absolute paths and paths that leave the repository. */
function repoRelativeDir(path: string): string {
  if (path.trim() === "") throw new UsageError("--path needs a directory of the repository, e.g. deploy/overlays/dev");
  if (posix.isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path)) {
    throw new UsageError(`path '${path}' must be relative to the repository root`);
  }
  const normal = repoRelativePath(path.replaceAll("\\", "/"));
  if (normal === null) throw new UsageError(`path '${path}' leaves the repository`);
  return normal;
}

/** The YAML files under `dir`, sorted by path (code-unit order, the same on every machine). */
export async function yamlFilesUnder(reader: RepoReader, dir: string): Promise<string[]> {
  const files = (await reader.listFiles(dir)).filter(isYamlPath);
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function byLine(refs: ImageReference[]): ImageReference[] {
  return [...refs].sort((a, b) => a.line - b.line);
}

/**
 * `fn` over `items` with at most `limit` calls in flight, results in the
 * order of `items`. Items are started in order and, after a failure, no new
 * item is started and those in flight are awaited; so the error thrown is
 * that of the first failing item in order, whatever the timing.
 */
export async function mapInOrder<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && failures.length === 0) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T);
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  const first = failures.reduce<(typeof failures)[number] | undefined>((a, b) => (a && a.index < b.index ? a : b), undefined);
  if (first) throw first.error;
  return results;
}
