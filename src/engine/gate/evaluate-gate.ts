/** The gate's decision for a pull request into a gated environment, at one instant. Pure: the caller gathers the facts. */
import { approvalsStatus } from "./approvals.js";
import { blockedStatus } from "./blocked-versions.js";
import { checksStatus } from "./checks.js";
import { healthStatus } from "./health.js";
import { holdStatus, policyStatus } from "./hold-policy.js";
import { integrityStatus } from "./integrity.js";
import { soakStatus } from "./soak.js";
import type { GateChangeReason, GateDecision, GateInput, RequirementStatus } from "./types.js";
import { windowStatus } from "./windows.js";

/** What it means when a requirement changes by itself. */
function changeReason(requirement: RequirementStatus): GateChangeReason {
  if (requirement.kind === "soak") return "soak ends";
  return requirement.met ? "window closes" : "window opens";
}

/**
 * Whether the pull request described by `input` may merge at `now`: every
 * requirement that applies, in a fixed order (integrity, approvals, soak,
 * health, window, hold, blocked, checks, policy), the check title, and when to look again.
 */
export function evaluateGate(input: GateInput, now: Date): GateDecision {
  const requirements = [
    integrityStatus(input.tampered),
    approvalsStatus(input),
    soakStatus(input, now),
    healthStatus(input),
    windowStatus(input.requires.windows, now),
    holdStatus(input.environment, input.hold),
    blockedStatus(input.environment, input.blocked),
    checksStatus(input.requires.checks, input.checkRuns),
    policyStatus(input.policyErrors),
  ].filter((requirement) => requirement !== null);
  const passed = requirements.every((requirement) => requirement.met);
  const missing = requirements.flatMap((requirement) => (requirement.met || requirement.missing === undefined ? [] : [requirement.missing]));
  let next: RequirementStatus | null = null;
  for (const requirement of requirements) {
    const at = requirement.changesAt;
    if (at !== undefined && (next?.changesAt === undefined || at < next.changesAt)) next = requirement;
  }
  return {
    passed,
    requirements,
    title: passed ? "Gate passed" : missing.join("; "),
    nextChangeAt: next?.changesAt ?? null,
    nextChangeReason: next === null ? null : changeReason(next),
    evaluatedAt: now,
  };
}
