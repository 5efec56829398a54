/** What the gate reads and what it decides. Plain data: no GitHub, no clock. */
import type { Requirements } from "../config/schema.js";
import type { SourceHealth } from "./health.js";

/** A review of the PR as GitHub lists it (GET /pulls/{n}/reviews), in the order given (chronological). */
export interface GateReview {
  reviewer: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  commitId: string;
  submittedAt: Date;
}

/** A check run on the head commit. */
export interface GateCheckRun {
  name: string;
  status: "queued" | "in_progress" | "completed" | string;
  conclusion: string | null;
}

/** A hold on the environment (set by `/hold`). */
export interface GateHold {
  by: string;
  reason: string | null;
  at: Date;
}

/** A version a pull request brings into the environment, blocked there by `/rollback` (until `/unblock`). */
export interface GateBlockedVersion {
  image: string;
  /** As shown (formatVersion). */
  version: string;
  by: string;
  at: Date;
}

export interface GateInput {
  environment: string;
  /** The environment the PR promotes from, named in the soak's texts; default "the source environment". */
  from?: string;
  requires: Requirements;
  headSha: string;
  reviews: readonly GateReview[];
  /**
   * Logins allowed to approve (the caller resolved `reviewers` teams/users, or people with write permission when
   * `reviewers` is absent), lower-case. Only reviewers in candidateApprovers(...) need be resolved.
   */
  eligibleApprovers: ReadonlySet<string>;
  /**
   * Who triggered the promotion (the pusher of the source change, or the commenter of /promote or /rollback); their
   * approval never counts. null when unknown.
   */
  triggeredBy: string | null;
  /** Authors/committers (logins) of the PR's commits, the head commit's among them: their approvals never count. */
  commitAuthors: readonly string[];
  /** Who pushed to the PR's branch (the senders of its pushes, as Promenade recorded them): their approvals never count. */
  pushers: readonly string[];
  /**
   * When the versions this PR brings started running in `from` (the merge time of that change); null when unknown
   * (soak cannot be measured → not met, saying so), undefined when the PR moves no image version (soak does not apply).
   */
  sourceSince: Date | null | undefined;
  /** What reports the health of the versions this PR brings in `from` (`requires.healthy`); absent: none gathered (health does not apply, or the PR moves no version). */
  health?: SourceHealth;
  /** A rollback PR skips soak and health (every other requirement stays). */
  rollback: boolean;
  hold: GateHold | null;
  /** The versions this PR brings into `environment` that a `/rollback` blocked there; absent or empty: none (the requirement does not apply). */
  blocked?: readonly GateBlockedVersion[];
  checkRuns: readonly GateCheckRun[];
  /** Error-severity policy findings on the head (promenade/policy); null when the policies have not been evaluated on this head yet. */
  policyErrors: number | null;
  /** Why Promenade's record of this promotion PR cannot be believed (edited by hand, commits pushed by hand); null when it can, or the PR is not a promotion. */
  tampered: string | null;
}

export type RequirementKind = "integrity" | "approvals" | "soak" | "health" | "window" | "hold" | "blocked" | "checks" | "policy";

export interface RequirementStatus {
  kind: RequirementKind;
  met: boolean;
  /** One line for the list, e.g. "1 of 2 approvals from @acme/sre, alice (approved: @bob)". */
  detail: string;
  /** Short, for the check title when not met, e.g. "1 of 2 approvals from @acme/sre" or "soak 12m left". */
  missing?: string;
  /** The next instant at which this requirement may change by itself (soak end, window opening or closing). */
  changesAt?: Date;
}

/** Why the gate will be looked at again by itself. */
export type GateChangeReason = "soak ends" | "window opens" | "window closes";

export interface GateDecision {
  passed: boolean;
  /**
   * Only those that apply, in this order: integrity when the promotion PR was changed by hand; approvals when approvals > 0; soak when soak set; health when healthy set; window when windows
   * non-empty; hold always (met when not held); blocked when the PR brings a blocked version (never met); checks when checks non-empty; policy always.
   */
  requirements: RequirementStatus[];
  /** "Gate passed" or the `missing` texts joined by "; ". */
  title: string;
  /** The next instant at which the decision may change by itself (soak ends, a window opens, or the open window closes); null when none. */
  nextChangeAt: Date | null;
  /** What happens at nextChangeAt; null when nextChangeAt is. */
  nextChangeReason?: GateChangeReason | null;
  /** The instant the decision was made for (`now`). */
  evaluatedAt?: Date;
}
