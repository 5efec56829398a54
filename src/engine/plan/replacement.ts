import type { ImagePolicy } from "../config/schema.js";
import { compareVersions } from "./compare-versions.js";
import type { RunningVersion } from "./environment-versions.js";
import type { Version } from "./promotion.js";

/**
 * The version to write when `candidate` (already admitted by the image's
 * config) is offered to an environment that runs `running`, or null when it
 * must not replace it. A newer version replaces it, and so does a different
 * version where the image's versions have no order (the newest pushed wins);
 * an older or equal one never does (SPEC section 4), except that an equal
 * version aligns references that disagree, keeping the digest they pin when
 * the candidate names none.
 */
export function replacement(policy: ImagePolicy | undefined, candidate: Version, running: RunningVersion): Version | null {
  const order = compareVersions(policy, candidate, running);
  if (order === null || order > 0) return { tag: candidate.tag, digest: candidate.digest };
  if (order === 0 && !running.consistent) return { tag: candidate.tag, digest: candidate.digest ?? running.digest };
  return null;
}
