/**
 * The dashboard issue kept current: after each event that changes what it
 * shows (a push to the default branch, a pull request into it opened, closed,
 * merged or pushed to, a review, a check run completed on one, a comment with
 * commands), one refresh of that repository's dashboard is queued as the
 * app's own delivery, so it runs after the event's own work, once per event.
 * `PROMENADE_DASHBOARD=off` turns the dashboard off.
 */
import type { Context } from "probot";
import { parseCommands } from "../engine/commands/index.js";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { refreshDashboard } from "../promote/dashboard/refresh-dashboard.js";
import type { HandlerApp } from "../service/dispatcher.js";
import { DASHBOARD_REFRESH, dashboardRefreshDelivery, type DashboardRefreshPayload } from "../service/own-deliveries.js";
import { commandComment, defaultBranchPush } from "./event-inputs.js";

/** Whether the dashboard is on (`PROMENADE_DASHBOARD` is not `off`). */
export function dashboardOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PROMENADE_DASHBOARD !== "off";
}

/** Registers the events after which the dashboard is refreshed, and the refresh itself (`promenade_dashboard`). */
export function registerDashboardRefresh(app: HandlerApp, env: NodeJS.ProcessEnv = process.env): void {
  if (!dashboardOn(env)) return;
  const queue = async (context: Context): Promise<void> => {
    const installation = (context.payload as { installation?: { id?: number } }).installation?.id;
    if (installation === undefined) return;
    await app.enqueue(dashboardRefreshDelivery(context.id, installation, context.repo()));
  };
  app.on("push", async (context) => {
    if (defaultBranchPush(context.payload) !== null) await queue(context);
  });
  app.on(["pull_request.opened", "pull_request.reopened", "pull_request.closed", "pull_request.synchronize"], async (context) => {
    if (context.payload.pull_request.base.ref === context.payload.repository.default_branch) await queue(context);
  });
  app.on(["pull_request_review.submitted", "pull_request_review.dismissed"], async (context) => {
    if (context.payload.pull_request.base.ref === context.payload.repository.default_branch) await queue(context);
  });
  app.on("check_run.completed", async (context) => {
    if (context.payload.check_run.pull_requests.length > 0) await queue(context);
  });
  app.on("issue_comment.created", async (context) => {
    const comment = commandComment(context.payload);
    if (comment !== null && parseCommands(comment.body).length > 0) await queue(context);
  });
  app.onOwn(DASHBOARD_REFRESH, async (delivery) => {
    const { installation, repository } = delivery.payload as DashboardRefreshPayload;
    const repo = { owner: repository.owner.login, repo: repository.name };
    const refreshed = await refreshDashboard(createOctokitGitHub(await delivery.octokit(installation.id), app), repo);
    if (refreshed.action !== "no-config") delivery.log.info(`dashboard #${refreshed.issue} of ${repository.full_name}: ${refreshed.action}`);
  });
}
