/**
 * The Probot app: registers one handler per trigger, each reading its event
 * and calling one orchestrator in src/promote/; the gate's timers are shared
 * by the handlers that decide gates, and re-armed from GitHub's state on
 * start-up.
 */
import type { Probot } from "probot";
import { registerCheckCompleted } from "./handlers/check-completed.js";
import { registerImagePushed } from "./handlers/image-pushed.js";
import { registerIssueComment } from "./handlers/issue-comment.js";
import { registerPullRequest } from "./handlers/pull-request.js";
import { registerPullRequestReview } from "./handlers/pull-request-review.js";
import { registerPush } from "./handlers/push.js";
import { GateTimers } from "./service/gate-timers.js";
import { reconcileGates } from "./service/reconcile-gates.js";
import { settleLater } from "./service/settle-later.js";

export default function promenade(app: Probot): void {
  const timers = new GateTimers(settleLater(app), app.log);
  registerImagePushed(app);
  registerPush(app);
  registerPullRequest(app, timers);
  registerPullRequestReview(app, timers);
  registerCheckCompleted(app, timers);
  registerIssueComment(app);
  if (process.env.PROMENADE_RECONCILE !== "off") {
    reconcileGates(app, timers).then(
      ({ repositories, pullRequests }) => app.log.info(`start-up: settled ${pullRequests} open pull request(s) in ${repositories} repositories`),
      (error: unknown) => app.log.warn(`start-up reconciliation failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
