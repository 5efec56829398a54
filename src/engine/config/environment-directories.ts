/**
 * Whether each environment's directory is in the repository. Validation
 * reads only the file, so a caller that can see the repository's tree (the
 * command line, on a checkout) asks which directories the file names, looks
 * them up, and passes a lookup of what it found to validation.
 */
import { environmentPathProblem, normalizeRepoPath } from "./environment-path.js";
import type { PathIssue } from "./format-issues.js";
import { isMapping } from "./mapping.js";

/** True when the repository has the directory `dir` (normalised, `.` for the root). */
export type DirectoryLookup = (dir: string) => boolean;

/** Each environment with a well-formed `path` in `input` (the parsed YAML), and that path normalised. */
function environmentPaths(input: unknown): { name: string; dir: string }[] {
  if (!isMapping(input) || !isMapping(input.environments)) return [];
  return Object.entries(input.environments).flatMap(([name, environment]) =>
    isMapping(environment) && typeof environment.path === "string" && environmentPathProblem(environment.path) === null
      ? [{ name, dir: normalizeRepoPath(environment.path) }]
      : [],
  );
}

/** The directories the environments of `input` name, normalised, each once. */
export function environmentDirectories(input: unknown): string[] {
  return [...new Set(environmentPaths(input).map(({ dir }) => dir))];
}

/** A problem at `environments.<name>.path` for each environment whose directory `exists` does not know. */
export function checkEnvironmentDirectories(input: unknown, exists: DirectoryLookup): PathIssue[] {
  return environmentPaths(input)
    .filter(({ dir }) => !exists(dir))
    .map(({ name }) => ({ path: ["environments", name, "path"], message: "no such directory in the repository" }));
}
