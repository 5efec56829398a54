/** A CEL rule of the config (`name`, `match`, `cel`, `message`), evaluated on the Kubernetes objects of an environment. */
import type { CelPolicy } from "../config/schema.js";
import { type CelProgram, celErrorReason } from "./cel-expression.js";
import type { Manifest } from "./manifests.js";
import type { RuleOutcome, Violation } from "./policy-report.js";
import { runWithin } from "./time-limit.js";

/**
 * How long one rule may take over one environment's objects, in
 * milliseconds: far beyond what a condition over thousands of objects
 * needs, and short enough that a runaway expression holds up nothing else
 * for long nor grows memory far.
 */
export const CEL_RULE_TIME_LIMIT_MS = 250;

/**
 * Evaluates `program` (the rule's compiled `cel`) on every object that
 * `policy.match` selects. False gives a finding with the rule's message at
 * the object's first line; an expression that fails on an object (a missing
 * field, a wrong type) or gives something other than true or false gives a
 * finding saying why it could not be evaluated. When the objects take the
 * rule longer than CEL_RULE_TIME_LIMIT_MS, evaluation stops there: one
 * finding, at the object it stopped on, says so, and the objects after it
 * are not checked.
 */
export function runCelRule(policy: CelPolicy, program: CelProgram, manifests: readonly Manifest[]): RuleOutcome {
  const matching = manifests.filter((manifest) => matches(policy.match, manifest));
  const problems: (string | null)[] = [];
  runWithin(CEL_RULE_TIME_LIMIT_MS, () => {
    for (const manifest of matching) problems.push(evaluate(policy, program, manifest));
  });
  const violations = problems.flatMap((problem, i): Violation[] => (problem === null ? [] : [at(matching[i] as Manifest, problem)]));
  const stopped = matching[problems.length];
  if (stopped !== undefined) violations.push(at(stopped, overTime(policy, matching.length - problems.length)));
  return { description: policy.message, checked: problems.length, checkedUnit: "object", violations };
}

function at(manifest: Manifest, message: string): Violation {
  return { message, file: manifest.file, line: manifest.line, object: manifest.label };
}

/** The finding of a rule stopped for taking too long, with `unchecked` objects left (this one included). */
function overTime(policy: CelPolicy, unchecked: number): string {
  const left = unchecked === 1 ? "this object" : `this object and ${unchecked - 1} more`;
  return `could not be evaluated (the rule ran past its time limit of ${CEL_RULE_TIME_LIMIT_MS} ms on this environment's objects, leaving ${left} unchecked: simplify the expression or narrow the rule with match); the rule wants: ${policy.message}`;
}

/** The finding's message for one object, or null when the expression is true. */
function evaluate(policy: CelPolicy, program: CelProgram, manifest: Manifest): string | null {
  let value: unknown;
  try {
    value = program(manifest.object);
  } catch (error) {
    return `could not be evaluated (${celErrorReason(error)}); the rule wants: ${policy.message}`;
  }
  if (value === true) return null;
  if (value === false) return policy.message;
  return `could not be evaluated (the expression gave ${celTypeOf(value)}, not true or false); the rule wants: ${policy.message}`;
}

function matches(match: CelPolicy["match"], manifest: Manifest): boolean {
  if (match === undefined) return true;
  return (
    (match.kind === undefined || match.kind === manifest.kind) &&
    (match.name === undefined || match.name === manifest.name) &&
    (match.namespace === undefined || match.namespace === manifest.namespace)
  );
}

/** The CEL type name of a value an expression gave. */
function celTypeOf(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "bigint") return "an int";
  if (typeof value === "number") return "a double";
  if (typeof value === "string") return "a string";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a map" : typeof value;
}
