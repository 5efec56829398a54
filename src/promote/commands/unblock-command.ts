/** `/unblock <image> <version>`: lift the blocks a `/rollback` put on a version, so that automatic promotion may propose it again. */
import { blocksOf } from "../../engine/holds/blocked-versions.js";
import { referenceTagProblem } from "../../engine/images/image-name.js";
import { formatVersion } from "../../engine/plan/format-version.js";
import { resolveImage } from "../../engine/plan/resolve-name.js";
import { changeHolds } from "../holds.js";
import { missingReviewer } from "./authorize.js";
import type { CommandContext, CommandResult } from "./command-context.js";
import { namedVersion } from "./rollback-command.js";
import { settleOpenPromotionsInto } from "./settle-open-promotions.js";

/**
 * Steps:
 *
 * 1. The version: a tag, a digest or tag@digest (refused before anything else otherwise).
 * 2. The image, among those with a blocked version, and the blocks of that version (none: say so, with what is blocked).
 * 3. The commenter must be among the reviewers of every environment where it is blocked that has `requires.reviewers`.
 * 4. Remove those blocks from the holds issue.
 * 5. Settle the open promotion PRs into those environments, so that their gates say so at once.
 */
export async function unblockCommand(context: CommandContext, imageText: string, versionText: string): Promise<CommandResult> {
  const tagProblem = referenceTagProblem(`image:${versionText}`);
  if (tagProblem !== null) return { kind: "version-not-a-tag", problem: tagProblem };
  const version = namedVersion(versionText);
  if (version === null) return { kind: "not-a-version", text: versionText };
  const { blocks } = context.at.holds;
  const blockedTexts = [...new Set(blocks.map((block) => `${block.image} ${formatVersion(block.version)}`))].sort();
  const resolved = resolveImage(imageText, [...new Set(blocks.map((block) => block.image))]);
  const lifted = resolved.ok ? blocksOf(blocks, resolved.name, version) : [];
  if (!resolved.ok || lifted.length === 0) {
    return { kind: "not-blocked", image: resolved.ok ? resolved.name : imageText, version: versionText, blocked: blockedTexts };
  }
  const environments = Object.keys(context.at.config.environments).filter((environment) => lifted.some((block) => block.environment === environment));
  for (const environment of environments) {
    const reviewers = context.at.config.environments[environment]?.requires?.reviewers;
    const refusal = await missingReviewer(context.github, environment, reviewers, context.commenter);
    if (refusal !== null) return refusal;
  }
  await changeHolds(context.github, context.repo, { unblock: lifted }, Object.keys(context.at.config.environments));
  await settleOpenPromotionsInto(context, environments);
  return { kind: "unblocked", image: resolved.name, version: (lifted[0] as (typeof lifted)[number]).version, environments };
}
