/**
 * A person edited the dashboard issue: the boxes they ticked run their slash
 * command for them, with the permission rules of a comment's commands; then
 * the dashboard is rendered again from Promenade's state, which unticks the
 * boxes and undoes any other change to its text.
 */
import type { Command } from "../../engine/commands/index.js";
import type { DashboardAction } from "../../engine/dashboard/dashboard-model.js";
import { tickedBoxes } from "../../engine/dashboard/ticked-boxes.js";
import { commandLineResult, type CommandLineResult } from "../../engine/markdown/command-reply.js";
import { DASHBOARD_TITLE, dashboardCommandText, dashboardTickReplyMarkdown, readDashboardBody } from "../../engine/markdown/dashboard.js";
import type { GitHubClient, RepoRef } from "../../github/github-client.js";
import { repoName } from "../../github/repo-name.js";
import type { Renderer } from "../../render-manifests/rendered-diff.js";
import { missingPermission } from "../commands/authorize.js";
import type { CommandContext } from "../commands/command-context.js";
import { runPermittedCommand } from "../commands/run-commands.js";
import { readHolds } from "../holds.js";
import { readRepoAtHead } from "../repo-at-head.js";
import { dataSigningKey } from "../signing-key.js";
import { findOwnIssue } from "../own-issue.js";
import { refreshDashboardAt, type DashboardRefresh } from "./refresh-dashboard.js";

/** A person's edit of an issue, as the `issues.edited` event tells it. */
export interface IssueEdit {
  issueNumber: number;
  /** The body before the edit; null when the edit left the body as it was (a new title). */
  before: string | null;
  /** The body after the edit. */
  after: string;
  /** The login of who edited it. */
  editor: string;
}

/** What an edit of an issue did: nothing (not the dashboard, or no valid config), or the ticked boxes' results and the refresh. */
export type TickedOutcome = { action: "not-dashboard" } | { action: "no-config" } | { action: "ran"; results: CommandLineResult[]; refresh: DashboardRefresh };

/**
 * Runs the boxes `edit` ticked on the dashboard of `repo`, at `now`. Steps:
 *
 * 1. Find the dashboard issue (Promenade's own); the edited issue is not it: stop.
 * 2. Read the repository at its default branch's head, with its config (none or invalid: stop).
 * 3. The ticked boxes: those Promenade rendered in the body before the edit (its signed data) that the edit turned from `[ ]` to `[x]`, with the same words.
 * 4. When any: check the editor's permission (`commands.minimumPermission`) once, then run each box's command for them (the command checks the environment's reviewers).
 * 5. Render the dashboard again from Promenade's state (the holds read again when a command ran: `/rollback` blocks a version) and write it: the boxes are unticked, any other change to its text undone.
 * 6. Reply on the dashboard for the boxes that were not done, saying why.
 */
export async function runTickedBoxes(github: GitHubClient, repo: RepoRef, edit: IssueEdit, render: Renderer, now: Date): Promise<TickedOutcome> {
  const { issue } = await findOwnIssue(github, repo, DASHBOARD_TITLE);
  if (issue === null || issue.number !== edit.issueNumber) return { action: "not-dashboard" };
  const at = await readRepoAtHead(github, repo);
  if (at === null) return { action: "no-config" };
  const ticked = boxesTicked(edit, repoName(repo));
  const results: CommandLineResult[] = [];
  if (ticked.length > 0) {
    const context: CommandContext = { github, repo, at, commenter: edit.editor, issueNumber: issue.number, isPullRequest: false, now, render };
    const denied = await missingPermission(github, repo, edit.editor, at.config.commands.minimumPermission);
    for (const action of ticked)
      results.push(commandLineResult(dashboardCommandText(action), denied ?? (await runPermittedCommand(context, commandOf(action)))));
  }
  const refresh = await refreshDashboardAt(results.length === 0 ? at : { ...at, holds: await readHolds(github, repo) });
  const refused = results.filter((result) => !result.ok);
  if (refused.length > 0) await github.comment(repo, issue.number, dashboardTickReplyMarkdown(edit.editor, refused));
  return { action: "ran", results, refresh };
}

/** The actions of the boxes `edit` ticked, by Promenade's signed rendering of the body before it; none when that body is not Promenade's. */
function boxesTicked(edit: IssueEdit, repo: string): DashboardAction[] {
  if (edit.before === null) return [];
  const reading = readDashboardBody(edit.before, repo, dataSigningKey());
  if (reading.status !== "valid") return [];
  const ticked = new Set(
    tickedBoxes(
      reading.boxes.map((box) => box.line),
      edit.before,
      edit.after,
    ),
  );
  return reading.boxes.filter((box) => ticked.has(box.line)).map((box) => box.action);
}

/** The slash command a box stands for. */
function commandOf(action: DashboardAction): Command {
  return action.name === "promote"
    ? { name: "promote", image: action.image, environment: action.environment }
    : { name: "rollback", environment: action.environment, image: action.image, version: null };
}
