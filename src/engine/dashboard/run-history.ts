/**
 * What Promenade's deployment records of an environment say of the version
 * it runs of one image: since when it runs it, and the version it ran
 * before (what a rollback would put back).
 */
import type { Version } from "../plan/promotion.js";

/** One of Promenade's deployment records of an environment: when it was made, and the version of each image the environment ran from then on. */
export interface RecordedRun {
  at: Date;
  versions: ReadonlyMap<string, Version>;
}

/** Since when the current version runs (null: not known), and the version before it (null: not known). */
export interface RunHistory {
  since: Date | null;
  previous: Version | null;
}

/**
 * The history of `current` of `image` in `records` (newest first): the
 * newest record must run it, then back while they still run it; the earliest
 * of that run is when it started. The first older record that names another
 * version of the image gives the previous one. A record that does not name
 * the image ends the search.
 */
export function runHistory(records: readonly RecordedRun[], image: string, current: Version): RunHistory {
  let since: Date | null = null;
  for (const record of records) {
    const version = record.versions.get(image);
    if (version === undefined) return { since, previous: null };
    if (!runs(version, current)) return { since, previous: since === null ? null : version };
    since = record.at;
  }
  return { since, previous: null };
}

/** Whether a record of `recorded` runs `version`: the same tag, and the same digest where both name one (as soak reads the records). */
function runs(recorded: Version, version: Version): boolean {
  if (recorded.tag !== version.tag) return false;
  return recorded.digest === null || version.digest === null || recorded.digest === version.digest;
}
