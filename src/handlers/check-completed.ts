/**
 * Another tool's check run or check suite completed on a pull request's
 * head: a gate's `checks`, or a promotion's auto-merge, may now be met. A
 * check run on a commit that is no open pull request's head may report an
 * environment's health (`requires.healthChecks`).
 * Promenade's own check runs and suites are left out (they would wake
 * Promenade again, for ever).
 */
import type { Context } from "probot";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { ownAppId } from "../github/own-app.js";
import { settlePullRequest } from "../promote/settle-pull-request.js";
import type { GateTimers } from "../service/gate-timers.js";
import { gateJob } from "./gate-job.js";
import { settleOnHealth } from "./health-reported.js";
import type { HandlerApp } from "../service/dispatcher.js";

/** Registers `check_run.completed` and `check_suite.completed`. */
export function registerCheckCompleted(app: HandlerApp, timers: GateTimers): void {
  const settleEach = async (context: Context<"check_run" | "check_suite">, numbers: readonly number[]): Promise<void> => {
    const github = createOctokitGitHub(context.octokit, app);
    for (const number of numbers) {
      const pr = await github.getPullRequest(context.repo(), number);
      if (pr.state !== "open" || pr.baseBranch !== context.payload.repository.default_branch) continue;
      const outcome = await settlePullRequest(github, context.repo(), pr, new Date());
      timers.schedule(gateJob(context, number), outcome?.nextChangeAt ?? null);
    }
  };
  app.on("check_run.completed", async (context) => {
    const run = context.payload.check_run;
    if (run.name.startsWith("promenade/")) return;
    // On a commit no open pull request has as its head (a commit of the default branch): it may report an environment's health.
    if (run.pull_requests.length === 0) {
      await settleOnHealth(app, timers, context, { kind: "check", name: run.name });
      return;
    }
    await settleEach(
      context,
      run.pull_requests.map((pr) => pr.number),
    );
  });
  app.on("check_suite.completed", async (context) => {
    const suite = context.payload.check_suite;
    if (suite.pull_requests.length === 0 || suite.app.id === (await ownAppId(app))) return;
    await settleEach(
      context,
      suite.pull_requests.map((pr) => pr.number),
    );
  });
}
