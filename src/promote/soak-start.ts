/**
 * When image versions started running in a source environment, for the
 * soak of a pull request that brings them on: from Promenade's deployment
 * records of the source, or, where it has none, from the git history of the
 * source's files.
 */
import { environmentDirectory } from "../engine/config/environment-graph.js";
import type { Config } from "../engine/config/schema.js";
import { InputError } from "../engine/errors.js";
import { findImageReferences } from "../engine/images/find-references.js";
import { lastStart, versionStart, type BroughtVersion } from "../engine/gate/soak-start.js";
import type { Version } from "../engine/plan/promotion.js";
import type { RepoReader } from "../engine/repo/reader.js";
import { scanImageReferences } from "../engine/repo/scan.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { cachingReader } from "./caching-reader.js";
import { DEPLOYMENT_TASK, isOwnDeployment, runStart, runsVersion } from "./deployed-versions.js";

/** What finding the start of a soak reads on GitHub. */
export type SoakGitHub = Pick<GitHubClient, "listDeployments" | "pathCommits" | "readFile" | "repoReader" | "ownApp">;

/** The most deployments of the source read (two reads): a run older than that counts from the oldest of them. */
export const DEPLOYMENT_HISTORY = 200;

/** The most commits of a file walked back, without deployment records, to the one that brought a version. */
export const COMMIT_HISTORY = 20;

/** Where to look: the source environment, and the commit of the default branch the pull request starts from. */
export interface SoakSource {
  config: Config;
  environment: string;
  baseSha: string;
}

/**
 * When the last of `brought` started running in the source (the soak runs
 * from then), or null when that cannot be told, or one of them no longer
 * runs there. Steps:
 *
 * 1. List the source's deployments of task `promenade` (newest first, at most DEPLOYMENT_HISTORY), and keep Promenade's own.
 * 2. Per version, where its start comes from (versionStart): with records, the start of its run in them (none when the newest record does not run it), for a promotion PR the later of that and its signed time; without any record, the signed time; else, when the listing was complete (fewer than DEPLOYMENT_HISTORY), the git history.
 * 3. From the git history: the time of the commit that brought the version into the source's file.
 */
export async function sourceRunningSince(github: SoakGitHub, repo: RepoRef, source: SoakSource, brought: readonly BroughtVersion[]): Promise<Date | null> {
  const [listed, own] = await Promise.all([github.listDeployments(repo, source.environment, DEPLOYMENT_TASK, DEPLOYMENT_HISTORY), github.ownApp()]);
  const records = listed.filter((deployment) => isOwnDeployment(deployment, own));
  const history = new SourceHistory(github, repo, source);
  const starts: (Date | null)[] = [];
  for (const { image, version, signedSince } of brought) {
    const recorded = { hasRecords: records.length > 0, start: records.length > 0 ? runStart(records, image, version) : null };
    const start = versionStart(recorded, signedSince, listed.length < DEPLOYMENT_HISTORY);
    starts.push("at" in start ? start.at : await history.start(image, version));
  }
  return lastStart(starts);
}

/** The git history of the source environment's files at the base commit, read once. */
class SourceHistory {
  private reader: RepoReader | undefined;

  constructor(
    private readonly github: SoakGitHub,
    private readonly repo: RepoRef,
    private readonly source: SoakSource,
  ) {}

  /**
   * When the commit that brought `version` of `image` into the first source
   * file that names it was made: walk the file's commits back (at most
   * COMMIT_HISTORY, one read each) while it still names the version. Null
   * when the source does not run the version, or the time is not known.
   */
  async start(image: string, version: Version): Promise<Date | null> {
    this.reader ??= cachingReader(this.github.repoReader(this.repo, this.source.baseSha));
    const refs = await scanImageReferences(this.reader, environmentDirectory(this.source.config, this.source.environment));
    const file = refs.find((ref) => ref.image === image && runsVersion(ref, version))?.file;
    if (file === undefined) return null;
    const commits = await this.github.pathCommits(this.repo, this.source.baseSha, file, COMMIT_HISTORY);
    let start = commits[0];
    for (const commit of commits.slice(1)) {
      const text = await this.github.readFile(this.repo, commit.sha, file);
      if (text === null || !namesVersion(file, text, image, version)) break;
      start = commit;
    }
    return start?.committedAt ?? null;
  }
}

/** Whether the text of `file` names `version` of `image` (a file that does not parse names nothing). */
function namesVersion(file: string, text: string, image: string, version: Version): boolean {
  try {
    return findImageReferences(file, text).some((ref) => ref.image === image && runsVersion(ref, version));
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}
