/** The policy engine (SPEC sections 2 and 4): built-in policies and CEL rules evaluated on an environment's files, with no GitHub access. */
export { evaluatePolicies } from "./evaluate-policies.js";
export {
  hasErrors,
  type CheckedUnit,
  type PolicyFinding,
  type PolicyReport,
  type PolicyResult,
} from "./policy-report.js";
export { celCompileError } from "./cel-expression.js";
