/** A review submitted, edited or dismissed: the gate of the pull request is decided again (settlePullRequest). */
import { createOctokitGitHub } from "../github/octokit-github.js";
import { settlePullRequest } from "../promote/settle-pull-request.js";
import type { GateTimers } from "../service/gate-timers.js";
import { reviewedPullRequest } from "./event-inputs.js";
import { gateJob } from "./gate-job.js";
import type { HandlerApp } from "../service/dispatcher.js";

/** Registers the review trigger of the gate; pull requests into other branches than the default one are left alone. */
export function registerPullRequestReview(app: HandlerApp, timers: GateTimers): void {
  app.on(["pull_request_review.submitted", "pull_request_review.edited", "pull_request_review.dismissed"], async (context) => {
    const pr = reviewedPullRequest(context.payload);
    if (pr === null) return;
    const outcome = await settlePullRequest(createOctokitGitHub(context.octokit, app), context.repo(), pr, new Date());
    timers.schedule(gateJob(context, pr.number), outcome?.nextChangeAt ?? null);
  });
}
