/** Image pushed: a new image version becomes PRs into the root environments. */
import { rootEnvironments } from "../engine/config/environment-graph.js";
import type { Config } from "../engine/config/schema.js";
import { normalizeImageName, parseImage } from "../engine/images/image-name.js";
import { environmentReferences } from "../engine/plan/environment-references.js";
import { imageSlugs } from "../engine/plan/image-slug.js";
import { planImagePush } from "../engine/plan/plan-image-push.js";
import { promotedImages } from "../engine/plan/promoted-images.js";
import { promotionBranch } from "../engine/plan/promotion-names.js";
import type { ImagePush } from "../engine/plan/promotion.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { openPromotions } from "./open-promotions.js";
import type { PromotionReport } from "./promotion-report.js";
import { readRepoAtHead } from "./repo-at-head.js";

/**
 * Promotes a pushed image version in `repo`. `defaultBranch`, the name of
 * its default branch when the event says it: its files' archive is then
 * downloaded by that name beside the first read (used only if it is of the
 * head that read answers). Pass it only where the push is meant for `repo`
 * (a `promenade-image` dispatch sent to it, a push routed to it because its
 * config takes the image): a repository without a config downloads it for
 * nothing. Steps:
 *
 * 1. Read the default branch's head and its config (none or invalid: stop), the branch's archive downloaded meanwhile when `defaultBranch` is given, then starting the download of the head's files (unless that archive is of the head) and the look-up of the open PRs of the branches the config names for the image (branchesNamedByConfig).
 * 2. Find the image references of the root environments.
 * 3. Plan: the root environments that reference the image and admit this newer version, not blocked there; the others are skipped with why.
 * 4. Open or update each promotion's PR.
 *
 * Throws UsageError when the push is not `image:tag[@digest]`.
 */
export async function promotePushedImage(github: GitHubClient, repo: RepoRef, push: ImagePush, defaultBranch?: string): Promise<PromotionReport> {
  const at = await readRepoAtHead(github, repo, (config) => ({ readsFiles: true, branches: branchesNamedByConfig(config, push) }), {
    prefetchArchiveOf: defaultBranch,
  });
  if (at === null) return { outcomes: [], skipped: [] };
  const envRefs = await environmentReferences(at.reader, at.config, rootEnvironments(at.config));
  const { promotions, skipped } = planImagePush(at.config, envRefs, push, at.holds.blocks);
  return { outcomes: await openPromotions(at, promotions), skipped };
}

/**
 * The branches planImagePush may open for `push` that the config alone
 * names, before any file is read: one per root environment, when the config
 * lists its images (an image's branch is then known without the files; a
 * root the plan then skips cost a look-up for nothing). None without the list,
 * or when it lacks the image.
 */
function branchesNamedByConfig(config: Config, push: ImagePush): string[] {
  const parsed = config.images === undefined ? null : parseImage(`${push.image}:${push.tag}`);
  if (parsed === null) return [];
  const slug = imageSlugs(promotedImages(config, new Map())).get(normalizeImageName(parsed.name));
  if (slug === undefined) return [];
  return rootEnvironments(config).map((environment) =>
    config.pullRequests.group === "image" ? promotionBranch(environment, slug) : promotionBranch(environment),
  );
}
