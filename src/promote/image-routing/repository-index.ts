/**
 * The repository index: per installation, which repositories have a
 * Promenade config and which images their root environments reference, so a
 * pushed image is routed to the repositories that use it without reading
 * every repository of the installation on every push. Shared by replicas
 * through Redis when `REDIS_URL` is set, in process memory otherwise.
 */

/** In an entry's images: every image (its files could not be scanned, so every push goes to it and its promotion says why). */
export const ANY_IMAGE = "*";

/** What the index knows of one repository. */
export interface IndexedRepository {
  owner: string;
  repo: string;
  /** Normalised names (normalizeImageName) of the images its root environments take, or ANY_IMAGE; empty without a valid config. */
  images: string[];
}

/** One repository's slot in a stored index: its entry, or null when it must be read again; `token` identifies this state of the slot. */
export interface IndexSlot {
  entry: IndexedRepository | null;
  token: string;
}

/** A stored entry written back after reading a repository, only if its slot still holds `token`. */
export interface IndexUpdate {
  entry: IndexedRepository;
  token: string;
}

/** Where the index is kept. Keys are `owner/repo`, lower-cased (indexKey). */
export interface RepositoryIndexStore {
  /** The installation's slots by key, or null when its index was never built, was dropped or expired. */
  read(installationId: number): Promise<Map<string, IndexSlot> | null>;
  /**
   * Replaces the installation's index with `entries` (every repository of it), marks it built and
   * starts its time to live; a slot marked stale while the entries were being read stays stale.
   */
  write(installationId: number, entries: readonly IndexedRepository[]): Promise<void>;
  /** Writes each entry whose slot still holds its token (compare and set); returns how many were written. */
  update(installationId: number, updates: readonly IndexUpdate[]): Promise<number>;
  /** Marks repositories to be read again at the next lookup (adding them when unknown), with a fresh token each. */
  markStale(installationId: number, keys: readonly string[]): Promise<void>;
  /** Forgets repositories (removed from the installation). */
  remove(installationId: number, keys: readonly string[]): Promise<void>;
  /** Forgets the installation's whole index (uninstalled, or its shared config changed). */
  drop(installationId: number): Promise<void>;
  /** Closes connections (Redis). */
  close(): Promise<void>;
}

/** The key of a repository in the index: `owner/repo`, lower-cased. */
export function indexKey(repo: { owner: string; repo: string }): string {
  return `${repo.owner}/${repo.repo}`.toLowerCase();
}
