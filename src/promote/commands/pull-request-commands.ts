/** The commands about the pull request they are written on: `/check` and `/promote` (alone). */
import { checkPullRequest } from "../check-pull-request.js";
import { trustOf } from "../promotion-record.js";
import { settlePullRequest } from "../settle-pull-request.js";
import type { CommandContext, CommandResult } from "./command-context.js";
import { environmentArgument } from "./environment-argument.js";

/** `/check`: review the pull request again (policy, comment) and decide its gate. */
export async function checkCommand(context: CommandContext): Promise<CommandResult> {
  if (!context.isPullRequest) return { kind: "check-needs-pull-request" };
  const pr = await context.github.getPullRequest(context.repo, context.issueNumber);
  if (pr.state !== "open") return { kind: "pull-request-closed" };
  const outcome = await checkPullRequest(context.github, context.repo, pr, pr.baseBranch === context.at.head.branch, context.render, context.now);
  if (outcome.review.action === "skipped") return { kind: "checked-nothing", gateUpToDate: outcome.settled !== null };
  const gates = [...(outcome.settled?.gates ?? [])].map(([environment, gate]) => ({ environment, passed: gate.passed, title: gate.title }));
  return { kind: "checked", gates };
}

/**
 * `/promote` on a promotion PR: merge it now when its gate passes, else say
 * what is missing. Never a pull request Promenade did not open, or that was
 * changed since, whatever its body says; never one from a fork.
 */
export async function promoteThisCommand(context: CommandContext): Promise<CommandResult> {
  if (!context.isPullRequest) return { kind: "promote-this-needs-pull-request" };
  const pr = await context.github.getPullRequest(context.repo, context.issueNumber);
  const trust = await trustOf(context.github, context.repo, pr);
  if (trust.kind === "hand-made" || pr.fromFork) return { kind: "not-a-promotion" };
  if (trust.kind === "changed") return { kind: "changed-promotion", reason: trust.reason };
  const { data } = trust;
  if (pr.state !== "open") return { kind: "promotion-closed" };
  const argument = await environmentArgument(context, data.environment);
  if ("refusal" in argument) return argument.refusal;
  const settled = await settlePullRequest(context.github, context.repo, pr, context.now, { config: context.at.config, mergeNow: true });
  if (settled?.merged === true) return { kind: "merged", environment: data.environment };
  return { kind: "not-merged", missing: [...(settled?.gates.values() ?? [])].filter((gate) => !gate.passed).map((gate) => gate.title) };
}
