/** A comment created on an issue or pull request: its slash commands (runCommands). Comments by bots, Promenade's own included, are ignored. */
import { createOctokitGitHub } from "../github/octokit-github.js";
import { runCommands } from "../promote/commands/run-commands.js";
import { kustomizeRenderer } from "../render-manifests/kustomize-renderer.js";
import type { HandlerApp } from "../service/dispatcher.js";

/** Registers `issue_comment.created`. */
export function registerIssueComment(app: HandlerApp): void {
  const render = kustomizeRenderer();
  app.on("issue_comment.created", async (context) => {
    const { comment, issue } = context.payload;
    if (comment.user?.type === "Bot" || comment.performed_via_github_app) return;
    const command = { id: comment.id, body: comment.body, author: comment.user?.login ?? "", issueNumber: issue.number, isPullRequest: issue.pull_request !== undefined };
    const outcome = await runCommands(createOctokitGitHub(context.octokit, app), context.repo(), command, render, new Date());
    if (outcome.action === "ran") context.log.info(`ran ${outcome.results.length} command(s) of comment ${comment.id}: ${outcome.results.filter((result) => result.ok).length} done`);
  });
}
