/**
 * Turns zod's issues into problems a user can act on: the key path and what
 * was expected (`expected a duration like 30m, 2h or 1d`), and, for a value
 * of the wrong type, which kind of value was found (`got a list`), never
 * the value itself: problems are shown in check runs and issues, and a value
 * may come from a base config the reader cannot see. The schema's own error
 * texts say what was expected; this file adds the kind found, gives every
 * unknown key its own problem with a "did you mean", and picks, for a value
 * that matches no branch of a union, the branch the user most likely meant.
 */
import type { z } from "zod";
import type { KeyPath } from "./key-path.js";
import { didYouMean } from "./suggest.js";
import { isMapping } from "./mapping.js";

/** A problem at a key path, before the path is formatted. */
export interface PathIssue {
  path: KeyPath;
  message: string;
}

type ZodIssue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

/** The parts of zod's schema definitions that the key lookup walks. */
interface SchemaDef {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  in?: Schema;
  element?: Schema;
  valueType?: Schema;
  options?: Schema[];
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "nonoptional", "catch", "pipe"]);

function defOf(schema: Schema): SchemaDef {
  return schema._zod.def as unknown as SchemaDef;
}

/** The schema without optional/default/… wrappers around it. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = WRAPPERS.has(def.type) ? (def.innerType ?? def.in) : undefined;
    if (inner === undefined) return current;
    current = inner;
  }
}

/**
 * The schemas that may validate the value at `path` below `schema`,
 * unwrapped: one, or several where the path runs through a union.
 */
function schemasAt(schema: Schema, path: readonly PropertyKey[]): Schema[] {
  const current = unwrap(schema);
  const def = defOf(current);
  if (def.type === "union") return (def.options ?? []).flatMap((option) => schemasAt(option, path));
  if (path.length === 0) return [current];
  const [segment, ...rest] = path;
  let next: Schema | undefined;
  if (def.type === "object" && typeof segment === "string") next = def.shape?.[segment];
  else if (def.type === "array") next = def.element;
  else if (def.type === "record") next = def.valueType;
  return next === undefined ? [] : schemasAt(next, rest);
}

/** The keys of the object schema at `path` that best fits `input` (the one that knows most of its keys). */
function knownKeys(schema: Schema, path: readonly PropertyKey[], input: unknown): string[] {
  const present = isMapping(input) ? Object.keys(input) : [];
  let best: string[] = [];
  let bestScore = -1;
  for (const candidate of schemasAt(schema, path)) {
    const keys = Object.keys(defOf(candidate).shape ?? {});
    const score = present.filter((key) => keys.includes(key)).length;
    if (keys.length > 0 && score > bestScore) {
      best = keys;
      bestScore = score;
    }
  }
  return best;
}

/** The kind of a value, never the value: `text`, `a number`, `an empty list`. */
function describeKind(value: unknown): string {
  if (typeof value === "string") return value === "" ? "empty text" : "text";
  if (typeof value === "number" || typeof value === "bigint") return "a number";
  if (typeof value === "boolean") return "true or false";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (isMapping(value)) return Object.keys(value).length === 0 ? "an empty mapping" : "a mapping";
  return typeof value;
}

/**
 * `expected X` as the problem: `missing (expected X)` when nothing was there,
 * `expected X, got <kind>` when the value has the wrong type (`kindMatters`).
 */
function withFound(expected: string, input: unknown, kindMatters: boolean): string {
  if (input === undefined) return `missing (${expected})`;
  return kindMatters ? `${expected}, got ${describeKind(input)}` : expected;
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  record: "a mapping",
};

/**
 * What was expected, for issues whose schema gives no text of its own. Passed
 * to zod as the per-parse error map; the schema's own texts take precedence.
 */
export function expectedText(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`;
    case "too_small":
      if (issue.origin === "string") return issue.minimum === 1 ? "expected text that is not empty" : `expected at least ${issue.minimum} characters`;
      if (issue.origin === "array") return `expected at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`;
      return `expected ${issue.minimum} or more`;
    case "too_big":
      if (issue.origin === "string") return `expected at most ${issue.maximum} characters`;
      if (issue.origin === "array") return `expected at most ${issue.maximum} items`;
      return `expected ${issue.maximum} or less`;
    case "invalid_format":
      return issue.format === "regex" && "pattern" in issue ? `expected text matching ${String(issue.pattern)}` : `expected a valid ${issue.format}`;
    default:
      return "expected something else";
  }
}

/**
 * The problems in zod's `issues`, found while parsing with `schema` (which
 * sits at `base` inside the file). Parse with `reportInput: true` so that
 * each problem can tell a missing value and say which kind was found.
 */
export function formatZodIssues(issues: readonly ZodIssue[], schema: Schema, base: KeyPath = []): PathIssue[] {
  const problems: PathIssue[] = [];
  for (const issue of issues) {
    const path: KeyPath = [...base, ...issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment))];
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(schema, issue.path, issue.input);
      for (const key of issue.keys) {
        problems.push({
          path: [...path, key],
          message: known.length === 0 ? "unknown key" : `unknown key${didYouMean(key, known)}; expected one of: ${known.join(", ")}`,
        });
      }
    } else if (issue.code === "invalid_union" && isMapping(issue.input)) {
      problems.push(...likeliestBranch(issue, schemasAt(schema, issue.path), path));
    } else {
      problems.push({ path, message: withFound(issue.message, issue.input, issue.code === "invalid_type" || issue.code === "invalid_union") });
    }
  }
  return problems;
}

/**
 * For a mapping that matched no branch of a union, the problems of the branch
 * that found the fewest (ties go to the earlier branch): a policy with
 * `builtin:` is judged as a built-in policy, one with `name`/`cel` as a rule.
 * `options` are the union's options in order (none of ours is itself a union).
 */
function likeliestBranch(issue: z.core.$ZodIssueInvalidUnion, options: Schema[], path: KeyPath): PathIssue[] {
  let best: PathIssue[] | undefined;
  issue.errors.forEach((branchIssues, i) => {
    const branch = options[i];
    if (branch === undefined) return;
    const problems = formatZodIssues(branchIssues, branch, path);
    if (best === undefined || problems.length < best.length) best = problems;
  });
  return best ?? [{ path, message: withFound(issue.message, issue.input, true) }];
}
