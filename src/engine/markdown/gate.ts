/**
 * The gate as Promenade shows it: a section of the Promenade comment, and the
 * `promenade/gate` check run on the head commit. Deterministic text, no clock:
 * relative times are measured from the decision's `evaluatedAt`.
 */
import { DateTime } from "luxon";
import { waitText } from "../gate/format.js";
import type { GateDecision, RequirementStatus } from "../gate/index.js";
import { codeSpan, markdownTable, plainTextWithCode } from "./syntax.js";

/** The check run that carries the gate's decision. */
export const GATE_CHECK_NAME = "promenade/gate";

/** The check run's conclusion and output. */
export interface GateCheck {
  conclusion: "success" | "failure";
  title: string;
  summary: string;
}

const MET = "✅";
const NOT_MET = "❌";

/**
 * A requirement's text (which holds hold reasons, check names, logins) as
 * one line of inert Markdown, also in a table cell: every `@login` and
 * `@org/team` as code, so naming reviewers notifies nobody (or a whole team)
 * on each edit; code spans kept; everything else plain text.
 */
function line(text: string): string {
  return plainTextWithCode(text.replace(/(^|[^\w`])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9_.-]+)?)/g, "$1`@$2`"));
}

function mark(requirement: RequirementStatus): string {
  return requirement.met ? MET : NOT_MET;
}

/** `2026-03-30T07:00:00Z`. */
function isoText(at: Date): string {
  return at.toISOString().replace(/\.000Z$/, "Z");
}

/** `Monday 30 March 2026, 07:00 UTC`, and how long after the evaluation when it is known. */
function wordsText(at: Date, decision: GateDecision): string {
  const words = DateTime.fromJSDate(at, { zone: "UTC" }).setLocale("en-GB").toFormat("cccc d LLLL yyyy, HH:mm 'UTC'");
  const evaluatedAt = decision.evaluatedAt;
  if (evaluatedAt === undefined || at < evaluatedAt) return words;
  return `${words}, in ${waitText(at.getTime() - evaluatedAt.getTime())}`;
}

/** Why the gate is looked at again, as the end of a sentence: ` when the soak ends`. */
function reasonText(decision: GateDecision): string {
  const reason = decision.nextChangeReason;
  return reason === undefined || reason === null ? "" : ` when the ${reason}`;
}

/** The sentence saying when Promenade looks at the gate again by itself; empty when it will not. */
function lookAgain(environment: string, decision: GateDecision): string {
  const at = decision.nextChangeAt;
  if (at === null) return "";
  const again = `Promenade looks at the gate of ${codeSpan(environment)} again${reasonText(decision)}`;
  return `${again}: ${isoText(at)} (${wordsText(at, decision)}).`;
}

/**
 * The gate section of the Promenade comment for `environment`:
 * "**Gate**: ✅ passed" or "**Gate**: ⏳ waiting — <title>", then a list of
 * the requirements "- ✅ …" / "- ❌ …", then when it is looked at again.
 * People and teams are named as code, not mentioned.
 */
export function gateSectionMarkdown(environment: string, decision: GateDecision): string {
  const headline = decision.passed ? `**Gate**: ${MET} passed` : `**Gate**: ⏳ waiting — ${line(decision.title)}`;
  const list = decision.requirements.map((requirement) => `- ${mark(requirement)} ${line(requirement.detail)}`).join("\n");
  return [headline, list, lookAgain(environment, decision)].filter((part) => part !== "").join("\n\n");
}

/**
 * The `promenade/gate` check run: success when the gate passed, failure
 * otherwise, with the decision's title (GitHub shows it next to the check);
 * the summary lists each requirement as met or not and says when the gate is
 * looked at again.
 */
export function gateCheckMarkdown(environment: string, decision: GateDecision): GateCheck {
  const gate = `The gate of ${codeSpan(environment)}`;
  const verdict = decision.passed ? `${MET} ${gate} passed.` : `${NOT_MET} ${gate} has not passed: ${line(decision.title)}.`;
  const rows = decision.requirements.map((requirement) => [mark(requirement), requirement.kind, line(requirement.detail)]);
  const table = markdownTable(["", "requirement", "status"], rows);
  return {
    conclusion: decision.passed ? "success" : "failure",
    title: decision.title,
    summary: [verdict, table, lookAgain(environment, decision)].filter((part) => part !== "").join("\n\n"),
  };
}

/** Why no environment with requirements is judged: none changes, or the config on the default branch is invalid. */
export interface UngatedCase {
  /** The config on the default branch is invalid. */
  invalidConfig?: boolean;
  /** The pull request changes the config file itself. */
  changesConfig?: boolean;
  /** Why Promenade will not merge this promotion PR (it was changed by hand); null or absent when that does not apply. */
  untrusted?: string | null;
}

/**
 * The `promenade/gate` check of a pull request that changes no gated
 * environment: success, so the check can be required on every pull request.
 * While the config on the default branch is invalid, failure (nothing can be
 * judged), except for a pull request that changes the config.
 */
export function ungatedCheckMarkdown(ungated: UngatedCase): GateCheck {
  if (ungated.invalidConfig === true) {
    return ungated.changesConfig === true
      ? {
          conclusion: "success",
          title: "Changes the config",
          summary: `${MET} The config on the default branch is invalid and this pull request changes it: \`promenade/config\` judges the new one.`,
        }
      : {
          conclusion: "failure",
          title: "The config on the default branch is invalid",
          summary: `${NOT_MET} The config \`.github/promenade.yml\` on the default branch is invalid, so Promenade cannot tell which environments this pull request changes or what they require. Fix it first (see the issue "Action required: fix .github/promenade.yml").`,
        };
  }
  const note = ungated.untrusted == null ? "" : `\n\nPromenade will not merge this pull request: ${line(ungated.untrusted)}.`;
  return {
    conclusion: "success",
    title: "No gated environment changes",
    summary: `${MET} This pull request changes no environment that has requirements.${note}`,
  };
}
