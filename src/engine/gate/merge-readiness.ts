/**
 * Whether a pull request into the default branch is merged by Promenade:
 * which pull requests it may merge at all (a promotion PR it made, nobody
 * changed since), and when everything passed for the merge.
 */
import type { Config } from "../config/schema.js";
import { changesOnlyPromotionFiles, type PromotionTrust } from "./promotion-trust.js";
import type { GateCheckRun, GateDecision } from "./types.js";

/** What the merge asks of the pull request itself. */
export interface MergeCandidate {
  fromFork: boolean;
  state: string;
}

/** The conclusions of other check runs that do not hold a merge back. */
const PASSING_CONCLUSIONS = ["success", "neutral", "skipped"];

/**
 * Whether `pr` is to be merged once ready: a promotion PR Promenade opened
 * and nobody changed since (its signed data describes its head commit, and
 * it changes exactly that commit's files), from this repository, open, into
 * environments that all have `autoMerge` (or `now`, for `/promote`).
 */
export function mayMerge(
  config: Config,
  environments: readonly string[],
  pr: MergeCandidate,
  trust: PromotionTrust,
  files: readonly string[],
  now: boolean,
): boolean {
  if (trust.kind !== "promotion" || pr.fromFork || pr.state !== "open") return false;
  if (!environments.includes(trust.data.environment) || !changesOnlyPromotionFiles(trust.data, files)) return false;
  return now || environments.every((name) => config.environments[name]?.autoMerge === true);
}

/**
 * Whether everything passed for a merge: every gate, Promenade's policies
 * (`policy`: its error count on the head; null when not evaluated yet), and
 * every other app's check run on the head (`others`) completed without failing.
 */
export function readyToMerge(gates: ReadonlyMap<string, GateDecision>, others: readonly GateCheckRun[], policy: { errors: number } | null): boolean {
  if (![...gates.values()].every((gate) => gate.passed) || policy === null || policy.errors > 0) return false;
  return others.every((run) => run.status === "completed" && PASSING_CONCLUSIONS.includes(run.conclusion ?? ""));
}

/** The earliest of `times` (none: null): the next moment any of the gates may change by itself. */
export function earliestChange(times: readonly (Date | null)[]): Date | null {
  const set = times.filter((time): time is Date => time !== null);
  return set.length === 0 ? null : new Date(Math.min(...set.map((time) => time.getTime())));
}
