/**
 * What Promenade does when a pull request is opened, pushed to, reopened or
 * retargeted: the `promenade/config` check when it changes the config; when
 * it changes environments' files on the default branch, the review (the
 * `promenade/policy` check and the comment) and the gate.
 */
import { renderPolicyCheck } from "../engine/render/policy-check.js";
import { POLICY_CHECK_NAME, REVIEW_MARKER, renderReviewComment } from "../engine/render/review-comment.js";
import type { GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
import type { Renderer } from "../render-manifests/rendered-diff.js";
import { checkConfigChange } from "./config-check.js";
import { policyFacts, policyFactsId } from "./policy-facts.js";
import { reviewPullRequest, type ReviewOutcome } from "./review-pull-request.js";
import { gateSections, settlePullRequest, type SettleOutcome } from "./settle-pull-request.js";

/** What checking found: the review (or why there was none) and, after it, the gate. */
export interface CheckOutcome {
  review: ReviewOutcome;
  settled: SettleOutcome | null;
}

/**
 * Checks pull request `pr` of `repo` at `now`. Steps:
 *
 * 1. List the files it changes.
 * 2. The `promenade/config` check, when the config is among them.
 * 3. Only for a pull request into the default branch: review the environments it changes (nothing changed: stop).
 * 4. Write the `promenade/policy` check run.
 * 5. Settle it: the gate of its gated environments, and the merge when it may.
 * 6. Write the Promenade comment (gate sections included), or edit it.
 */
export async function checkPullRequest(
  github: GitHubClient,
  repo: RepoRef,
  pr: PullRequest,
  targetsDefaultBranch: boolean,
  render: Renderer,
  now: Date,
): Promise<CheckOutcome> {
  const files = await github.listPullRequestFiles(repo, pr.number);
  await checkConfigChange(github, repo, pr.headSha, files);
  const review: ReviewOutcome = targetsDefaultBranch ? await reviewPullRequest(github, repo, pr, files, render) : { action: "skipped" };
  if (review.action === "skipped") return { review, settled: null };
  const facts = policyFacts(review.reviews);
  await github.createCheckRun(repo, { name: POLICY_CHECK_NAME, headSha: pr.headSha, externalId: policyFactsId(facts), ...renderPolicyCheck(review.reviews) });
  const settled = await settlePullRequest(github, repo, pr, now, { files, config: review.config, policy: facts, commentFollows: true });
  await github.upsertComment(repo, pr.number, REVIEW_MARKER, renderReviewComment(review.reviews, { gates: gateSections(settled?.gates ?? new Map()) }));
  return { review, settled };
}
