/** Other check runs that must have succeeded on the head commit (`requires.checks`). */
import type { GateCheckRun, RequirementStatus } from "./types.js";

/** How a completed run that did not succeed is named, by conclusion. */
const CONCLUSION_TEXT: Readonly<Record<string, string>> = {
  failure: "failed",
  cancelled: "was cancelled",
  timed_out: "timed out",
  action_required: "needs action",
  stale: "is stale",
  startup_failure: "failed to start",
};

/** Conclusions that pass, as for GitHub's own required status checks (a workflow skipped by a path filter does not block). */
const PASSING = new Set(["success", "neutral", "skipped"]);

/** What is wrong with check `name`; null when its latest run passed. `runs` are listed newest first. */
function checkProblem(name: string, runs: readonly GateCheckRun[]): string | null {
  const run = runs.find((candidate) => candidate.name === name);
  if (run === undefined) return `${name} has not run`;
  if (run.status !== "completed") return `${name} pending`;
  if (run.conclusion !== null && PASSING.has(run.conclusion)) return null;
  return `${name} ${(run.conclusion === null ? undefined : CONCLUSION_TEXT[run.conclusion]) ?? "has not succeeded"}`;
}

/** The required-checks requirement; null when no check is required. */
export function checksStatus(required: readonly string[], runs: readonly GateCheckRun[]): RequirementStatus | null {
  if (required.length === 0) return null;
  const problems = required.map((name) => checkProblem(name, runs)).filter((problem) => problem !== null);
  const passed = required.filter((name) => checkProblem(name, runs) === null);
  const detail = [...(passed.length > 0 ? [`${passed.join(", ")} succeeded`] : []), ...problems].join("; ");
  return problems.length === 0 ? { kind: "checks", met: true, detail } : { kind: "checks", met: false, detail, missing: problems.join(", ") };
}
