/** The gate a promotion PR would meet the moment it is opened: what `promenade plan` shows, with no GitHub to ask. */
import type { Config } from "../config/schema.js";
import { blockingCount } from "../markdown/policy-check.js";
import type { EnvironmentReview } from "../review/review.js";
import { evaluateGate } from "./evaluate-gate.js";
import type { SourceHealth } from "./health.js";
import type { GateDecision } from "./types.js";

/**
 * The decision for a fresh promotion PR into `review.environment` at `now`:
 * no approvals yet, the versions just arrived in `from` (the soak starts
 * now), no health reported there yet, no hold, no other check run yet, and
 * the review's blocking policy findings. Null when the environment has no `requires`.
 */
export function previewGate(config: Config, review: EnvironmentReview, now: Date): GateDecision | null {
  const environment = config.environments[review.environment];
  if (environment?.requires === undefined) return null;
  return evaluateGate(
    {
      environment: review.environment,
      from: environment.from,
      requires: environment.requires,
      headSha: "",
      reviews: [],
      eligibleApprovers: new Set(),
      triggeredBy: null,
      commitAuthors: [],
      pushers: [],
      sourceSince: review.images.length > 0 ? now : undefined,
      health: freshHealth(review),
      rollback: false,
      hold: null,
      checkRuns: [],
      policyErrors: blockingCount([review]),
      tampered: null,
    },
    now,
  );
}

/** The health of a fresh promotion PR: the versions it brings, not reported healthy anywhere yet; none when it brings none. */
function freshHealth(review: EnvironmentReview): SourceHealth {
  const versions = review.images.flatMap((change) => (change.to === null ? [] : [{ image: change.image, version: change.to }]));
  return versions.length === 0 ? { kind: "none" } : { kind: "reported", versions, deployments: [], checks: [] };
}
