/** The commands about the pull request they are written on: `/check` and `/promote` (alone). */
import { plainText } from "../../engine/render/markdown.js";
import { checkPullRequest } from "../check-pull-request.js";
import { trustOf } from "../promotion-record.js";
import { settlePullRequest } from "../settle-pull-request.js";
import { type CommandContext, type CommandResult, done, refused } from "./command-context.js";
import { environmentArgument } from "./environment-argument.js";

/** `/check`: review the pull request again (policy, comment) and decide its gate. */
export async function checkCommand(context: CommandContext): Promise<CommandResult> {
  if (!context.isPullRequest) return refused("`/check` works on a pull request.");
  const pr = await context.github.getPullRequest(context.repo, context.issueNumber);
  if (pr.state !== "open") return refused("This pull request is closed.");
  const outcome = await checkPullRequest(context.github, context.repo, pr, pr.baseBranch === context.at.head.branch, context.render, context.now);
  if (outcome.review.action === "skipped") {
    const gate = outcome.settled === null ? "" : " Its `promenade/gate` check is up to date.";
    return done(`Checked: this pull request changes no environment's files.${gate}`);
  }
  const gates = [...(outcome.settled?.gates ?? [])].map(([environment, gate]) => `**${plainText(environment)}**: ${gate.passed ? "gate passed" : plainText(gate.title)}`);
  return done(["Checked again: the comment and the `promenade/policy` check are up to date.", ...gates].join("\n"));
}

/**
 * `/promote` on a promotion PR: merge it now when its gate passes, else say
 * what is missing. Never a pull request Promenade did not open, or that was
 * changed since, whatever its body says; never one from a fork.
 */
export async function promoteThisCommand(context: CommandContext): Promise<CommandResult> {
  if (!context.isPullRequest) return refused("`/promote` alone works on a promotion PR; elsewhere write `/promote <image> to <environment>`.");
  const pr = await context.github.getPullRequest(context.repo, context.issueNumber);
  const trust = await trustOf(context.github, context.repo, pr);
  if (trust.kind === "hand-made" || pr.fromFork) return refused("This is not a promotion PR: write `/promote <image> to <environment>`.");
  if (trust.kind === "changed") return refused(`Promenade does not merge this pull request: ${plainText(trust.reason)}. Write \`/promote <image> to <environment>\` to have it written again.`);
  const { data } = trust;
  if (pr.state !== "open") return refused("This promotion PR is closed.");
  const argument = await environmentArgument(context, data.environment);
  if ("refusal" in argument) return argument.refusal;
  const settled = await settlePullRequest(context.github, context.repo, pr, context.now, { config: context.at.config, mergeNow: true });
  if (settled?.merged === true) return done(`Merged into **${plainText(data.environment)}**.`);
  const missing = [...(settled?.gates.values() ?? [])].filter((gate) => !gate.passed).map((gate) => gate.title);
  return refused(`Not merged yet: ${missing.length > 0 ? plainText(missing.join("; ")) : "its checks have not all passed, or GitHub refused the merge (branch protection)"}.`);
}
