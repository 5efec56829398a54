/**
 * A pull request opened, pushed to, reopened or retargeted: the config check,
 * the review of the environments it changes and their gate
 * (checkPullRequest); the gate's next moment is timed.
 */
import type { Context } from "probot";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { checkPullRequest } from "../promote/check-pull-request.js";
import { kustomizeRenderer } from "../render-manifests/kustomize-renderer.js";
import type { GateTimers } from "../service/gate-timers.js";
import { CHECKED_PULL_REQUEST_ACTIONS, pullRequestToCheck } from "./event-inputs.js";
import { gateJob } from "./gate-job.js";
import type { HandlerApp } from "../service/dispatcher.js";

type PullRequestContext = Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.edited">;

/** Registers the pull request checks; an edit counts only when it changed the base branch. */
export function registerPullRequest(app: HandlerApp, timers: GateTimers): void {
  const render = kustomizeRenderer();
  const check = async (context: PullRequestContext): Promise<void> => {
    const checked = pullRequestToCheck(context.payload);
    if (checked === null) return;
    const { pr, targetsDefaultBranch, push } = checked;
    const outcome = await checkPullRequest(createOctokitGitHub(context.octokit, app), context.repo(), pr, targetsDefaultBranch, render, new Date(), push);
    if (outcome.review.action === "reviewed")
      context.log.info(`reviewed #${pr.number}: ${outcome.review.reviews.map((review) => review.environment).join(", ")}`);
    timers.schedule(gateJob(context, pr.number), outcome.settled?.nextChangeAt ?? null);
  };
  app.on(
    CHECKED_PULL_REQUEST_ACTIONS.map((action) => `pull_request.${action}` as const),
    check,
  );
}
