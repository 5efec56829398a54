/**
 * A push to the default branch that changes an environment's image versions
 * (a merged promotion PR or any other commit) becomes a GitHub deployment of
 * that environment (task `promenade`) with a success status, its payload the
 * versions the environment runs from then on: GitHub's environments view
 * shows what ran where, and soak reads when each version arrived.
 */
import { environmentDirectory } from "../engine/config/environment-graph.js";
import type { Config } from "../engine/config/schema.js";
import { InputError } from "../engine/errors.js";
import { environmentVersions } from "../engine/plan/environment-versions.js";
import { promotionBranchEnvironment } from "../engine/plan/promotion-names.js";
import type { Version } from "../engine/plan/promotion.js";
import { sameVersion } from "../engine/plan/same-version.js";
import { overlayReader } from "../engine/repo/overlay-reader.js";
import type { RepoReader } from "../engine/repo/reader.js";
import { scanImageReferences } from "../engine/repo/scan.js";
import { isYamlPath } from "../engine/repo/yaml-files.js";
import type { GitHubClient, MergedPullRequest, RepoRef } from "../github/github-client.js";
import { cachingReader } from "./caching-reader.js";
import { filesByEnvironment } from "./changed-environments.js";
import { DEPLOYMENT_TASK, deploymentPayload } from "./deployed-versions.js";
import type { RepoAtHead } from "./repo-at-head.js";
import { textsAt } from "./texts-at.js";

/** The push as recording needs it: the commit pushed, the one before, the files its commits changed, and the pushed commit's page. */
export interface RecordedPush {
  sha: string;
  before: string;
  files: readonly string[];
  url: string | null;
}

/** The promotion PRs that commit `sha` of the default branch merged (one read). */
export async function mergedPromotions(github: Pick<GitHubClient, "mergedPullRequestsOfCommit">, repo: RepoRef, sha: string): Promise<MergedPullRequest[]> {
  const merged = await github.mergedPullRequestsOfCommit(repo, sha);
  return merged.filter((pr) => promotionBranchEnvironment(pr.headBranch) !== null);
}

/**
 * Records a deployment of `push.sha` to each environment whose image
 * versions the push changed, and answers those environments. Steps:
 *
 * 1. Group the YAML files the push changed by environment; none: stop.
 * 2. Read those files as they were before the push (one read each, or one archive past MAX_FILE_READS; none when the push created the branch).
 * 3. Per environment, the versions it runs after the push (from the archive of the pushed commit) and before (the same, with the files as they were).
 * 4. Where they differ, record the deployment: "Promoted by #n" for a merged promotion PR into it, else the commit.
 */
export async function recordVersionChanges(at: RepoAtHead, push: RecordedPush, merged: readonly MergedPullRequest[]): Promise<string[]> {
  const { github, repo, config } = at;
  const changed = filesByEnvironment(config, push.files.filter(isYamlPath));
  if (changed.size === 0) return [];
  const after = at.head.sha === push.sha ? at.reader : cachingReader(github.repoReader(repo, push.sha));
  const paths = [...changed.values()].flat();
  const earlier = /^0+$/.test(push.before) ? new Map(paths.map((path) => [path, null])) : await textsAt(github, repo, push.before, paths);
  const before = overlayReader(after, earlier);
  const recorded: string[] = [];
  for (const environment of changed.keys()) {
    const now = await versionsIn(after, config, environment);
    if (now === null || sameVersions(await versionsIn(before, config, environment), now)) continue;
    const pr = merged.find((candidate) => promotionBranchEnvironment(candidate.headBranch) === environment);
    await github.recordDeployment(repo, {
      sha: push.sha,
      environment,
      task: DEPLOYMENT_TASK,
      description: pr === undefined ? `Changed by ${push.sha.slice(0, 7)}` : `Promoted by #${pr.number}`,
      logUrl: pr?.url ?? push.url,
      payload: { ...deploymentPayload(now) },
    });
    recorded.push(environment);
  }
  return recorded;
}

/** The version of each image `environment` runs as `reader` reads it; null when one of its files cannot be read. */
async function versionsIn(reader: RepoReader, config: Config, environment: string): Promise<Map<string, Version> | null> {
  try {
    return environmentVersions(config, await scanImageReferences(reader, environmentDirectory(config, environment)));
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}

/** Whether `before` (null: unknown) names exactly the images of `after`, each at the same version. */
function sameVersions(before: ReadonlyMap<string, Version> | null, after: ReadonlyMap<string, Version>): boolean {
  if (before === null || before.size !== after.size) return false;
  return [...after].every(([image, version]) => {
    const earlier = before.get(image);
    return earlier !== undefined && sameVersion(earlier, version);
  });
}
