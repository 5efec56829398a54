/** The repository index kept in process memory: for a single replica, or when no Redis is configured. */
import { randomUUID } from "node:crypto";
import { indexKey, type IndexedRepository, type IndexSlot, type RepositoryIndexStore } from "../../promote/image-routing/repository-index.js";

/** Six hours: how long an index lives after it was last written. */
export const DEFAULT_INDEX_TTL_MS = 6 * 60 * 60 * 1000;

/** Options of the in-memory store: the time to live of an index, and the clock (ms) for tests. */
export interface InMemoryIndexOptions {
  ttlMs?: number;
  now?: () => number;
}

/** One installation's index; unbuilt while it only holds stale marks made before any write. */
interface Installation {
  built: boolean;
  expiresAt: number;
  slots: Map<string, IndexSlot>;
}

/** A store in process memory; an index expires `ttlMs` (default 6 hours) after its last write, unbuilt stale marks after their last mark. */
export function createInMemoryIndexStore(options: InMemoryIndexOptions = {}): RepositoryIndexStore {
  const ttlMs = options.ttlMs ?? DEFAULT_INDEX_TTL_MS;
  const now = options.now ?? Date.now;
  const installations = new Map<number, Installation>();

  /** The installation's live record, forgetting it once expired. */
  const live = (installationId: number): Installation | undefined => {
    const installation = installations.get(installationId);
    if (installation && installation.expiresAt <= now()) {
      installations.delete(installationId);
      return undefined;
    }
    return installation;
  };
  const slotOf = (entry: IndexedRepository | null): IndexSlot => ({ entry, token: randomUUID() });

  return {
    async read(installationId) {
      const installation = live(installationId);
      if (!installation?.built) return null;
      return new Map([...installation.slots].map(([key, slot]) => [key, { ...slot }]));
    },

    async write(installationId, entries) {
      const slots = new Map<string, IndexSlot>();
      for (const entry of entries) slots.set(indexKey(entry), slotOf(entry));
      for (const [key, slot] of live(installationId)?.slots ?? []) if (slot.entry === null) slots.set(key, slot);
      installations.set(installationId, { built: true, expiresAt: now() + ttlMs, slots });
    },

    async update(installationId, updates) {
      const installation = live(installationId);
      if (!installation?.built) return 0;
      let written = 0;
      for (const { entry, token } of updates) {
        const key = indexKey(entry);
        if (installation.slots.get(key)?.token !== token) continue;
        installation.slots.set(key, slotOf(entry));
        written += 1;
      }
      return written;
    },

    async markStale(installationId, keys) {
      if (keys.length === 0) return;
      let installation = live(installationId);
      if (!installation) {
        installation = { built: false, expiresAt: 0, slots: new Map() };
        installations.set(installationId, installation);
      }
      if (!installation.built) installation.expiresAt = now() + ttlMs;
      for (const key of keys) installation.slots.set(key, slotOf(null));
    },

    async remove(installationId, keys) {
      const installation = live(installationId);
      if (!installation) return;
      for (const key of keys) installation.slots.delete(key);
      if (!installation.built && installation.slots.size === 0) installations.delete(installationId);
    },

    async drop(installationId) {
      installations.delete(installationId);
    },

    async close() {
      installations.clear();
    },
  };
}
