/** Trigger: a pull request opened, reopened or pushed to gets the `promenade/config` check when it changes the config. */
import type { Probot } from "probot";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { checkConfigChange } from "../promote/config-check.js";

/** Registers the `promenade/config` check on `pull_request` opened, reopened and synchronize. */
export function registerPullRequestConfig(app: Probot): void {
  app.on(["pull_request.opened", "pull_request.reopened", "pull_request.synchronize"], async (context) => {
    const { number, head } = context.payload.pull_request;
    await checkConfigChange(createOctokitGitHub(context.octokit), context.repo(), { number, headSha: head.sha });
  });
}
