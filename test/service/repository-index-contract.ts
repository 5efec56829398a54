/** The behaviour every RepositoryIndexStore has, run against the in-memory and the Redis implementations. */
import { afterEach, expect, it } from "vitest";
import type { IndexedRepository, IndexSlot, RepositoryIndexStore } from "../../src/promote/image-routing/repository-index.js";

export interface IndexStoreFixture {
  /** A new store; stores made by one test share their data when the implementation does (Redis). */
  make(options?: { ttlMs?: number }): Promise<RepositoryIndexStore>;
  /** Lets `ms` pass for the stores' time to live (a fake clock, or a real wait). */
  elapse(ms: number): Promise<void>;
}

const INSTALLATION = 7;

export function repository(key: string, images: string[] = []): IndexedRepository {
  const [owner = "", repo = ""] = key.split("/");
  return { owner, repo, images };
}

async function slots(store: RepositoryIndexStore, installationId = INSTALLATION): Promise<Map<string, IndexSlot>> {
  const read = await store.read(installationId);
  if (!read) throw new Error("the index is not built");
  return read;
}

async function tokenOf(store: RepositoryIndexStore, key: string): Promise<string> {
  const slot = (await slots(store)).get(key);
  if (!slot) throw new Error(`no slot for ${key}`);
  return slot.token;
}

/** Each key's entry (null when stale). */
async function entries(store: RepositoryIndexStore): Promise<Record<string, IndexedRepository | null>> {
  return Object.fromEntries([...(await slots(store))].map(([key, slot]) => [key, slot.entry]));
}

export function indexStoreContract(fixture: IndexStoreFixture, ttlMs: number): void {
  const stores: RepositoryIndexStore[] = [];
  const make = async (options?: { ttlMs?: number }) => {
    const store = await fixture.make(options);
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it("reads null until the index is written, stale marks alone not building it", async () => {
    const store = await make();
    expect(await store.read(INSTALLATION)).toBeNull();
    await store.markStale(INSTALLATION, ["acme/a"]);
    expect(await store.read(INSTALLATION)).toBeNull();
    expect(await store.update(INSTALLATION, [{ entry: repository("acme/a"), token: "any" }])).toBe(0);
  });

  it("reads back what was written, per installation, and a write replaces the whole index with fresh tokens", async () => {
    const store = await make();
    const a = repository("acme/a", ["ghcr.io/acme/api"]);
    const b = repository("acme/b");
    await store.write(INSTALLATION, [a, b]);
    await store.write(8, [repository("other/c")]);
    expect(await entries(store)).toEqual({ "acme/a": a, "acme/b": b });
    const before = await slots(store);
    expect(new Set([...before.values()].map((slot) => slot.token)).size).toBe(2);
    const a2 = repository("acme/a", ["ghcr.io/acme/web"]);
    await store.write(INSTALLATION, [a2]);
    expect(await entries(store)).toEqual({ "acme/a": a2 });
    expect(await tokenOf(store, "acme/a")).not.toBe(before.get("acme/a")?.token);
    expect([...(await slots(store, 8)).keys()]).toEqual(["other/c"]);
    await store.write(9, []);
    expect(await store.read(9)).toEqual(new Map());
  });

  it("keeps a slot marked stale while the entries were being read stale through the write", async () => {
    const store = await make();
    // A rebuild has begun (read answered null); a push marks acme/a before the entries are written.
    await store.markStale(INSTALLATION, ["acme/a", "acme/late"]);
    await store.write(INSTALLATION, [repository("acme/a", ["old"]), repository("acme/b")]);
    expect(await entries(store)).toEqual({ "acme/a": null, "acme/late": null, "acme/b": repository("acme/b") });
    // The same on a built index being rebuilt.
    await store.markStale(INSTALLATION, ["acme/b"]);
    await store.write(INSTALLATION, [repository("acme/b", ["old"])]);
    expect((await slots(store)).get("acme/b")?.entry).toBeNull();
  });

  it("gives a fresh token on each stale mark, adding unknown repositories", async () => {
    const store = await make();
    await store.write(INSTALLATION, [repository("acme/a")]);
    await store.markStale(INSTALLATION, ["acme/a", "acme/new"]);
    const first = await tokenOf(store, "acme/a");
    await store.markStale(INSTALLATION, ["acme/a"]);
    expect(await tokenOf(store, "acme/a")).not.toBe(first);
    expect(await entries(store)).toEqual({ "acme/a": null, "acme/new": null });
  });

  it("writes an update only while its slot holds the token it was read with", async () => {
    const store = await make();
    await store.write(INSTALLATION, [repository("acme/a"), repository("acme/b")]);
    await store.markStale(INSTALLATION, ["acme/a", "acme/b"]);
    const a = await tokenOf(store, "acme/a");
    const b = await tokenOf(store, "acme/b");
    // acme/b is pushed again while it is being read: its read is outdated.
    await store.markStale(INSTALLATION, ["acme/b"]);
    const read = [
      { entry: repository("acme/a", ["img-a"]), token: a },
      { entry: repository("acme/b", ["img-b"]), token: b },
    ];
    expect(await store.update(INSTALLATION, read)).toBe(1);
    expect(await entries(store)).toEqual({ "acme/a": repository("acme/a", ["img-a"]), "acme/b": null });
    const updated = await tokenOf(store, "acme/a");
    expect(updated).not.toBe(a);
    expect(await store.update(INSTALLATION, [{ entry: repository("acme/a", ["again"]), token: a }])).toBe(0);
    expect(await store.update(INSTALLATION, [{ entry: repository("acme/a", ["again"]), token: updated }])).toBe(1);
    expect(await store.update(INSTALLATION, [])).toBe(0);
    expect((await slots(store)).get("acme/a")?.entry).toEqual(repository("acme/a", ["again"]));
  });

  it("refuses an update of a removed repository, and forgets an installation when dropped", async () => {
    const store = await make();
    await store.write(INSTALLATION, [repository("acme/a"), repository("acme/b")]);
    const a = await tokenOf(store, "acme/a");
    await store.remove(INSTALLATION, ["acme/a", "acme/unknown"]);
    await store.remove(INSTALLATION, []);
    expect(await entries(store)).toEqual({ "acme/b": repository("acme/b") });
    expect(await store.update(INSTALLATION, [{ entry: repository("acme/a"), token: a }])).toBe(0);
    await store.remove(INSTALLATION, ["acme/b"]);
    expect(await store.read(INSTALLATION)).toEqual(new Map());
    await store.markStale(INSTALLATION, ["acme/c"]);
    await store.drop(INSTALLATION);
    expect(await store.read(INSTALLATION)).toBeNull();
    await store.write(INSTALLATION, [repository("acme/c")]);
    expect(await entries(store)).toEqual({ "acme/c": repository("acme/c") });
  });

  it("expires an index its time to live after the last write, stale marks not extending it", async () => {
    const store = await make({ ttlMs });
    await store.write(INSTALLATION, [repository("acme/a")]);
    await fixture.elapse(ttlMs * 0.5);
    await store.write(INSTALLATION, [repository("acme/a")]);
    await fixture.elapse(ttlMs * 0.6);
    await store.markStale(INSTALLATION, ["acme/a"]);
    expect(await entries(store)).toEqual({ "acme/a": null });
    await fixture.elapse(ttlMs * 0.6);
    expect(await store.read(INSTALLATION)).toBeNull();
    expect(await store.update(INSTALLATION, [{ entry: repository("acme/a"), token: "any" }])).toBe(0);
  });

  it("expires stale marks made before any write after the time to live", async () => {
    const store = await make({ ttlMs });
    await store.markStale(INSTALLATION, ["acme/old"]);
    await fixture.elapse(ttlMs * 1.3);
    await store.markStale(INSTALLATION, ["acme/recent"]);
    await fixture.elapse(ttlMs * 0.3);
    await store.write(INSTALLATION, [repository("acme/old"), repository("acme/recent")]);
    expect(await entries(store)).toEqual({ "acme/old": repository("acme/old"), "acme/recent": null });
  });
}
