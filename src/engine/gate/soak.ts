/** Soak: the versions must have run in the `from` environment for `requires.soak` before they move on. */
import { formatDuration, parseDuration } from "../config/duration.js";
import { utcText, waitText } from "./format.js";
import type { GateInput, RequirementStatus } from "./types.js";

/** The soak requirement at `now`; null when no soak is required. */
export function soakStatus(input: GateInput, now: Date): RequirementStatus | null {
  const soak = input.requires.soak;
  if (soak === undefined) return null;
  const needed = parseDuration(soak) ?? 0;
  const from = input.from ?? "the source environment";
  const kind = "soak";
  if (input.rollback) return { kind, met: true, detail: `soak ${soak}: skipped for a rollback` };
  if (input.sourceSince === undefined) return { kind, met: true, detail: `soak ${soak}: no image version changes` };
  if (input.sourceSince === null) {
    return {
      kind,
      met: false,
      detail: `soak ${soak}: cannot tell when the version reached ${from}`,
      missing: `soak: cannot tell when the version reached ${from}`,
    };
  }
  const since = input.sourceSince;
  const ends = new Date(since.getTime() + needed);
  const ran = now.getTime() - since.getTime();
  if (ran >= needed) {
    return { kind, met: true, detail: `soak ${soak}: running in ${from} since ${utcText(since)} (${formatDuration(ran)})` };
  }
  const left = waitText(ends.getTime() - now.getTime());
  return {
    kind,
    met: false,
    detail: `soak ${soak}: running in ${from} since ${utcText(since)}, ${left} left (until ${utcText(ends)})`,
    missing: `soak ${left} left`,
    changesAt: ends,
  };
}
