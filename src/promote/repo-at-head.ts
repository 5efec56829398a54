/** What every promotion of one event works on: a repository at its default branch's head, with its config. */
import type { Config } from "../engine/config/schema.js";
import type { HeldEnvironments } from "../engine/holds/held-environments.js";
import type { RepoReader } from "../engine/repo/reader.js";
import type { BranchHead, GitHubClient, RepoRef } from "../github/github-client.js";
import { cachingReader } from "./caching-reader.js";
import { readHolds } from "./holds.js";
import { loadConfig } from "./load-config.js";

/** A repository at the head of its default branch: the base every promotion commit goes on. */
export interface RepoAtHead {
  github: GitHubClient;
  repo: RepoRef;
  head: BranchHead;
  config: Config;
  /** The files at `head.sha`, downloaded once as an archive, each decoded at most once. */
  reader: RepoReader;
  /** The held environments (`/hold`): no promotion PR is opened into them. */
  holds: HeldEnvironments;
}

/**
 * The repository at its default branch's head, or null when it has no valid
 * `.github/promenade.yml` (missing: it does not use Promenade; invalid:
 * loadConfig reports it). Steps:
 *
 * 1. Read the default branch's head commit.
 * 2. Load the config there.
 * 3. Read the holds (from the same listing of Promenade's issues as the config issue: no extra read).
 * 4. Open a reader of the files at that commit.
 */
export async function readRepoAtHead(github: GitHubClient, repo: RepoRef): Promise<RepoAtHead | null> {
  const head = await github.defaultBranchHead(repo);
  const config = await loadConfig(github, repo, head);
  if (config === null) return null;
  const holds = await readHolds(github, repo);
  return { github, repo, head, config, reader: cachingReader(github.repoReader(repo, head.sha)), holds };
}
