/** Reading repositories into index entries: which images each one's root environments take. */
import { rootEnvironments } from "../../engine/config/environment-graph.js";
import { CONFIG_PATH } from "../../engine/config/parse-config.js";
import type { Config } from "../../engine/config/schema.js";
import { PromenadeError } from "../../engine/errors.js";
import { environmentReferences } from "../../engine/plan/environment-references.js";
import { promotedImages } from "../../engine/plan/promoted-images.js";
import { GitHubError } from "../../github/errors.js";
import type { GitHubClient, RepoRef, RepositoryConfigAtHead } from "../../github/github-client.js";
import { readConfigAt, type ConfigFiles } from "../load-config.js";
import { ANY_IMAGE, type IndexedRepository } from "./repository-index.js";

/** What reading entries needs from GitHub. */
export type EntryReads = Pick<GitHubClient, "defaultBranchHead" | "readFile" | "repoReader">;

/**
 * The index entry of each repository, from its config at its default branch
 * head. Steps:
 *
 * 1. No config, or an invalid one: no images (the config issue is the push handler's to keep).
 * 2. A config listing `images`: those, without reading any other file.
 * 3. Otherwise: the images referenced in its root environments, from one archive of the head.
 *
 * A repository whose files cannot be scanned (too large, unreadable) takes
 * every image, so a push still reaches it and its logs say why nothing came of it.
 */
export async function indexEntries(github: EntryReads, repositories: readonly RepositoryConfigAtHead[]): Promise<IndexedRepository[]> {
  return Promise.all(repositories.map((repository) => indexEntry(github, repository)));
}

async function indexEntry(github: EntryReads, repository: RepositoryConfigAtHead): Promise<IndexedRepository> {
  // The repository alone: GitHub calls take every field of it as a parameter.
  const repo: RepoRef = { owner: repository.owner, repo: repository.repo };
  if (repository.config === null) return { ...repo, images: [] };
  const reading = await readConfigAt(withConfigText(github, repo, repository), repo, repository.sha);
  if (reading.status !== "valid") return { ...repo, images: [] };
  return { ...repo, images: await imagesOf(github, repo, repository.sha, reading.config) };
}

async function imagesOf(github: EntryReads, repo: RepoRef, sha: string, config: Config): Promise<string[]> {
  if (config.images !== undefined) return promotedImages(config, new Map());
  try {
    const reader = github.repoReader(repo, sha);
    return promotedImages(config, await environmentReferences(reader, config, rootEnvironments(config)));
  } catch (error) {
    if (error instanceof PromenadeError && !(error instanceof GitHubError)) return [ANY_IMAGE];
    throw error;
  }
}

/** `github`, answering the config at the head from the text already read (a second read only when GraphQL could not give it). */
function withConfigText(github: EntryReads, at: RepoRef, repository: RepositoryConfigAtHead): ConfigFiles {
  return {
    defaultBranchHead: (repo) => github.defaultBranchHead(repo),
    readFile: (repo, ref, path) =>
      repo === at && ref === repository.sha && path === CONFIG_PATH && repository.config !== undefined
        ? Promise.resolve(repository.config)
        : github.readFile(repo, ref, path),
  };
}
