/**
 * A pull request opened, pushed to, reopened or retargeted: the config check,
 * the review of the environments it changes and their gate
 * (checkPullRequest); the gate's next moment is timed.
 */
import type { Context } from "probot";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { toPullRequest } from "../github/pull-requests.js";
import { checkPullRequest } from "../promote/check-pull-request.js";
import { kustomizeRenderer } from "../render-manifests/kustomize-renderer.js";
import type { GateTimers } from "../service/gate-timers.js";
import { gateJob } from "./gate-job.js";
import type { HandlerApp } from "../service/dispatcher.js";

type PullRequestContext = Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.edited">;

/** Registers the pull request checks; an edit counts only when it changed the base branch. */
export function registerPullRequest(app: HandlerApp, timers: GateTimers): void {
  const render = kustomizeRenderer();
  const check = async (context: PullRequestContext): Promise<void> => {
    const pr = toPullRequest(context.payload.pull_request);
    if (pr.state !== "open") return;
    const targetsDefaultBranch = pr.baseBranch === context.payload.repository.default_branch;
    const { payload } = context;
    const push = payload.action === "synchronize" && payload.sender ? { before: payload.before, sender: payload.sender.login } : undefined;
    const outcome = await checkPullRequest(createOctokitGitHub(context.octokit, app), context.repo(), pr, targetsDefaultBranch, render, new Date(), push);
    if (outcome.review.action === "reviewed") context.log.info(`reviewed #${pr.number}: ${outcome.review.reviews.map((review) => review.environment).join(", ")}`);
    timers.schedule(gateJob(context, pr.number), outcome.settled?.nextChangeAt ?? null);
  };
  app.on(["pull_request.opened", "pull_request.reopened", "pull_request.synchronize"], check);
  app.on("pull_request.edited", async (context) => {
    if (context.payload.changes.base !== undefined) await check(context);
  });
}
