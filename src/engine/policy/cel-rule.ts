/** A CEL rule of the config (`name`, `match`, `cel`, `message`), evaluated on the Kubernetes objects of an environment. */
import type { CelPolicy } from "../config/schema.js";
import { type CelProgram, celErrorReason } from "./cel-expression.js";
import type { Manifest } from "./manifests.js";
import type { RuleOutcome, Violation } from "./policy-report.js";

/**
 * Evaluates `program` (the rule's compiled `cel`) on every object that
 * `policy.match` selects. False gives a finding with the rule's message at
 * the object's first line; an expression that fails on an object (a missing
 * field, a wrong type) or gives something other than true or false gives a
 * finding saying why it could not be evaluated.
 */
export function runCelRule(policy: CelPolicy, program: CelProgram, manifests: readonly Manifest[]): RuleOutcome {
  const matching = manifests.filter((manifest) => matches(policy.match, manifest));
  const violations = matching.flatMap((manifest): Violation[] => {
    const problem = evaluate(policy, program, manifest);
    return problem === null ? [] : [{ message: problem, file: manifest.file, line: manifest.line, object: manifest.label }];
  });
  return { description: policy.message, checked: matching.length, checkedUnit: "object", violations };
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
