/**
 * What the gate needs from the review of a head commit, carried by the
 * `promenade/policy` check run's `external_id` so a later event (a review, a
 * timer) need not review the pull request again.
 */
import { z } from "zod";
import { blockingCount } from "../engine/markdown/policy-check.js";
import { POLICY_CHECK_NAME } from "../engine/markdown/review-comment.js";
import type { EnvironmentReview } from "../engine/review/review.js";
import type { CheckRun } from "../github/github-client.js";

/** Error-severity findings (and unreadable files) on the head, and how many image versions it moves. */
export interface PolicyFacts {
  errors: number;
  movedImages: number;
}

const factsSchema = z.object({ errors: z.number().int().min(0), movedImages: z.number().int().min(0) });

/** The facts of the reviews of one head commit. */
export function policyFacts(reviews: readonly EnvironmentReview[]): PolicyFacts {
  return { errors: blockingCount(reviews), movedImages: reviews.reduce((sum, review) => sum + review.images.length, 0) };
}

/** The facts as the check run's `external_id`. */
export function policyFactsId(facts: PolicyFacts): string {
  return JSON.stringify(facts);
}

/** The facts the `promenade/policy` run among `runs` carries; null when there is none (not reviewed yet) or it carries none. */
export function readPolicyFacts(runs: readonly CheckRun[]): PolicyFacts | null {
  const run = runs.find((candidate) => candidate.name === POLICY_CHECK_NAME);
  if (run === undefined || run.externalId === null) return null;
  try {
    const parsed = factsSchema.safeParse(JSON.parse(run.externalId));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
