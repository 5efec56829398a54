/** Image pushed: a new image version becomes PRs into the root environments. */
import { rootEnvironments } from "../engine/config/environment-graph.js";
import { environmentReferences } from "../engine/plan/environment-references.js";
import { planImagePush } from "../engine/plan/plan-image-push.js";
import type { ImagePush } from "../engine/plan/promotion.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { openPromotions } from "./open-promotions.js";
import type { PromotionReport } from "./promotion-report.js";
import { readRepoAtHead } from "./repo-at-head.js";

/**
 * Promotes a pushed image version in `repo`. Steps:
 *
 * 1. Read the default branch's head and its config (none or invalid: stop).
 * 2. Find the image references of the root environments.
 * 3. Plan: the root environments that reference the image and admit this newer version; the others are skipped with why.
 * 4. Open or update each promotion's PR.
 *
 * Throws UsageError when the push is not `image:tag[@digest]`.
 */
export async function promotePushedImage(github: GitHubClient, repo: RepoRef, push: ImagePush): Promise<PromotionReport> {
  const at = await readRepoAtHead(github, repo);
  if (at === null) return { outcomes: [], skipped: [] };
  const envRefs = await environmentReferences(at.reader, at.config, rootEnvironments(at.config));
  const { promotions, skipped } = planImagePush(at.config, envRefs, push);
  return { outcomes: await openPromotions(at, promotions), skipped };
}
