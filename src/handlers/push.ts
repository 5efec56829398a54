/** Environment changed: a push to the default branch, read into the files it changed for promoteEnvironmentChange (and marked in the repository index). */
import { createOctokitGitHub } from "../github/octokit-github.js";
import { promoteEnvironmentChange } from "../promote/promote-environment-change.js";
import { logOutcomes } from "./log-outcomes.js";
import type { HandlerApp } from "../service/dispatcher.js";
import { markPushed } from "./installation-changed.js";
import { defaultBranchPush } from "./event-inputs.js";

/** Registers the `push` trigger; pushes to other branches, and branch deletions, are ignored. */
export function registerPush(app: HandlerApp): void {
  app.on("push", async (context) => {
    const pushed = defaultBranchPush(context.payload);
    if (pushed === null) return;
    const { push, listed } = pushed;
    await markPushed(app, { ...context.repo(), installationId: context.payload.installation?.id, files: listed ? push.files : null });
    logOutcomes(context.log, await promoteEnvironmentChange(createOctokitGitHub(context.octokit, app), context.repo(), push));
  });
}
