/**
 * Environment directories (`environments.<name>.path`): relative POSIX paths
 * inside the repository, compared after normalisation so that `deploy/dev`,
 * `./deploy/dev/` and `deploy//dev` are the same directory.
 */
import { posix } from "node:path";

/** `./deploy//dev/` → `deploy/dev`; the repository root is `.`. */
export function normalizeRepoPath(path: string): string {
  let normal = posix.normalize(path);
  while (normal.length > 1 && normal.endsWith("/")) normal = normal.slice(0, -1);
  if (normal.startsWith("./")) normal = normal.slice(2);
  return normal;
}

/**
 * `path` as a repository-relative directory or file (`./deploy//dev/` →
 * `deploy/dev`, the root `""`), or null when it is absolute or leaves the
 * repository.
 */
export function repoRelativePath(path: string): string | null {
  const normal = posix.normalize(path === "" ? "." : path).replace(/\/+$/, "");
  if (posix.isAbsolute(normal) || normal === ".." || normal.startsWith("../")) return null;
  return normal === "." ? "" : normal;
}

/**
 * What is wrong with `path` as an environment directory, phrased as what was
 * expected; null when it is fine. Checks the text alone, not the file tree.
 */
export function environmentPathProblem(path: string): string | null {
  if (path.trim() === "") return "expected a directory path like deploy/overlays/dev";
  if (path.includes("\\")) return 'expected a path with forward slashes "/"';
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) {
    return 'expected a path relative to the repository root, without a leading "/"';
  }
  if (path.split("/").includes("..")) return 'expected a path inside the repository, without ".."';
  if (/[*?[\]{}]/.test(path)) return "expected one directory, not a glob pattern";
  return null;
}

/** True when the normalised directory `dir` is `path` itself or one of its parents. */
export function isWithinDirectory(dir: string, path: string): boolean {
  return dir === "." || path === dir || path.startsWith(`${dir}/`);
}
