/** The hold (`/hold`) and the policy verdict (`promenade/policy`) as requirements of the gate. */
import { plural } from "../markdown/syntax.js";
import { mention, utcText } from "./format.js";
import type { GateHold, RequirementStatus } from "./types.js";

/** The hold requirement: met unless the environment is held. */
export function holdStatus(environment: string, hold: GateHold | null): RequirementStatus {
  if (hold === null) return { kind: "hold", met: true, detail: `${environment} is not held` };
  const reason = hold.reason?.trim() ?? "";
  const because = reason === "" ? "" : `: ${reason}`;
  return {
    kind: "hold",
    met: false,
    detail: `${environment} held by ${mention(hold.by)} since ${utcText(hold.at)}${because} (\`/unhold ${environment}\` resumes)`,
    missing: `held by ${mention(hold.by)}${because}`,
  };
}

/** The policy requirement: no error-severity finding on the head. */
export function policyStatus(errors: number | null): RequirementStatus {
  if (errors === null) {
    return { kind: "policy", met: false, detail: "policies not evaluated on this head commit yet", missing: "policy not evaluated yet" };
  }
  if (errors > 0) {
    const missing = plural(errors, "policy error");
    return { kind: "policy", met: false, detail: `${missing} (see promenade/policy)`, missing };
  }
  return { kind: "policy", met: true, detail: "no policy errors" };
}
