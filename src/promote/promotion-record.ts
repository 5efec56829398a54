/**
 * Promenade's signed record of a promotion PR, as orchestrators write and
 * read it: the signing for the repository, and the trust a pull request
 * earns from it.
 */
import { promotionTrust, type PromotionTrust } from "../engine/gate/promotion-trust.js";
import { readPromotionBody, type Signing } from "../engine/markdown/promotion-body.js";
import type { GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
import { dataSigningKey } from "./signing-key.js";

/** How data blocks written in `repo` are signed; GitHub names are case-insensitive, so the scope is lower-cased (events and look-ups may spell a name differently). */
export function signingFor(repo: RepoRef): Signing {
  return { scope: `${repo.owner}/${repo.repo}`.toLowerCase(), key: dataSigningKey() };
}

/** What the gate and the merge may believe of `pr` (one read of who the app is, cached). */
export async function trustOf(github: Pick<GitHubClient, "ownApp">, repo: RepoRef, pr: PullRequest): Promise<PromotionTrust> {
  const own = await github.ownApp();
  return promotionTrust(pr, readPromotionBody(pr.body, signingFor(repo)), own.login);
}
