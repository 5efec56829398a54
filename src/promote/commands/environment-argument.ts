/** The environment a command names, after checking it exists and that the commenter may act on it. */
import { resolveEnvironment } from "../../engine/plan/resolve-name.js";
import { missingReviewer } from "./authorize.js";
import { type CommandContext, type CommandResult, unresolved } from "./command-context.js";

/** The environment `text` names, or the refusal: unknown (with the nearest name), or the commenter is not among its reviewers. */
export async function environmentArgument(context: CommandContext, text: string): Promise<{ environment: string } | { refusal: CommandResult }> {
  const { config } = context.at;
  const resolved = resolveEnvironment(text, Object.keys(config.environments));
  if (!resolved.ok) return { refusal: unresolved(resolved) };
  const reason = await missingReviewer(context.github, resolved.name, config.environments[resolved.name]?.requires?.reviewers, context.commenter);
  return reason === null ? { environment: resolved.name } : { refusal: reason };
}
