/** What every promotion of one event works on: a repository at its default branch's head, with its config. */
import type { Config } from "../engine/config/schema.js";
import type { RepoReader } from "../engine/repo/reader.js";
import type { BranchHead, GitHubClient, RepoRef } from "../github/github-client.js";
import { cachingReader } from "./caching-reader.js";
import { loadConfig } from "./load-config.js";

/** A repository at the head of its default branch: the base every promotion commit goes on. */
export interface RepoAtHead {
  github: GitHubClient;
  repo: RepoRef;
  head: BranchHead;
  config: Config;
  /** The files at `head.sha`, downloaded once as an archive, each decoded at most once. */
  reader: RepoReader;
}

/**
 * The repository at its default branch's head, or null when it has no valid
 * `.github/promenade.yml` (missing: it does not use Promenade; invalid:
 * loadConfig reports it). Steps:
 *
 * 1. Read the default branch's head commit.
 * 2. Load the config there.
 * 3. Open a reader of the files at that commit.
 */
export async function readRepoAtHead(github: GitHubClient, repo: RepoRef): Promise<RepoAtHead | null> {
  const head = await github.defaultBranchHead(repo);
  const config = await loadConfig(github, repo, head);
  if (config === null) return null;
  return { github, repo, head, config, reader: cachingReader(github.repoReader(repo, head.sha)) };
}
