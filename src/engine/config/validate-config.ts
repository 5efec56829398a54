/**
 * Validation of the config as data (already parsed from YAML, or merged with
 * an `_extends` base by a loader): the schema, then the cross-field checks,
 * every problem collected and listed in the order of the file.
 */
import { ConfigError, type ConfigIssue } from "../errors.js";
import { crossFieldIssues } from "./cross-field-rules.js";
import { checkEnvironmentDirectories, type DirectoryLookup } from "./environment-directories.js";
import { expectedText, formatZodIssues, type PathIssue } from "./format-issues.js";
import { formatKeyPath, type KeyPath } from "./key-path.js";
import { configSchema, type Config } from "./schema.js";
import { isMapping } from "./mapping.js";

/**
 * The config in `input`, with defaults applied; throws ConfigError naming
 * `file` with every problem found. With `directories`, which answers for the
 * repository the file is in, an environment whose directory is not there is
 * a problem too.
 */
export function validateConfig(input: unknown, file: string, directories?: DirectoryLookup): Config {
  if (input === null || input === undefined) {
    throw new ConfigError(file, [{ path: "", message: "the file is empty; expected a mapping with at least environments" }]);
  }
  if (!isMapping(input)) {
    throw new ConfigError(file, [
      {
        path: "",
        message: `expected a mapping (environments, images, pullRequests, policies, commands) at the top level, got ${Array.isArray(input) ? "a list" : "a single value"}`,
      },
    ]);
  }
  const result = configSchema.safeParse(input, { reportInput: true, error: expectedText });
  const problems = [
    ...(result.success ? [] : formatZodIssues(result.error.issues, configSchema)),
    ...crossFieldIssues(input),
    ...(directories === undefined ? [] : checkEnvironmentDirectories(input, directories)),
  ];
  if (result.success && problems.length === 0) return result.data;
  throw new ConfigError(file, inFileOrder(problems, input).map(toConfigIssue));
}

function toConfigIssue(problem: PathIssue): ConfigIssue {
  return { path: formatKeyPath(problem.path), message: problem.message, keys: problem.path };
}

/**
 * Where `path` is in the file, as positions of keys in their mappings (the
 * order YAML gave them) and of items in their lists. A key that is not in
 * the file (a missing one) sorts after its mapping's keys.
 */
function positionOf(input: unknown, path: KeyPath): number[] {
  const position: number[] = [];
  let value: unknown = input;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === "number") {
      position.push(segment);
      value = value[segment];
    } else if (isMapping(value)) {
      const keys = Object.keys(value);
      const at = keys.indexOf(String(segment));
      position.push(at === -1 ? keys.length : at);
      value = at === -1 ? undefined : value[String(segment)];
    } else {
      position.push(Number.MAX_SAFE_INTEGER);
      value = undefined;
    }
  }
  return position;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function inFileOrder(problems: PathIssue[], input: unknown): PathIssue[] {
  return problems
    .map((problem) => ({ problem, position: positionOf(input, problem.path) }))
    .sort((a, b) => compare(a.position, b.position))
    .map(({ problem }) => problem);
}
