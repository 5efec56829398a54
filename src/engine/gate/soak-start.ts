/**
 * When image versions started running in a source environment (the soak of
 * a pull request that brings them on runs from then): the choice between
 * Promenade's deployment records of the source, the signed time of a
 * promotion PR, and the git history of the source's files. The caller reads;
 * this decides.
 */
import type { Version } from "../plan/promotion.js";

/** A version a pull request brings, with when its signed promotion data says it reached the source (null: it does not say). */
export interface BroughtVersion {
  image: string;
  version: Version;
  signedSince: Date | null;
}

/** What the source's deployment records say of one version: whether there are any, and the start of its run in them (null: the newest does not run it). */
export interface RecordedStart {
  hasRecords: boolean;
  start: Date | null;
}

/** Where the start of one version comes from: known (null: it cannot be told, or the version no longer runs), or to be read from the git history. */
export type VersionStart = { at: Date | null } | { fromHistory: true };

/**
 * The start of one brought version: with records, the start of its run in
 * them, for a promotion PR the later of that and its signed time; without any
 * record, the signed time; else, when the listing of records was complete
 * (`listingComplete`), the git history; else none.
 */
export function versionStart(recorded: RecordedStart, signedSince: Date | null, listingComplete: boolean): VersionStart {
  if (recorded.hasRecords) return { at: laterStart(recorded.start, signedSince) };
  if (signedSince !== null) return { at: signedSince };
  return listingComplete ? { fromHistory: true } : { at: null };
}

/** The later of a recorded start and a signed one; null when the records say the version does not run. */
export function laterStart(recorded: Date | null, signed: Date | null): Date | null {
  if (recorded === null || signed === null) return recorded;
  return recorded.getTime() >= signed.getTime() ? recorded : signed;
}

/** When the last of the versions started (the soak runs from then); null when any start is not known. */
export function lastStart(starts: readonly (Date | null)[]): Date | null {
  if (starts.some((start) => start === null)) return null;
  return new Date(Math.max(...(starts as Date[]).map((start) => start.getTime())));
}
