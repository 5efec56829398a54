import type { ImagePolicy } from "../config/schema.js";
import { compareVersions } from "./compare-versions.js";
import type { RunningVersion } from "./environment-versions.js";
import type { Version } from "./promotion.js";

/** How a replacing version relates to the running one: newer, older (only when allowed), the same (aligning references), or not known. */
export type ReplacementOrder = "newer" | "older" | "same" | "unordered";

/** The version to write and how it relates to the running one, or why the candidate does not replace it. */
export type Replacement = { version: Version; order: ReplacementOrder } | { skip: "older" | "same" };

/**
 * What happens when `candidate` (already admitted by the image's config) is
 * offered to an environment that runs `running`. A newer version replaces
 * it, and so does a different version whose order cannot be told
 * (`unordered`: the PR says so); an equal one does not, except that it
 * aligns references that disagree, keeping the digest they pin when the
 * candidate names none; an older one never does, unless
 * `allowOlder` (a command that may go back).
 */
export function replacement(policy: ImagePolicy | undefined, candidate: Version, running: RunningVersion, allowOlder = false): Replacement {
  const order = compareVersions(policy, candidate, running);
  const version = { tag: candidate.tag, digest: candidate.digest };
  if (order === null) return { version, order: "unordered" };
  if (order > 0) return { version, order: "newer" };
  if (order < 0) return allowOlder ? { version, order: "older" } : { skip: "older" };
  if (!running.consistent) return { version: { tag: candidate.tag, digest: candidate.digest ?? running.digest }, order: "same" };
  return { skip: "same" };
}
