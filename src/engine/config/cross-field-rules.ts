/**
 * Checks that involve more than one field of `.github/promenade.yml`:
 * environment names, `from` naming an unknown environment, a soak without
 * `from`, cycles through
 * `from`, overlapping environment directories, policies naming unknown
 * environments, `registries` on the right built-in policy, duplicate
 * image and rule names, and CEL expressions that are too long or do not
 * compile.
 *
 * They read the file as parsed from YAML, not as validated by the schema, so
 * that they run (and their problems are reported) even when other parts of
 * the file are invalid: a user sees every problem at once. Values of the
 * wrong type are skipped here; the schema reports them. Problems name keys
 * (environment names are keys) and never repeat a value.
 */
import { normalizeImageName } from "../images/image-name.js";
import { celCompileError } from "../policy/cel-expression.js";
import { environmentPathProblem, isWithinDirectory, normalizeRepoPath } from "./environment-path.js";
import type { PathIssue } from "./format-issues.js";
import { formatKeyPath } from "./key-path.js";
import { ENVIRONMENT_NAME_PATTERN } from "./schema.js";
import { didYouMean } from "./suggest.js";
import { isMapping, type Mapping } from "./mapping.js";

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Every cross-field problem of `input` (the parsed YAML of the whole file). */
export function crossFieldIssues(input: unknown): PathIssue[] {
  if (!isMapping(input)) return [];
  const environments = isMapping(input.environments) ? input.environments : undefined;
  return [
    ...(environments === undefined
      ? []
      : [
          ...checkEnvironmentNames(environments),
          ...checkFrom(environments),
          ...checkSoakHasFrom(environments),
          ...checkCycles(environments),
          ...checkPathOverlaps(environments),
        ]),
    ...checkImages(input.images),
    ...checkPolicies(input.policies, environments),
  ];
}

function checkEnvironmentNames(environments: Mapping): PathIssue[] {
  return Object.keys(environments)
    .filter((name) => !ENVIRONMENT_NAME_PATTERN.test(name))
    .map((name) => ({
      path: ["environments", name],
      message: 'expected an environment name of letters, digits, ".", "_" and "-" that can be part of a branch name (promenade/<env>/...)',
    }));
}

/** The known names, with a suggestion when `name` looks like a typo of one; `name` itself is not repeated. */
function unknownEnvironment(name: string, known: string[]): string {
  return `unknown environment${didYouMean(name, known)}; expected one of: ${known.join(", ")}`;
}

/** `from` of each environment, where it is a string. */
function fromOf(environments: Mapping): Map<string, string> {
  const from = new Map<string, string>();
  for (const [name, environment] of Object.entries(environments)) {
    if (isMapping(environment) && typeof environment.from === "string") from.set(name, environment.from);
  }
  return from;
}

function checkFrom(environments: Mapping): PathIssue[] {
  const known = Object.keys(environments);
  return [...fromOf(environments)]
    .filter(([, from]) => !Object.hasOwn(environments, from))
    .map(([name, from]) => ({ path: ["environments", name, "from"], message: unknownEnvironment(from, known) }));
}

/** A soak is measured in the `from` environment, so an environment without `from` cannot have one. */
function checkSoakHasFrom(environments: Mapping): PathIssue[] {
  return Object.entries(environments)
    .filter(
      ([, environment]) =>
        isMapping(environment) && environment.from === undefined && isMapping(environment.requires) && Object.hasOwn(environment.requires, "soak"),
    )
    .map(([name]) => ({
      path: ["environments", name, "requires", "soak"],
      message: 'expected no soak on an environment without "from": a soak is how long a version ran in the environment it is promoted from',
    }));
}

/**
 * Each cycle once, reported at the `from` of the cycle's environment that
 * comes first in the file, and named in the direction of promotion starting
 * there: `dev → staging → dev`.
 */
function checkCycles(environments: Mapping): PathIssue[] {
  const from = fromOf(environments);
  const order = Object.keys(environments);
  const done = new Set<string>();
  const problems: PathIssue[] = [];
  for (const start of order) {
    const chain: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !done.has(current) && !chain.includes(current)) {
      chain.push(current);
      const next = from.get(current);
      current = next !== undefined && Object.hasOwn(environments, next) ? next : undefined;
    }
    if (current !== undefined && !done.has(current)) {
      // `chain` runs against promotion (each entry's `from` is the next); the cycle is its tail from `current`.
      const cycle = chain.slice(chain.indexOf(current)).reverse();
      const first = [...cycle].sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] as string;
      const at = cycle.indexOf(first);
      const named = [...cycle.slice(at), ...cycle.slice(0, at), first];
      problems.push({
        path: ["environments", first, "from"],
        message: `"from" makes a cycle: ${named.join(" → ")}; the first environment of a promotion chain has no "from"`,
      });
    }
    for (const name of chain) done.add(name);
  }
  return problems;
}

/** Two environments may not share a directory, nor may one's directory hold another's. */
function checkPathOverlaps(environments: Mapping): PathIssue[] {
  const seen: { name: string; path: string }[] = [];
  const problems: PathIssue[] = [];
  for (const [name, environment] of Object.entries(environments)) {
    if (!isMapping(environment) || typeof environment.path !== "string") continue;
    if (environmentPathProblem(environment.path) !== null) continue;
    const path = normalizeRepoPath(environment.path);
    for (const other of seen) {
      const where = formatKeyPath(["environments", other.name, "path"]);
      let relation: string | undefined;
      if (path === other.path) relation = `the same directory as ${where}`;
      else if (isWithinDirectory(other.path, path)) relation = `inside the directory of ${where}`;
      else if (isWithinDirectory(path, other.path)) relation = `around the directory of ${where}`;
      if (relation !== undefined) {
        problems.push({
          path: ["environments", name, "path"],
          message: `${relation}; expected a directory of its own, not overlapping another environment's`,
        });
      }
    }
    seen.push({ name, path });
  }
  return problems;
}

function checkImages(images: unknown): PathIssue[] {
  const problems: PathIssue[] = [];
  const seen = new Map<string, number>();
  list(images).forEach((image, i) => {
    if (!isMapping(image) || typeof image.name !== "string" || image.name === "") return;
    const normal = normalizeImageName(image.name);
    const first = seen.get(normal);
    if (first === undefined) {
      seen.set(normal, i);
      return;
    }
    problems.push({
      path: ["images", i, "name"],
      message: `duplicate image: ${formatKeyPath(["images", first, "name"])} names the same image; expected each image once`,
    });
  });
  return problems;
}

function checkPolicies(policies: unknown, environments: Mapping | undefined): PathIssue[] {
  const problems: PathIssue[] = [];
  const names = new Map<string, number>();
  const known = environments === undefined ? undefined : Object.keys(environments);
  list(policies).forEach((policy, i) => {
    if (!isMapping(policy)) return;
    if (typeof policy.builtin === "string") {
      if (policy.builtin === "allowed-registries" && !Object.hasOwn(policy, "registries")) {
        problems.push({
          path: ["policies", i, "registries"],
          message: "missing (expected the registries images may come from, like [ghcr.io/acme], for allowed-registries)",
        });
      } else if (policy.builtin !== "allowed-registries" && Object.hasOwn(policy, "registries")) {
        problems.push({
          path: ["policies", i, "registries"],
          message: "only allowed-registries takes registries",
        });
      }
    }
    if (typeof policy.cel === "string" && policy.cel !== "") {
      const problem = celCompileError(policy.cel);
      if (problem !== null) problems.push({ path: ["policies", i, "cel"], message: problem });
    }
    if (typeof policy.name === "string" && !Object.hasOwn(policy, "builtin")) {
      const first = names.get(policy.name);
      if (first === undefined) names.set(policy.name, i);
      else {
        problems.push({
          path: ["policies", i, "name"],
          message: `duplicate rule name: ${formatKeyPath(["policies", first, "name"])} has the same name; expected a name of its own`,
        });
      }
    }
    if (known !== undefined) {
      list(policy.environments).forEach((name, j) => {
        if (typeof name === "string" && name !== "" && !known.includes(name)) {
          problems.push({ path: ["policies", i, "environments", j], message: unknownEnvironment(name, known) });
        }
      });
    }
  });
  return problems;
}
