/** What every promotion of one event works on: a repository at its default branch's head, with its config. */
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import type { Config } from "../engine/config/schema.js";
import type { HeldEnvironments } from "../engine/holds/held-environments.js";
import type { RepoReader } from "../engine/repo/reader.js";
import type { BranchArchive, BranchHead, GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
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

/** What readRepoAtHead may ask for before the head is known. */
export interface ReadAhead {
  /**
   * The default branch's name, when the caller knows it (the event says it)
   * and will read the files: their archive is downloaded by that name beside
   * the first read, and read only if it is of the head commit that read
   * answers (a push in between: it is dropped, and the head's archive
   * downloaded by its sha).
   */
  prefetchArchiveOf?: string;
}

/**
 * The repository at its default branch's head, or null when it has no valid
 * `.github/promenade.yml` (missing: it does not use Promenade; invalid:
 * loadConfig reports it). `ahead` says, of a valid config, what the caller
 * will read: the files' archive and the open PRs of some branches are then
 * asked for as soon as the config is known, beside the reading of
 * Promenade's issues. `early.prefetchArchiveOf` starts the archive's download
 * before that, beside the first read. Steps:
 *
 * 1. Read the default branch's head commit and the config's text there (one read), and who Promenade is (read once); meanwhile, download the archive of the branch `early` names.
 * 2. Load the config (its text read through the contents API only when GraphQL cannot give it exactly); missing or invalid: drop the branch's archive (once downloaded) and answer null.
 * 3. Valid: start downloading the archive of that commit (unless the branch's archive is of it), and looking up the open PRs of the branches, that `ahead` names.
 * 4. Read the holds (from the same listing of Promenade's issues as the config issue: no extra read).
 * 5. Answer a reader of the files at that commit: the branch's archive when it is of that commit, else the commit's own archive (downloaded on first use, if not yet started).
 */
export async function readRepoAtHead(
  github: GitHubClient,
  repo: RepoRef,
  ahead: (config: Config) => AheadOfFiles = () => ({ readsFiles: false }),
  early: ReadAhead = {},
): Promise<RepoAtHead | null> {
  // Started first, so that the download runs beside the head's read; a failure only means the head's archive is downloaded by its sha.
  const prefetched = early.prefetchArchiveOf === undefined ? undefined : github.archiveOf(repo, early.prefetchArchiveOf);
  prefetched?.catch(() => undefined);
  // Promenade's issues are found by their author: who Promenade is is asked beside the first read (read once per
  // process or run; a failure is left to the look-up that needs it, which asks again).
  const [{ head, file, repositoryId }] = await Promise.all([github.defaultBranchHeadAndFile(repo, CONFIG_PATH), github.ownApp().catch(() => undefined)]);
  const reader = cachingReader(prefetched === undefined ? github.repoReader(repo, head.sha) : prefetchedOrOwn(github, repo, head.sha, prefetched));
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
  if (config === null) {
    // Nothing is read from the branch's archive: its download is let finish (not left running past this event) and dropped.
    await prefetched?.catch(() => undefined);
    return null;
  }
  const holds = await readHolds(github, repo);
  return { github, repo, head, repositoryId, config, reader, holds, openPullRequests };
}

/**
 * A reader of the files at `sha`: those of `prefetched`, the archive
 * downloaded by the branch's name, when it is of that commit; else (the
 * branch moved between the two reads, or that download failed) those of the
 * archive of `sha`, downloaded on first use once `prefetched` is known not to do.
 */
function prefetchedOrOwn(github: GitHubClient, repo: RepoRef, sha: string, prefetched: Promise<BranchArchive>): RepoReader {
  const chosen = prefetched.then(
    (archive) => archive.readerOf(sha) ?? github.repoReader(repo, sha),
    () => github.repoReader(repo, sha),
  );
  return {
    listFiles: async (dir) => (await chosen).listFiles(dir),
    readFile: async (path) => (await chosen).readFile(path),
  };
}
