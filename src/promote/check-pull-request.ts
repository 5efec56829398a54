/**
 * What Promenade does when a pull request is opened, pushed to, reopened or
 * retargeted: the `promenade/config` check when it changes the config; on
 * the default branch, the gate and, when it changes environments' files, the
 * review (the `promenade/policy` check and the comment).
 */
import { policyCheckMarkdown } from "../engine/markdown/policy-check.js";
import { POLICY_CHECK_NAME, REVIEW_MARKER, reviewCommentMarkdown } from "../engine/markdown/review-comment.js";
import type { GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
import type { Renderer } from "../render-manifests/rendered-diff.js";
import { versionsBrought } from "./brought-versions.js";
import { checkConfigChange } from "./config-check.js";
import { policyFacts, policyFactsId } from "./policy-facts.js";
import { pushersAfter, type BranchPush } from "./gate-record.js";
import { reviewPullRequest, type ReviewOutcome } from "./review-pull-request.js";
import { gateSections } from "../engine/markdown/combined-gate-check.js";
import { settlePullRequest, type SettleOutcome } from "./settle-pull-request.js";

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
 * 3. Only for a pull request into the default branch: review the environments it changes (no config: stop).
 * 4. Nothing reviewed: settle it all the same (its `promenade/gate` check says no gated environment changes, or that the config is invalid), and stop.
 * 5. Write the `promenade/policy` check run.
 * 6. Settle it: the gate of its gated environments, and the merge when it may.
 * 7. Write the Promenade comment (gate sections included), or edit it.
 *
 * `push`: the push that made the head, when this run follows one; its sender never counts as an approver.
 */
export async function checkPullRequest(
  github: GitHubClient,
  repo: RepoRef,
  pr: PullRequest,
  targetsDefaultBranch: boolean,
  render: Renderer,
  now: Date,
  push?: BranchPush,
): Promise<CheckOutcome> {
  const files = await github.listPullRequestFiles(repo, pr.number);
  await checkConfigChange(github, repo, pr.headSha, files);
  if (!targetsDefaultBranch) return { review: { action: "skipped" }, settled: null };
  const review = await reviewPullRequest(github, repo, pr, files, render);
  if (review.action === "skipped" && review.reading?.status === "missing") return { review, settled: null };
  const pushers = push === undefined ? [] : await pushersAfter(github, repo, push);
  if (review.action === "skipped") return { review, settled: await settlePullRequest(github, repo, pr, now, { files, pushers, reading: review.reading }) };
  const facts = policyFacts(review.reviews);
  await github.createCheckRun(repo, { name: POLICY_CHECK_NAME, headSha: pr.headSha, externalId: policyFactsId(facts), ...policyCheckMarkdown(review.reviews) });
  const brought = new Map(review.reviews.map((reviewed) => [reviewed.environment, versionsBrought(reviewed.images)]));
  const settled = await settlePullRequest(github, repo, pr, now, { files, config: review.config, policy: facts, brought, pushers, commentFollows: true });
  await github.upsertComment(repo, pr.number, REVIEW_MARKER, reviewCommentMarkdown(review.reviews, { gates: gateSections(settled?.gates ?? new Map()) }));
  return { review, settled };
}
