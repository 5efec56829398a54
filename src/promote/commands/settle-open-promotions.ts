/** After a hold or a block changes, the open promotion PRs into the environment are settled again, so their gates say so at once. */
import { promotionBranchEnvironment } from "../../engine/plan/promotion-names.js";
import { settlePullRequest } from "../settle-pull-request.js";
import type { CommandContext } from "./command-context.js";

/** Settles each open promotion PR into `environment` (branch `promenade/<environment>` or `promenade/<environment>/…`). */
export async function settleOpenPromotions(context: CommandContext, environment: string): Promise<void> {
  await settleOpenPromotionsInto(context, [environment]);
}

/** Settles each open promotion PR into any of `environments` (one listing of the open pull requests). */
export async function settleOpenPromotionsInto(context: CommandContext, environments: readonly string[]): Promise<void> {
  const open = await context.github.listOpenPullRequests(context.repo);
  const into = open.filter((pr) => {
    const environment = promotionBranchEnvironment(pr.headBranch);
    return environment !== null && environments.includes(environment) && pr.baseBranch === context.at.head.branch;
  });
  for (const pr of into) {
    await settlePullRequest(context.github, context.repo, pr, context.now, { config: context.at.config });
  }
}
