/** A comment created on an issue or pull request: its slash commands (runCommands). Comments by bots, Promenade's own included, are ignored. */
import { createOctokitGitHub } from "../github/octokit-github.js";
import { runCommands } from "../promote/commands/run-commands.js";
import { kustomizeRenderer } from "../render-manifests/kustomize-renderer.js";
import type { HandlerApp } from "../service/dispatcher.js";
import { commandComment } from "./event-inputs.js";

/** Registers `issue_comment.created`. */
export function registerIssueComment(app: HandlerApp): void {
  const render = kustomizeRenderer();
  app.on("issue_comment.created", async (context) => {
    const command = commandComment(context.payload);
    if (command === null) return;
    const outcome = await runCommands(createOctokitGitHub(context.octokit, app), context.repo(), command, render, new Date());
    if (outcome.action === "ran")
      context.log.info(`ran ${outcome.results.length} command(s) of comment ${command.id}: ${outcome.results.filter((result) => result.ok).length} done`);
  });
}
