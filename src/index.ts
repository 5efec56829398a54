/**
 * The Probot app: registers one handler per trigger, each reading its event
 * and calling one orchestrator in src/promote/. The service around them
 * (queue, timers, health, metrics, start-up work) is src/service/.
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import { registerCheckCompleted } from "./handlers/check-completed.js";
import { registerHealthReported } from "./handlers/health-reported.js";
import { registerDashboardEdited } from "./handlers/dashboard-edited.js";
import { registerDashboardRefresh } from "./handlers/dashboard-refresh.js";
import { registerImagePushed } from "./handlers/image-pushed.js";
import { registerInstallationChanged } from "./handlers/installation-changed.js";
import { registerIssueComment } from "./handlers/issue-comment.js";
import { registerPullRequest } from "./handlers/pull-request.js";
import { registerPullRequestReview } from "./handlers/pull-request-review.js";
import { registerPush } from "./handlers/push.js";
import { registerRoutedPush } from "./handlers/routed-push.js";
import { startService, type RegisterHandlers } from "./service/start-service.js";

/** Every trigger's handler, on the dispatcher. */
export const registerHandlers: RegisterHandlers = (handlers, timers) => {
  registerImagePushed(handlers);
  registerRoutedPush(handlers);
  registerInstallationChanged(handlers);
  registerPush(handlers);
  registerPullRequest(handlers, timers);
  registerPullRequestReview(handlers, timers);
  registerCheckCompleted(handlers, timers);
  registerHealthReported(handlers, timers);
  registerIssueComment(handlers);
  registerDashboardRefresh(handlers);
  registerDashboardEdited(handlers);
};

export default function promenade(app: Probot, options?: Partial<ApplicationFunctionOptions>): void {
  startService(app, options, registerHandlers);
}
