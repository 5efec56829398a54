/** Which repositories of an installation take an image: the index, built on first need and kept current. */
import { normalizeImageName } from "../../engine/images/image-name.js";
import type { GitHubClient, RepoRef } from "../../github/github-client.js";
import { indexEntries } from "./index-entries.js";
import { ANY_IMAGE, indexKey, type IndexedRepository, type IndexSlot, type RepositoryIndexStore } from "./repository-index.js";

/** What a look-up needs from GitHub. */
export type IndexReads = Pick<GitHubClient, "installationRepositories" | "configsAtHead" | "defaultBranchHead" | "readFile" | "repoReader">;

/** What a look-up found, and what it cost in repositories read. */
export interface ImageRepositories {
  repositories: RepoRef[];
  /** Repositories read from GitHub for this look-up: all of them when the index was built, else those marked stale. */
  read: number;
}

/**
 * The repositories of installation `installationId` whose root environments
 * take `image`. Steps:
 *
 * 1. Read the stored index.
 * 2. None (never built, dropped, expired): list the installation's repositories, read them all, store the index.
 * 3. Otherwise read again the repositories marked stale (a push or the installation changed them), storing each unless it was marked again meanwhile.
 * 4. Answer those whose entry takes the image.
 */
export async function repositoriesForImage(github: IndexReads, store: RepositoryIndexStore, installationId: number, image: string): Promise<ImageRepositories> {
  const stored = await store.read(installationId);
  const { entries, read } = stored === null ? await buildIndex(github, store, installationId) : await refreshStale(github, store, installationId, stored);
  const name = normalizeImageName(image);
  const repositories = entries.filter((entry) => entry.images.includes(name) || entry.images.includes(ANY_IMAGE)).map(({ owner, repo }) => ({ owner, repo }));
  return { repositories, read };
}

async function buildIndex(github: IndexReads, store: RepositoryIndexStore, installationId: number): Promise<{ entries: IndexedRepository[]; read: number }> {
  const repositories = await github.installationRepositories();
  const entries = await indexEntries(github, await github.configsAtHead(repositories));
  await store.write(installationId, entries);
  return { entries, read: repositories.length };
}

async function refreshStale(
  github: IndexReads,
  store: RepositoryIndexStore,
  installationId: number,
  slots: Map<string, IndexSlot>,
): Promise<{ entries: IndexedRepository[]; read: number }> {
  const fresh: IndexedRepository[] = [];
  const stale = new Map<string, string>();
  for (const [key, slot] of slots) {
    if (slot.entry === null) stale.set(key, slot.token);
    else fresh.push(slot.entry);
  }
  if (stale.size === 0) return { entries: fresh, read: 0 };
  const reread = await indexEntries(github, await github.configsAtHead([...stale.keys()].map(repoOfKey)));
  const updates = reread.filter((entry) => stale.has(indexKey(entry))).map((entry) => ({ entry, token: stale.get(indexKey(entry)) as string }));
  await store.update(installationId, updates);
  // Those GitHub no longer shows (deleted, archived, empty) leave the index.
  const gone = new Set(stale.keys());
  for (const entry of reread) gone.delete(indexKey(entry));
  if (gone.size > 0) await store.remove(installationId, [...gone]);
  return { entries: [...fresh, ...reread], read: stale.size };
}

/** The repository of an index key (`owner/repo`); GitHub matches names without regard to case. */
function repoOfKey(key: string): RepoRef {
  const slash = key.indexOf("/");
  return { owner: key.slice(0, slash), repo: key.slice(slash + 1) };
}
