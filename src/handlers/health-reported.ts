/**
 * Another tool reported the health of an environment: a deployment status
 * (Argo CD notifications, a CD workflow) or a commit status (Flux's
 * notification-controller). The open promotion PRs whose `requires.healthy`
 * waits on it are settled again (settleHealthDependents). Promenade's own
 * deployment records (task `promenade`) are never a health report, so their
 * statuses wake nothing.
 */
import type { Context } from "probot";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { ownAppId } from "../github/own-app.js";
import { DEPLOYMENT_TASK } from "../promote/deployed-versions.js";
import { settleHealthDependents, type HealthSignal } from "../promote/settle-health-dependents.js";
import type { HandlerApp } from "../service/dispatcher.js";
import type { GateTimers } from "../service/gate-timers.js";

/** Settles the promotion PRs listening to `signal`, arming each one's gate timer. */
export async function settleOnHealth(
  app: HandlerApp,
  timers: GateTimers,
  context: Context<"deployment_status" | "status" | "check_run">,
  signal: HealthSignal,
): Promise<void> {
  const { installation } = context.payload as { installation?: { id: number } };
  const repo = context.repo();
  await settleHealthDependents(
    createOctokitGitHub(context.octokit, app),
    repo,
    signal,
    () => new Date(),
    (pr, outcome) => timers.schedule({ installationId: installation?.id ?? 0, repo, number: pr.number }, outcome?.nextChangeAt ?? null),
  );
}

/** Registers `deployment_status.created` and `status`. */
export function registerHealthReported(app: HandlerApp, timers: GateTimers): void {
  app.on("deployment_status.created", async (context) => {
    const deployment = context.payload.deployment;
    if (deployment.task === DEPLOYMENT_TASK || deployment.performed_via_github_app?.id === (await ownAppId(app))) return;
    await settleOnHealth(app, timers, context, { kind: "deployment", environment: deployment.environment });
  });
  app.on("status", async (context) => {
    await settleOnHealth(app, timers, context, { kind: "check", name: context.payload.context });
  });
}
