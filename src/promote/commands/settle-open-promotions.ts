/** After a hold changes, the open promotion PRs into the environment are settled again, so their gates say so at once. */
import { PROMOTION_BRANCH_PREFIX } from "../record-deployments.js";
import { settlePullRequest } from "../settle-pull-request.js";
import type { CommandContext } from "./command-context.js";

/** Settles each open promotion PR into `environment` (branch `promenade/<environment>` or `promenade/<environment>/…`). */
export async function settleOpenPromotions(context: CommandContext, environment: string): Promise<void> {
  const branch = `${PROMOTION_BRANCH_PREFIX}${environment}`;
  const into = (headBranch: string) => headBranch === branch || headBranch.startsWith(`${branch}/`);
  const open = await context.github.listOpenPullRequests(context.repo);
  for (const pr of open.filter((candidate) => into(candidate.headBranch) && candidate.baseBranch === context.at.head.branch)) {
    await settlePullRequest(context.github, context.repo, pr, context.now, { config: context.at.config });
  }
}
