/** `/promote <image> to <env>`: open or refresh the promotion PR of one image into an environment, from the environment it is promoted from. */
import { environmentsToScan } from "../changed-environments.js";
import { environmentReferences } from "../../engine/plan/environment-references.js";
import { planEnvironmentChange } from "../../engine/plan/plan-environment-change.js";
import { promotedImages } from "../../engine/plan/promoted-images.js";
import { resolveImage } from "../../engine/plan/resolve-name.js";
import { openPromotions } from "../open-promotions.js";
import { type CommandContext, type CommandResult, unresolved } from "./command-context.js";
import { environmentArgument } from "./environment-argument.js";

/**
 * Steps:
 *
 * 1. The environment: known, the commenter among its reviewers, promoted from another one, not held.
 * 2. The image, among the promoted images.
 * 3. Plan the promotions from the source environment, this image allowed to go back to an older version (titled
 *    `Downgrade …`), no version blocked there proposed; keep the one into this environment that moves the image, or say why
 *    there is none (a blocked version: who blocked it, and `/unblock`).
 * 4. Open or update its PR, the commenter recorded as who triggered it.
 */
export async function promoteCommand(context: CommandContext, imageText: string, environmentText: string): Promise<CommandResult> {
  const argument = await environmentArgument(context, environmentText);
  if ("refusal" in argument) return argument.refusal;
  const { environment } = argument;
  const { at } = context;
  const from = at.config.environments[environment]?.from;
  if (from === undefined) return { kind: "no-source", environment };
  const hold = at.holds.get(environment);
  if (hold !== undefined) return { kind: "environment-held", environment, by: hold.by, reason: hold.reason };
  const envRefs = await environmentReferences(at.reader, at.config, environmentsToScan(at.config, [from]));
  const image = resolveImage(imageText, promotedImages(at.config, envRefs));
  if (!image.ok) return unresolved(image);
  const plan = planEnvironmentChange(at.config, envRefs, from, { allowOlder: image.name, blocks: at.holds.blocks });
  const promotions = plan.promotions.filter(
    (promotion) => promotion.environment === environment && promotion.images.some((change) => change.image === image.name),
  );
  if (promotions.length === 0) {
    const skipped = plan.skipped.find((entry) => entry.environment === environment && entry.image === image.name);
    return { kind: "nothing-to-promote", image: image.name, environment, from, skipped: skipped?.message ?? null };
  }
  const outcomes = await openPromotions(at, promotions, { actor: context.commenter });
  return {
    kind: "promoted",
    promotions: outcomes.map((outcome) => ({ title: outcome.promotion.title, url: outcome.pullRequest?.url ?? null, action: outcome.action })),
  };
}
