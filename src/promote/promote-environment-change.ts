/** Environment changed: a push to the default branch becomes PRs into the next environments. */
import { environmentReferences } from "../engine/plan/environment-references.js";
import { planEnvironmentChange } from "../engine/plan/plan-environment-change.js";
import type { ImageReference } from "../engine/images/reference.js";
import type { SourceDetails } from "../engine/markdown/promotion-body.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { announceNextHop } from "./announce-next-hop.js";
import { mergedPromotions, recordVersionChanges } from "./record-deployments.js";
import { changedEnvironments, environmentsToScan, sourceEnvironments } from "./changed-environments.js";
import { openPromotions } from "./open-promotions.js";
import type { PromotionReport } from "./promotion-report.js";
import { readRepoAtHead } from "./repo-at-head.js";
import { revisitOpenPromotions } from "./revisit-open-promotions.js";

/** A push to the default branch: its head commit and every file its commits added, modified or removed. */
export interface DefaultBranchPush {
  sha: string;
  /** The commit the default branch pointed at before the push (all zeros when the push created it). */
  before: string;
  files: readonly string[];
  /** When the head commit was made (for a merge: when the change reached the default branch); null when unknown. */
  committedAt: Date | null;
  /** The head commit's web page. */
  url: string | null;
  /** Who pushed (for a merged pull request: who merged it); null when unknown. */
  actor: string | null;
}

/**
 * Promotes what a push to the default branch changed. Steps:
 *
 * 1. Read the default branch's head and its config (none or invalid: stop), starting the download of its files when step 3 will read them.
 * 2. Find the changed environments (none: stop), and those others are promoted from.
 * 3. Find the image references planning needs.
 * 4. Plan, for each changed environment S, the promotions into every environment with `from: S` (no version blocked there), and those skipped with why.
 * 5. Find the promotion PRs the push merged, and record a deployment of each environment whose image versions the push changed.
 * 6. Open or update each promotion's PR; images whose references this push changed show it as the time and change that put their version in the source.
 * 7. Comment on the merged promotion PRs with links to those PRs.
 * 8. Close the other open promotion PRs into the changed environments that already run their versions.
 */
export async function promoteEnvironmentChange(github: GitHubClient, repo: RepoRef, push: DefaultBranchPush): Promise<PromotionReport> {
  const at = await readRepoAtHead(github, repo, (config) => ({ readsFiles: sourceEnvironments(config, changedEnvironments(config, push.files)).length > 0 }));
  if (at === null) return { outcomes: [], skipped: [] };
  const changed = changedEnvironments(at.config, push.files);
  if (changed.length === 0) return { outcomes: [], skipped: [] };
  const sources = sourceEnvironments(at.config, changed);
  const envRefs = sources.length === 0 ? new Map() : await environmentReferences(at.reader, at.config, environmentsToScan(at.config, sources));
  const plans = sources.map((source) => planEnvironmentChange(at.config, envRefs, source, { blocks: at.holds.blocks }));
  const promotions = plans.flatMap((plan) => plan.promotions);
  const merged = await mergedPromotions(github, repo, push.sha);
  await recordVersionChanges(at, push, merged);
  const outcomes = await openPromotions(at, promotions, { sources: pushedVersions(envRefs, sources, push), actor: push.actor });
  await announceNextHop(github, repo, merged, outcomes);
  const revisited = await revisitOpenPromotions(at, changed, new Set(promotions.map((p) => p.branch)));
  return { outcomes: [...outcomes, ...revisited], skipped: plans.flatMap((plan) => plan.skipped) };
}

/** The images whose references in the changed source environments sit in files this push changed: their version arrived with it. */
function pushedVersions(
  envRefs: ReadonlyMap<string, readonly ImageReference[]>,
  sources: readonly string[],
  push: DefaultBranchPush,
): Map<string, SourceDetails> {
  const changed = new Set(push.files);
  const details = new Map<string, SourceDetails>();
  for (const ref of sources.flatMap((source) => envRefs.get(source) ?? [])) {
    if (ref.image !== null && changed.has(ref.file)) details.set(ref.image, { since: push.committedAt, url: push.url });
  }
  return details;
}
