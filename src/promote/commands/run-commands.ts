/**
 * Slash commands in an issue or pull request comment: parse,
 * acknowledge, authorise, run each, reply once.
 */
import { parseCommands, type Command, type CommandLine } from "../../engine/commands/index.js";
import { commandHelpMarkdown } from "../../engine/markdown/command-help.js";
import { commandLineResult, commandReplyMarker, commandReplyMarkdown, type CommandLineResult, type ReplyHelp } from "../../engine/markdown/command-reply.js";
import { holdsIssueChangeMarkdown } from "../../engine/markdown/holds.js";
import { PromenadeError } from "../../engine/errors.js";
import type { GitHubClient, RepoRef } from "../../github/github-client.js";
import type { Renderer } from "../../render-manifests/rendered-diff.js";
import { readRepoAtHead } from "../repo-at-head.js";
import { missingPermission } from "./authorize.js";
import type { CommandContext, CommandResult } from "./command-context.js";
import { runCommand } from "./command-handlers.js";

/** The comment the commands are in. */
export interface CommandComment {
  id: number;
  body: string;
  /** The login of its author. */
  author: string;
  issueNumber: number;
  isPullRequest: boolean;
}

/** What running a comment's commands did: nothing (no command in it), or each line's result. */
export type CommandsOutcome = { action: "none" } | { action: "ran"; results: CommandLineResult[] };

/**
 * Runs the commands of `comment` in `repo` at `now`. Steps:
 *
 * 1. Parse the comment; no command line: stop, silently.
 * 2. React 👀.
 * 3. Read the repository at its default branch's head, with its config (none or invalid: refuse, saying so).
 * 4. Check the commenter's permission (`commands.minimumPermission`).
 * 5. Run each command in turn.
 * 6. Reply once (edited, not repeated, when the comment is delivered again), saying when the holds issue was changed by hand; react 🚀 when every command ran, 😕 otherwise.
 */
export async function runCommands(github: GitHubClient, repo: RepoRef, comment: CommandComment, render: Renderer, now: Date): Promise<CommandsOutcome> {
  const lines = parseCommands(comment.body);
  if (lines.length === 0) return { action: "none" };
  await github.addReaction(repo, comment.id, "eyes");
  const at = await readRepoAtHead(github, repo);
  let results: CommandLineResult[];
  let help: ReplyHelp | undefined;
  if (at === null) {
    results = lines.map((line) => commandLineResult(line.text, { kind: "no-config" }));
  } else {
    const context: CommandContext = {
      github,
      repo,
      at,
      commenter: comment.author,
      issueNumber: comment.issueNumber,
      isPullRequest: comment.isPullRequest,
      now,
      render,
    };
    const denied = await missingPermission(github, repo, comment.author, at.config.commands.minimumPermission);
    results = [];
    for (const line of lines) results.push(commandLineResult(line.text, denied ?? (await runLine(context, line))));
    const asked = lines.some((line) => line.ok && line.command.name === "help");
    if (asked || lines.some((line) => !line.ok)) help = { text: commandHelpMarkdown(at.config), folded: !asked };
  }
  const notes = at === null || at.holds.change === null ? [] : [holdsIssueChangeMarkdown(at.holds.change)];
  await github.upsertComment(repo, comment.issueNumber, commandReplyMarker(comment.id), commandReplyMarkdown(comment.id, results, help, notes));
  await github.addReaction(repo, comment.id, results.every((result) => result.ok) ? "rocket" : "confused");
  return { action: "ran", results };
}

/** One line: its problem when it did not parse, else what its command did. */
async function runLine(context: CommandContext, line: CommandLine): Promise<CommandResult> {
  if (!line.ok) {
    const { message, suggestion, usage } = line.problem;
    return { kind: "not-understood", message, ...(suggestion === undefined ? {} : { suggestion }), ...(usage === undefined ? {} : { usage }) };
  }
  return runPermittedCommand(context, line.command);
}

/** What `command` did, run for `context.commenter` (whose permission was checked): a PromenadeError is its `failed` reply. Also runs a ticked box of the dashboard. */
export async function runPermittedCommand(context: CommandContext, command: Command): Promise<CommandResult> {
  try {
    return await runCommand(context, command);
  } catch (error) {
    if (!(error instanceof PromenadeError)) throw error;
    return { kind: "failed", message: error.message };
  }
}
