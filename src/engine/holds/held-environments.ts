/**
 * Which environments are held, as Promenade reads them back from its holds
 * issue, and what people changed in that issue since Promenade last wrote
 * it. A change by hand never lifts a hold: a new title is ignored, a closed
 * issue still holds, and when anyone but Promenade last edited its text (who
 * may have pasted back an earlier text, whose signed record still verifies)
 * or its record no longer verifies, so that which environments are held
 * cannot be told, every environment counts as held until `/unhold` lifts
 * them one by one.
 */
import type { BlockedVersion, Hold } from "../markdown/holds.js";

/** A change people made to the holds issue since Promenade last wrote it (`issue`: its number). */
export type HoldsIssueChange =
  /** Its title changed (or its text differs from what Promenade writes now, though Promenade wrote it last): the change is ignored. */
  | { kind: "edited"; issue: number }
  /** It was closed while environments are held: they stay held. */
  | { kind: "closed"; issue: number }
  /** Its text was last edited by anyone but Promenade, or its signed record was removed or changed: every environment counts as held. */
  | { kind: "lost"; issue: number };

/** The held environments. */
export interface HeldEnvironments {
  /** The hold of `environment`, when it is held. */
  get(environment: string): Hold | undefined;
  has(environment: string): boolean;
  /** Every hold, sorted by environment: those recorded and, when the record was lost, one on each of `environments`. */
  list(environments: readonly string[]): Hold[];
  /** What people changed in the holds issue since Promenade last wrote it; null when nothing. */
  readonly change: HoldsIssueChange | null;
  /** The versions blocked (blockedVersions reads them sorted); none when the record was lost (every environment is held then). */
  readonly blocks: readonly BlockedVersion[];
}

/** The holds (and blocked versions) Promenade recorded. */
export function heldEnvironments(holds: readonly Hold[], change: HoldsIssueChange | null = null, blocks: readonly BlockedVersion[] = []): HeldEnvironments {
  const byEnvironment = new Map(holds.map((hold) => [hold.environment, hold]));
  return {
    get: (environment) => byEnvironment.get(environment),
    has: (environment) => byEnvironment.has(environment),
    list: () => sorted([...byEnvironment.values()]),
    change,
    blocks,
  };
}

/** Every environment held by `hold`: the record of the holds issue `issue` was lost to a change by hand. */
export function everyEnvironmentHeld(hold: Omit<Hold, "environment">, issue: number): HeldEnvironments {
  return {
    get: (environment) => ({ environment, ...hold }),
    has: () => true,
    list: (environments) => sorted(environments.map((environment) => ({ environment, ...hold }))),
    change: { kind: "lost", issue },
    blocks: [],
  };
}

function sorted(holds: Hold[]): Hold[] {
  return holds.sort((a, b) => (a.environment < b.environment ? -1 : a.environment > b.environment ? 1 : 0));
}
