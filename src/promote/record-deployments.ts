/**
 * A merged promotion PR becomes a GitHub deployment of its environment with
 * a success status, so GitHub's environments view shows what ran where.
 */
import type { Config } from "../engine/config/schema.js";
import { promotionBranchEnvironment } from "../engine/plan/promotion-names.js";
import type { GitHubClient, MergedPullRequest, RepoRef } from "../github/github-client.js";

/** The promotion PRs that commit `sha` of the default branch merged (one read). */
export async function mergedPromotions(github: Pick<GitHubClient, "mergedPullRequestsOfCommit">, repo: RepoRef, sha: string): Promise<MergedPullRequest[]> {
  const merged = await github.mergedPullRequestsOfCommit(repo, sha);
  return merged.filter((pr) => promotionBranchEnvironment(pr.headBranch) !== null);
}

/** Records, for each merged promotion PR, a deployment of `sha` to the environment its branch names. */
export async function recordDeployments(
  github: Pick<GitHubClient, "recordDeployment">,
  repo: RepoRef,
  config: Config,
  sha: string,
  merged: readonly MergedPullRequest[],
): Promise<void> {
  for (const pr of merged) {
    const environment = promotionBranchEnvironment(pr.headBranch);
    if (environment === null || !Object.hasOwn(config.environments, environment)) continue;
    await github.recordDeployment(repo, { sha, environment, description: `Promoted by #${pr.number}`, logUrl: pr.url });
  }
}
