/**
 * Rendering one Kustomize directory of a repository, as it is or with a
 * change applied, for the rendered diff in PR comments: every kustomization
 * the rendering reads is checked first (nothing remote, nothing outside the
 * repository, no Helm; see kustomizationRefusal), the repository's files are
 * written to a fresh temporary directory, the tool runs there (no shell, no
 * plugins, no Helm, no exec functions, no PATH, no way to the network, a time
 * limit and an output bound), and the directory is always removed.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { repoRelativePath } from "../engine/config/environment-path.js";
import { InputError } from "../engine/errors.js";
import type { RepoReader } from "../engine/repo/reader.js";
import type { RenderRefusal } from "../engine/review/review.js";
import { type CheckedFiles, KUSTOMIZATION_FILES, kustomizationRefusal } from "./check-kustomizations.js";
import type { KustomizeTool } from "./kustomize-tool.js";
import { type RunLimits, type RunResult, runTool } from "./run-tool.js";
import { toolEnvironment } from "./tool-environment.js";

export type RenderOutcome =
  /** `tool` is the label of the program that rendered, e.g. `kubectl kustomize (Kustomize v5.5.0)`. */
  | { status: "rendered"; output: string; tool: string }
  /** Nothing to render or nothing to render with, e.g. "neither kustomize nor kubectl is on the PATH". */
  | { status: "skipped"; reason: string }
  /** The tool failed: one line saying why, with repository-relative paths. */
  | { status: "failed"; reason: string }
  /** The tool was not run: a kustomization names something rendering must not reach. */
  | { status: "refused"; refusal: RenderRefusal };

/** How long a rendering may take: 30 s. */
export const RENDER_TIMEOUT_MS = 30_000;
/** The most a rendering may print: 5 MiB. */
export const MAX_RENDER_OUTPUT_BYTES = 5 * 1024 * 1024;

export const NO_TOOL = "neither kustomize nor kubectl is on the PATH";

/** How many files are read at once. */
const READ_CONCURRENCY = 16;

/** The longest failure reason kept. */
const MAX_REASON_LENGTH = 500;

/** Where a file written for the tool comes from: the repository (by its listed path) or an override's text. */
type FileSource = { read: string } | { text: string };

/** A path that is not a plain relative path inside the repository. */
class RefusedPath extends Error {}

/**
 * Renders the Kustomize directory `dir` of the repository that `reader`
 * reads, with `overrides` applied (repository-relative path → new text, null
 * = deleted), by writing the repository's files (reader.listFiles("")) plus
 * overrides to a fresh temporary directory and running `tool` there; the
 * temporary directory is always removed. Refused, without running anything,
 * when a kustomization it reads names a remote location, a path outside the
 * repository or a Helm chart. Files the reader cannot read as
 * text (binary, too large) are left out. `limits` defaults to 30 s and 5 MiB.
 */
export async function renderKustomization(
  tool: KustomizeTool | null,
  reader: RepoReader,
  dir: string,
  overrides: ReadonlyMap<string, string | null> = new Map(),
  limits: Partial<RunLimits> = {},
): Promise<RenderOutcome> {
  if (tool === null) return { status: "skipped", reason: NO_TOOL };
  const root = repoRelativePath(dir);
  if (root === null || root.split("/").includes("..")) return { status: "failed", reason: `${dir} is not a directory inside the repository` };
  let files: Map<string, FileSource>;
  try {
    files = await filesToWrite(reader, overrides);
  } catch (error) {
    if (error instanceof RefusedPath || error instanceof InputError) return { status: "failed", reason: error.message };
    throw error;
  }
  if (!KUSTOMIZATION_FILES.some((name) => files.has(root === "" ? name : `${root}/${name}`))) {
    return { status: "skipped", reason: `${root === "" ? "the repository root" : root} has no kustomization.yaml` };
  }
  const refusal = await kustomizationRefusal(root, checkedFiles(reader, files));
  if (refusal !== null) return { status: "refused", refusal };
  const temp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), "promenade-render-")));
  try {
    const repoDir = path.join(temp, "repo");
    try {
      await writeFiles(reader, repoDir, files);
    } catch (error) {
      if (!isFsError(error)) throw error;
      return { status: "failed", reason: `could not write the repository's files (${error.code} on ${path.relative(repoDir, error.path ?? repoDir) || "."})` };
    }
    const result = await runTool(tool.command, [...tool.args, root === "" ? "." : root], {
      cwd: repoDir,
      env: toolEnvironment(temp),
      timeoutMs: limits.timeoutMs ?? RENDER_TIMEOUT_MS,
      maxOutputBytes: limits.maxOutputBytes ?? MAX_RENDER_OUTPUT_BYTES,
    });
    return outcome(tool, result, repoDir, limits);
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}

/** The repository's listed files with the overrides applied: path → where its text comes from. */
async function filesToWrite(reader: RepoReader, overrides: ReadonlyMap<string, string | null>): Promise<Map<string, FileSource>> {
  const files = new Map<string, FileSource>();
  for (const file of await reader.listFiles("")) files.set(checkedPath(file), { read: file });
  for (const [file, text] of overrides) {
    if (text === null) files.delete(checkedPath(file));
    else files.set(checkedPath(file), { text });
  }
  return files;
}

/** The files the tool will see, for checking its kustomizations; a file's text is read as it will be written. */
function checkedFiles(reader: RepoReader, files: ReadonlyMap<string, FileSource>): CheckedFiles {
  const directories = new Set([""]);
  for (const file of files.keys()) {
    for (let end = file.indexOf("/"); end !== -1; end = file.indexOf("/", end + 1)) directories.add(file.slice(0, end));
  }
  return {
    isFile: (file) => files.has(file),
    isDirectory: (dir) => directories.has(dir),
    read: async (file) => {
      const source = files.get(file);
      if (source === undefined) return null;
      return "text" in source ? source.text : reader.readFile(source.read).catch(skipUnreadable);
    },
  };
}

/** `file` normalised (`a//b` → `a/b`); throws RefusedPath for an absolute path, a `..` segment, a backslash or the root itself. */
function checkedPath(file: string): string {
  const normal = file.includes("\\") || file.split("/").includes("..") ? null : repoRelativePath(file);
  if (normal === null || normal === "") throw new RefusedPath(`refused to write ${JSON.stringify(file)}: not a file path inside the repository`);
  return normal;
}

/** Writes every file under `repoDir`, reading READ_CONCURRENCY at a time; files the reader refuses (binary, too large) are left out. */
async function writeFiles(reader: RepoReader, repoDir: string, files: Map<string, FileSource>): Promise<void> {
  const queue = [...files];
  const worker = async () => {
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [file, source] = next;
        const text = "text" in source ? source.text : await reader.readFile(source.read).catch(skipUnreadable);
        if (text === null) continue;
        const target = path.join(repoDir, ...file.split("/"));
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, text, { encoding: "utf8", flag: "wx" });
      }
    } catch (error) {
      queue.length = 0; // the other workers stop after their current file
      throw error;
    }
  };
  // Every worker finishes before this returns, so that nothing writes into the directory once it is being removed.
  const results = await Promise.allSettled(Array.from({ length: READ_CONCURRENCY }, worker));
  const failure = results.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}

function skipUnreadable(error: unknown): null {
  if (error instanceof InputError) return null;
  throw error;
}

function outcome(tool: KustomizeTool, result: RunResult, repoDir: string, limits: Partial<RunLimits>): RenderOutcome {
  switch (result.status) {
    case "timed out":
      return { status: "failed", reason: `${tool.label} timed out after ${seconds(limits.timeoutMs ?? RENDER_TIMEOUT_MS)}` };
    case "output too large":
      return { status: "failed", reason: `output too large (over ${bytes(limits.maxOutputBytes ?? MAX_RENDER_OUTPUT_BYTES)})` };
    case "not started":
      return { status: "failed", reason: `${tool.label} did not start: ${result.reason}` };
    case "exited":
      if (result.code === 0) return { status: "rendered", output: result.stdout, tool: tool.label };
      return {
        status: "failed",
        reason: errorLine(result.stderr, repoDir) ?? `${tool.label} exited with ${result.code === null ? `signal ${result.signal}` : `code ${result.code}`}`,
      };
  }
}

/**
 * The line of the tool's stderr that says what went wrong, with the
 * temporary directory taken out of its paths: the first `Error:` line
 * (kustomize), the `err="..."` of a log line (kubectl), or the first line.
 */
function errorLine(stderr: string, repoDir: string): string | null {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const line = lines.find((l) => /^error:/i.test(l)) ?? lines.find((l) => / err="/.test(l)) ?? lines[0];
  if (line === undefined) return null;
  const logged = / err="((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
  const message = (logged === undefined ? line.replace(/^error:\s*/i, "") : unquote(logged)).split(`${repoDir}${path.sep}`).join("").split(repoDir).join(".");
  return message.length > MAX_REASON_LENGTH ? `${message.slice(0, MAX_REASON_LENGTH - 1)}…` : message;
}

/** The text of a Go-quoted string's content (`\"` → `"`). */
function unquote(content: string): string {
  try {
    return JSON.parse(`"${content}"`) as string;
  } catch {
    return content;
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function bytes(count: number): string {
  return count % (1024 * 1024) === 0 ? `${count / (1024 * 1024)} MiB` : `${count} bytes`;
}
