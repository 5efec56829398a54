/**
 * The gate (`promenade/gate`): whether a pull request into a gated
 * environment may merge, from facts the caller gathered on GitHub (reviews,
 * check runs, hold, when the versions reached the source environment). Pure:
 * no GitHub, no I/O, no timers; `now` is an argument.
 */
export { candidateApprovers } from "./approvals.js";
export { evaluateGate } from "./evaluate-gate.js";
export { nextWindowOpening } from "./windows.js";
export type { GateCheckRun, GateDecision, GateInput, GateReview, RequirementStatus } from "./types.js";
