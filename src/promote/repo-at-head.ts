/** What every promotion of one event works on: a repository at its default branch's head, with its config. */
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import type { Config } from "../engine/config/schema.js";
import type { HeldEnvironments } from "../engine/holds/held-environments.js";
import type { RepoReader } from "../engine/repo/reader.js";
import type { BranchHead, GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
import { cachingReader } from "./caching-reader.js";
import { readHolds } from "./holds.js";
import { loadConfig } from "./load-config.js";

/** A repository at the head of its default branch: the base every promotion commit goes on. */
export interface RepoAtHead {
  github: GitHubClient;
  repo: RepoRef;
  head: BranchHead;
  /** The repository's GraphQL node id (a new promotion branch is created in it). */
  repositoryId: string;
  config: Config;
  /** The files at `head.sha`, downloaded once as an archive, each decoded at most once. */
  reader: RepoReader;
  /** The held environments (`/hold`): no promotion PR is opened into them. */
  holds: HeldEnvironments;
  /**
   * The open PR of each branch looked up ahead (see AheadOfFiles), each taken
   * at most once (openPromotion looks up a branch again after it wrote it).
   */
  openPullRequests?: Map<string, Promise<PullRequest | null>>;
}

/** What a caller will ask once the config is known, so it is read beside the files' download rather than after it. */
export interface AheadOfFiles {
  /** Whether the caller reads files: their archive's download starts then. */
  readsFiles: boolean;
  /** Branches whose open PR the caller will look up (openPromotion). */
  branches?: readonly string[];
}

/**
 * The repository at its default branch's head, or null when it has no valid
 * `.github/promenade.yml` (missing: it does not use Promenade; invalid:
 * loadConfig reports it). `ahead` says, of a valid config, what the caller
 * will read: the files' archive and the open PRs of some branches are then
 * asked for as soon as the config is known, beside the reading of
 * Promenade's issues. Steps:
 *
 * 1. Read the default branch's head commit and the config's text there (one read), and who Promenade is (read once).
 * 2. Load the config (its text read through the contents API only when GraphQL cannot give it exactly).
 * 3. Valid: start downloading the archive of that commit, and looking up the open PRs of the branches, that `ahead` names.
 * 4. Read the holds (from the same listing of Promenade's issues as the config issue: no extra read).
 * 5. Answer a reader of the files at that commit (the archive downloaded on first use, if not yet started).
 */
export async function readRepoAtHead(
  github: GitHubClient,
  repo: RepoRef,
  ahead: (config: Config) => AheadOfFiles = () => ({ readsFiles: false }),
): Promise<RepoAtHead | null> {
  // Promenade's issues are found by their author: who Promenade is is asked beside the first read (read once per
  // process or run; a failure is left to the look-up that needs it, which asks again).
  const [{ head, file, repositoryId }] = await Promise.all([github.defaultBranchHeadAndFile(repo, CONFIG_PATH), github.ownApp().catch(() => undefined)]);
  const reader = cachingReader(github.repoReader(repo, head.sha));
  const openPullRequests = new Map<string, Promise<PullRequest | null>>();
  const whenValid = (valid: Config): void => {
    const asked = ahead(valid);
    // A failed read is not lost: the reader answers the same failure to the caller's first read, and a failed look-up is made again.
    if (asked.readsFiles) reader.listFiles("").catch(() => undefined);
    for (const branch of asked.branches ?? []) {
      const lookup = github.findOpenPullRequest(repo, branch);
      lookup.catch(() => undefined);
      openPullRequests.set(branch, lookup);
    }
  };
  const config = await loadConfig(github, repo, head, { text: file, whenValid });
  if (config === null) return null;
  const holds = await readHolds(github, repo);
  return { github, repo, head, repositoryId, config, reader, holds, openPullRequests };
}
