/** The one `promenade/gate` check of a pull request that changes several gated environments, and the gate sections of the Promenade comment. */
import type { GateDecision } from "../gate/types.js";
import { gateCheckMarkdown, gateSectionMarkdown, type GateCheck } from "./gate.js";

/** One `promenade/gate` check for every gated environment the pull request changes. */
export function combinedCheck(gates: ReadonlyMap<string, GateDecision>): GateCheck {
  const checks = [...gates].map(([environment, decision]) => ({ environment, check: gateCheckMarkdown(environment, decision) }));
  const [only] = checks;
  if (only !== undefined && checks.length === 1) return only.check;
  return {
    conclusion: checks.every(({ check }) => check.conclusion === "success") ? "success" : "failure",
    title: checks.map(({ environment, check }) => `${environment}: ${check.title}`).join(" · "),
    summary: checks.map(({ environment, check }) => `## ${environment}\n\n${check.summary}`).join("\n\n"),
  };
}

/** The gate section of the Promenade comment for each gated environment. */
export function gateSections(gates: ReadonlyMap<string, GateDecision>): Map<string, string> {
  return new Map([...gates].map(([environment, decision]) => [environment, gateSectionMarkdown(environment, decision)]));
}
