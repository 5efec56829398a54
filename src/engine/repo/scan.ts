/**
 * Discovery and rewriting of image references across a directory of a
 * repository, on any RepoReader (local checkout or GitHub). Pure: it reads
 * through the reader and writes nothing; callers write the changes it returns.
 */
import { posix } from "node:path";
import { repoRelativePath } from "../config/environment-path.js";
import { InputError, UsageError } from "../errors.js";
import { findImageReferences } from "../images/find-references.js";
import { normalizeImageName, parseImage } from "../images/image-name.js";
import type { DroppedPin } from "../images/dropped-pin.js";
import type { ImageReference, ImageTarget } from "../images/reference.js";
import { mayReference, setImage } from "../images/set-image.js";
import { parseYamlSource } from "../images/yaml-source.js";
import type { RepoReader } from "./reader.js";
import { distinctWarnings, type FileWarning, hasTemplateActions, isChartTemplate, unparsedWarning } from "./skipped-files.js";
import { isYamlPath } from "./yaml-files.js";

/** How many files are read and parsed at the same time. */
export const READ_CONCURRENCY = 16;

/** The new text of one file. */
export interface FileChange {
  file: string;
  text: string;
}

/** What `setImageInTree` would write, the references it matched (before the edit), the files it could not read, and the digest pins it drops. */
export interface TreeEdit {
  changes: FileChange[];
  matched: ImageReference[];
  warnings: FileWarning[];
  /** One per file where a reference pinned by digest loses its pin (the new version has no digest). */
  droppedPins: DroppedPin[];
}

/** The image references of a directory or a file, and the files under it that do not parse. */
export interface TreeScan {
  references: ImageReference[];
  warnings: FileWarning[];
}

/** What the config must provide to pick a directory by environment; a `Config` fits. */
export interface EnvironmentPaths {
  environments: Record<string, { path: string }>;
}

/**
 * Every image reference in the YAML files under `dir`, sorted by file, then
 * line; files that do not parse are left out (scanTree says which). Throws
 * on the first file (in path order) that cannot be read.
 */
export async function scanImageReferences(reader: RepoReader, dir: string): Promise<ImageReference[]> {
  return (await scanTree(reader, dir)).references;
}

/** Every image reference under `dir`, as scanImageReferences, and a warning for each file that does not parse. */
export async function scanTree(reader: RepoReader, dir: string): Promise<TreeScan> {
  const files = await yamlFilesUnder(reader, dir);
  return mergeScans(await mapInOrder(files, READ_CONCURRENCY, (file) => scanFile(reader, file)));
}

/**
 * The new texts of the YAML files under `dir` in which `target` changes
 * something, every reference of the image found, and a warning for each file
 * that does not parse and cannot hold the image (editFile). Writes nothing;
 * throws before returning anything when any file under `dir` cannot be read,
 * or one that may hold the image cannot be parsed, so a caller never writes
 * half a change.
 */
export async function setImageInTree(reader: RepoReader, dir: string, target: ImageTarget): Promise<TreeEdit> {
  const files = await yamlFilesUnder(reader, dir);
  return mergeFileEdits(await mapInOrder(files, READ_CONCURRENCY, (file) => editFile(reader, file, target)));
}

/** The image references of one file, by line; a file that does not parse has none and a warning. Throws InputError when it cannot be read. */
export async function scanFile(reader: RepoReader, file: string): Promise<TreeScan> {
  const text = await reader.readFile(file);
  try {
    return { references: byLine(findImageReferences(file, text)), warnings: [] };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { references: [], warnings: [unparsedWarning(error, text)] };
  }
}

/** The scans of several files, in their order, as one. */
export function mergeScans(perFile: readonly TreeScan[]): TreeScan {
  return { references: perFile.flatMap((f) => f.references), warnings: perFile.flatMap((f) => f.warnings) };
}

/** What `set-image` does to one file. */
export interface FileEdit {
  file: string;
  changed: boolean;
  text: string;
  matched: ImageReference[];
  warnings: FileWarning[];
  droppedPins: DroppedPin[];
}

/**
 * `set-image` on one file, writing nothing. A file that does not parse is
 * left as it is, with a warning, when it cannot hold the image (its text
 * lacks the image's name) or is a Go template (not YAML, so nothing in it is
 * a reference); one that may hold the image throws InputError, as the edit
 * cannot be made safely.
 */
export async function editFile(reader: RepoReader, file: string, target: ImageTarget): Promise<FileEdit> {
  const before = await reader.readFile(file);
  const unchanged = { file, changed: false, text: before, matched: [], droppedPins: [] };
  if (!mayReference(before, normalizeImageName(parseImage(target.image)?.name ?? target.image))) {
    const problem = parseProblem(file, before);
    return { ...unchanged, warnings: problem === null ? [] : [unparsedWarning(problem, before)] };
  }
  try {
    const result = setImage(file, before, target);
    return {
      file,
      changed: result.text !== before,
      text: result.text,
      matched: byLine(result.matched),
      warnings: [],
      droppedPins: result.droppedPin ? [result.droppedPin] : [],
    };
  } catch (error) {
    const problem = error instanceof InputError && hasTemplateActions(before) ? parseProblem(file, before) : null;
    if (problem === null) throw error;
    return { ...unchanged, warnings: [unparsedWarning(problem, before)] };
  }
}

/** The InputError parsing `text` gives, or null when it parses. */
function parseProblem(file: string, text: string): InputError | null {
  try {
    parseYamlSource(file, text);
    return null;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

/** The edits of several files, in their order, as one tree edit. */
export function mergeFileEdits(perFile: readonly FileEdit[]): TreeEdit {
  return {
    changes: perFile.filter((f) => f.changed).map(({ file, text }) => ({ file, text })),
    matched: perFile.flatMap((f) => f.matched),
    warnings: distinctWarnings(perFile.flatMap((f) => f.warnings)),
    droppedPins: perFile.flatMap((f) => f.droppedPins),
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

/** The YAML files under `dir` but those of Helm charts' `templates/` (isChartTemplate), sorted by path (code-unit order, the same on every machine). */
export async function yamlFilesUnder(reader: RepoReader, dir: string): Promise<string[]> {
  const listed = await reader.listFiles(dir);
  const all = new Set(listed);
  const files = listed.filter((file) => isYamlPath(file) && !isChartTemplate(file, all));
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
