/**
 * Whether a pull request is a promotion Promenade made and nobody changed
 * since: the only kind Promenade merges, and the only kind whose recorded
 * trigger and soak start the gate believes. Everything a person can edit
 * (the body, the branch, the commits) is checked against what the app
 * signed; a mismatch is said, never trusted.
 */
import type { PromotionBodyReading } from "../markdown/promotion-body.js";
import type { PromotionData } from "../markdown/promotion-data.js";
import { loginKey } from "./format.js";

/** The branches Promenade opens promotion PRs from. */
export const PROMOTION_BRANCH_PREFIX = "promenade/";

/** What the gate and the merge may believe of a pull request. */
export type PromotionTrust =
  /** Promenade opened it, its signed data describes its head commit, which Promenade made. */
  | { kind: "promotion"; data: PromotionData }
  /** A pull request people made: judged as such, whatever its body says. */
  | { kind: "hand-made" }
  /** A promotion PR that people changed since (`data`: the signed record, when still authentic). */
  | { kind: "changed"; reason: string; data: PromotionData | null };

/** The facts of a pull request the trust depends on. */
export interface TrustedFacts {
  author: string;
  headBranch: string;
  headSha: string;
}

/** The trust of a pull request with `facts` and body `reading`, when Promenade's bot is `appLogin`. */
export function promotionTrust(facts: TrustedFacts, reading: PromotionBodyReading, appLogin: string): PromotionTrust {
  const byApp = loginKey(facts.author) === loginKey(appLogin);
  if (!byApp) return { kind: "hand-made" };
  const onPromotionBranch = facts.headBranch.startsWith(PROMOTION_BRANCH_PREFIX);
  if (reading.status === "missing") {
    return onPromotionBranch ? { kind: "changed", reason: "Promenade's data was removed from the pull request's body", data: null } : { kind: "hand-made" };
  }
  if (reading.status === "forged") return { kind: "changed", reason: "Promenade's data in the pull request's body was changed by hand", data: null };
  const { data } = reading;
  if (!onPromotionBranch || data.branch !== facts.headBranch) {
    return { kind: "changed", reason: "the pull request's body holds Promenade's data of another branch", data: null };
  }
  if (data.commit !== facts.headSha) return { kind: "changed", reason: "commits were pushed to the branch after Promenade's own", data };
  return { kind: "promotion", data };
}

/**
 * Whether the files a pull request changes are exactly those of its
 * promotion's commit: a promotion whose branch gained other changes is not
 * Promenade's to merge.
 */
export function changesOnlyPromotionFiles(data: PromotionData, files: readonly string[]): boolean {
  const expected = new Set(data.files ?? []);
  const changed = new Set(files);
  return expected.size > 0 && expected.size === changed.size && [...changed].every((file) => expected.has(file));
}
