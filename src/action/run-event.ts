/**
 * One workflow run's event, handed to the same orchestrator the app's
 * handler runs for it (the payload read by the same functions,
 * src/handlers/event-inputs.ts). Timers are not used: a `schedule` (or
 * `workflow_dispatch`) run settles every open pull request instead.
 */
import type { EmitterWebhookEvent, EmitterWebhookEventName } from "@octokit/webhooks";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import {
  CHECKED_PULL_REQUEST_ACTIONS,
  commandComment,
  defaultBranchPush,
  dispatchedImage,
  pullRequestToCheck,
  reviewedPullRequest,
} from "../handlers/event-inputs.js";
import { logOutcomes } from "../handlers/log-outcomes.js";
import { checkPullRequest } from "../promote/check-pull-request.js";
import { runCommands } from "../promote/commands/run-commands.js";
import { promoteEnvironmentChange } from "../promote/promote-environment-change.js";
import { promotePushedImage } from "../promote/promote-pushed-image.js";
import { settlePullRequest } from "../promote/settle-pull-request.js";
import type { Renderer } from "../render-manifests/rendered-diff.js";
import { asHandlerLog, type ActionLog } from "./log.js";
import { settleOpenPullRequests } from "./settle-open.js";

/** What an event is handled with. */
export interface EventRun {
  github: GitHubClient;
  repo: RepoRef;
  render: Renderer;
  log: ActionLog;
  now: () => Date;
}

type Payload<E extends EmitterWebhookEventName> = EmitterWebhookEvent<E>["payload"];

const REVIEW_ACTIONS: readonly string[] = ["submitted", "edited", "dismissed"];

/** Runs the orchestrator of event `name` with `payload`; answers whether every part of it succeeded (an orchestrator that throws rejects). */
export async function runEvent(run: EventRun, name: string, payload: { action?: string }): Promise<boolean> {
  const { github, repo, log } = run;
  switch (name) {
    case "repository_dispatch": {
      const dispatched = dispatchedImage(payload as Payload<"repository_dispatch">);
      if (dispatched === null) return skip(log, `repository_dispatch ${payload.action ?? ""} is not for Promenade`);
      if ("ignored" in dispatched) return skip(log, dispatched.ignored);
      log.info(`${dispatched.push.image}:${dispatched.push.tag} pushed`);
      const defaultBranch = (payload as Payload<"repository_dispatch">).repository.default_branch;
      logOutcomes(asHandlerLog(log), await promotePushedImage(github, repo, dispatched.push, defaultBranch));
      return true;
    }
    case "push": {
      const pushed = defaultBranchPush(payload as Payload<"push">);
      if (pushed === null) return skip(log, "a push to another branch than the default one");
      logOutcomes(asHandlerLog(log), await promoteEnvironmentChange(github, repo, pushed.push));
      return true;
    }
    case "pull_request": {
      if (!(CHECKED_PULL_REQUEST_ACTIONS as readonly (string | undefined)[]).includes(payload.action)) return skip(log, `pull_request ${payload.action ?? ""}`);
      const checked = pullRequestToCheck(payload as Payload<"pull_request.opened">);
      if (checked === null) return skip(log, "a closed pull request, or an edit that kept its base");
      const outcome = await checkPullRequest(github, repo, checked.pr, checked.targetsDefaultBranch, run.render, run.now(), checked.push);
      log.info(
        `checked #${checked.pr.number}: ${outcome.review.action === "reviewed" ? `reviewed ${outcome.review.reviews.map((review) => review.environment).join(", ")}` : "nothing to review"}${outcome.settled?.merged === true ? ", merged" : ""}`,
      );
      return true;
    }
    case "pull_request_review": {
      const pr = REVIEW_ACTIONS.includes(payload.action ?? "") ? reviewedPullRequest(payload as Payload<"pull_request_review">) : null;
      if (pr === null) return skip(log, "a review of a pull request that is closed or not into the default branch");
      const outcome = await settlePullRequest(github, repo, pr, run.now());
      log.info(`settled #${pr.number}${outcome?.merged === true ? ": merged" : ""}`);
      return true;
    }
    case "issue_comment": {
      const comment = payload.action === "created" ? commandComment(payload as Payload<"issue_comment.created">) : null;
      if (comment === null) return skip(log, "a comment edited or deleted, or by a bot");
      const outcome = await runCommands(github, repo, comment, run.render, run.now());
      if (outcome.action === "ran")
        log.info(`ran ${outcome.results.length} command(s) of comment ${comment.id}: ${outcome.results.filter((result) => result.ok).length} done`);
      return true;
    }
    case "schedule":
    case "workflow_dispatch":
      return settleOpenPullRequests(run);
    default:
      return skip(log, `the ${name} event is not one Promenade handles`);
  }
}

function skip(log: ActionLog, why: string): true {
  log.info(`nothing to do: ${why}`);
  return true;
}
