/** `/hold <env> [reason]` and `/unhold <env>`: stop and resume promotions into an environment; its gate fails while held. */
import type { CommandContext, CommandResult } from "./command-context.js";
import { environmentArgument } from "./environment-argument.js";
import { changeHolds } from "../holds.js";
import { settleOpenPromotions } from "./settle-open-promotions.js";

/** Holds `environmentText` with `reason`, then settles its open promotion PRs (their gates now fail). */
export async function holdCommand(context: CommandContext, environmentText: string, reason: string | null): Promise<CommandResult> {
  const argument = await environmentArgument(context, environmentText);
  if ("refusal" in argument) return argument.refusal;
  const { environment } = argument;
  const hold = { environment, by: context.commenter, reason, at: context.now.toISOString() };
  await changeHolds(context.github, context.repo, { hold }, Object.keys(context.at.config.environments));
  await settleOpenPromotions(context, environment);
  return { kind: "held", environment, reason };
}

/** Lifts the hold of `environmentText` (the commenter among its reviewers, when it has some), then settles its open promotion PRs. */
export async function unholdCommand(context: CommandContext, environmentText: string): Promise<CommandResult> {
  const argument = await environmentArgument(context, environmentText);
  if ("refusal" in argument) return argument.refusal;
  const { environment } = argument;
  if (!context.at.holds.has(environment)) return { kind: "not-held", environment };
  await changeHolds(context.github, context.repo, { lift: environment }, Object.keys(context.at.config.environments));
  await settleOpenPromotions(context, environment);
  return { kind: "unheld", environment };
}
