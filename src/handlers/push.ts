/** Environment changed: a push to the default branch, read into the files it changed for promoteEnvironmentChange (and marked in the repository index). */
import { createOctokitGitHub } from "../github/octokit-github.js";
import { promoteEnvironmentChange } from "../promote/promote-environment-change.js";
import { logOutcomes } from "./log-outcomes.js";
import type { HandlerApp } from "../service/dispatcher.js";
import { markPushed } from "./installation-changed.js";

/** GitHub lists at most this many commits in a push event: a push of more may change files it does not list. */
const MAX_LISTED_COMMITS = 2048;

/** Registers the `push` trigger; pushes to other branches, and branch deletions, are ignored. */
export function registerPush(app: HandlerApp): void {
  app.on("push", async (context) => {
    const { payload } = context;
    if (payload.deleted || payload.ref !== `refs/heads/${payload.repository.default_branch}`) return;
    const files = payload.commits.flatMap((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]);
    const listed = payload.commits.length > 0 && payload.commits.length < MAX_LISTED_COMMITS;
    await markPushed(app, { ...context.repo(), installationId: payload.installation?.id, files: listed ? files : null });
    const head = payload.head_commit;
    const push = { sha: payload.after, before: payload.before, files, committedAt: head ? new Date(head.timestamp) : null, url: head?.url ?? null, actor: payload.sender?.login ?? null };
    logOutcomes(context.log, await promoteEnvironmentChange(createOctokitGitHub(context.octokit, app), context.repo(), push));
  });
}
