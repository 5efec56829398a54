/**
 * CEL expressions of policy rules (github.com/google/cel-spec), through
 * @marcbachmann/cel-js. An expression sees one variable, `object`: the
 * Kubernetes object as plain data, integers as bigints (CEL `int`) and other
 * numbers as numbers (CEL `double`), so `object.spec.replicas >= 2` compares
 * ints.
 */
import { Environment } from "@marcbachmann/cel-js";

/** Types an expression may have: a condition, or `dyn` (e.g. `object.spec.paused`) that must turn out true or false. */
const CONDITION_TYPES = new Set(["bool", "dyn"]);

const environment = new Environment().registerVariable("object", "dyn");

/** A compiled expression: evaluates against one object and returns what the expression gives; throws when it cannot be evaluated. */
export type CelProgram = (object: Record<string, unknown>) => unknown;

/** The longest expression a rule may have, in characters: a rule is a condition, not a program. */
export const MAX_CEL_LENGTH = 1000;

/**
 * What is wrong with `expression` as a rule's `cel`, in one line; null when
 * it compiles. Too long, does not parse, names something other than
 * `object`, cannot type-check, or is not a condition. Said in fixed words
 * and a position, never quoting the expression. Used by config validation.
 */
export function celCompileError(expression: string): string | null {
  if (expression.length > MAX_CEL_LENGTH) return `expected an expression of at most ${MAX_CEL_LENGTH} characters`;
  const result = environment.check(expression);
  if (!result.valid) {
    const error = result.error as (Error & { code?: string; range?: { start: number } }) | undefined;
    const reason = compileProblem(error);
    return `does not compile: ${error?.range === undefined ? reason : `${reason} (${position(expression, error.range.start)})`}`;
  }
  if (result.type !== undefined && !CONDITION_TYPES.has(result.type)) {
    return `expected a condition that is true or false, got an expression of type ${result.type}`;
  }
  return null;
}

/** The kind of a compile error, from its code: the library's message may quote the expression. */
function compileProblem(error: (Error & { code?: string }) | undefined): string {
  if (error?.code === "limit_exceeded") return "too large or nested too deeply";
  if (error?.code === "invalid_macro_argument") return "a macro (all, exists, exists_one, map, filter) with arguments it does not take";
  if (error?.name === "ParseError") return "a syntax error";
  if (error?.code === "unknown_variable") return "an unknown variable (only object, and the variable a macro names, are known)";
  return "values whose types do not fit together";
}

/** Compiles `expression` once, to evaluate on many objects. Throws when it does not compile: check with `celCompileError` first. */
export function compileCel(expression: string): CelProgram {
  const program = environment.parse(expression);
  return (object) => program({ object }) as unknown;
}

/** Why evaluating an expression failed, in one line. */
export function celErrorReason(error: unknown): string {
  if (error instanceof Error) return (error as Error & { summary?: string }).summary ?? firstLine(error.message);
  return String(error);
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? text).trim();
}

/** `column 8`, or `line 2, column 3` for an expression on several lines, of a 0-based offset. */
function position(expression: string, offset: number): string {
  const before = expression.slice(0, offset).split("\n");
  const column = (before.at(-1)?.length ?? 0) + 1;
  return before.length === 1 ? `column ${column}` : `line ${before.length}, column ${column}`;
}
