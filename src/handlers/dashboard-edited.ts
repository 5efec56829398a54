/**
 * An issue edited by a person: when it is the dashboard, the boxes they
 * ticked run their command (runTickedBoxes). Edits by bots, Promenade's own
 * included, are ignored, and so is every issue not opened by an app.
 */
import { createOctokitGitHub } from "../github/octokit-github.js";
import type { IssueEdit } from "../promote/dashboard/run-ticked-boxes.js";
import { runTickedBoxes } from "../promote/dashboard/run-ticked-boxes.js";
import { kustomizeRenderer } from "../render-manifests/kustomize-renderer.js";
import type { HandlerApp } from "../service/dispatcher.js";
import { dashboardOn } from "./dashboard-refresh.js";

/** The fields of an `issues.edited` payload the dashboard reads. */
interface EditedPayload {
  issue: { number: number; body?: string | null; user: { type?: string } | null; pull_request?: unknown };
  changes: { body?: { from: string } };
  sender: { login: string; type: string };
}

/** The edit to look at: by a person, of an issue (not a pull request) an app opened; null otherwise. */
export function dashboardEdit(payload: EditedPayload): IssueEdit | null {
  const { issue, changes, sender } = payload;
  if (sender.type === "Bot" || issue.user?.type !== "Bot" || issue.pull_request !== undefined) return null;
  return { issueNumber: issue.number, before: changes.body?.from ?? null, after: issue.body ?? "", editor: sender.login };
}

/** Registers `issues.edited`. */
export function registerDashboardEdited(app: HandlerApp, env: NodeJS.ProcessEnv = process.env): void {
  if (!dashboardOn(env)) return;
  const render = kustomizeRenderer(env);
  app.on("issues.edited", async (context) => {
    const edit = dashboardEdit(context.payload);
    if (edit === null) return;
    const outcome = await runTickedBoxes(createOctokitGitHub(context.octokit, app), context.repo(), edit, render, new Date());
    if (outcome.action === "ran")
      context.log.info(`dashboard #${edit.issueNumber} edited by ${edit.editor}: ${outcome.results.length} box(es) ticked, ${outcome.refresh.action}`);
  });
}
