/** What every command runs with, and what it answers. */
import { codeSpan, plainText } from "../../engine/render/markdown.js";
import type { GitHubClient, RepoRef } from "../../github/github-client.js";
import type { Renderer } from "../../render-manifests/rendered-diff.js";
import type { RepoAtHead } from "../repo-at-head.js";

/** Who asked, where, and the repository at its default branch's head. */
export interface CommandContext {
  github: GitHubClient;
  repo: RepoRef;
  at: RepoAtHead;
  /** The login of the person who wrote the command. */
  commenter: string;
  /** The issue or pull request the comment is on. */
  issueNumber: number;
  isPullRequest: boolean;
  now: Date;
  render: Renderer;
}

/** How one command went: done (what was done), or refused (why, in one or a few sentences of Markdown). */
export type CommandResult = { ok: true; message: string } | { ok: false; message: string };

export function done(message: string): CommandResult {
  return { ok: true, message };
}

export function refused(message: string): CommandResult {
  return { ok: false, message };
}

/** The refusal for a name that did not resolve (its reason, inert), with the likely one when there is. */
export function unresolved(resolved: { reason: string; suggestion?: string }): CommandResult {
  return refused(`${plainText(resolved.reason)}${resolved.suggestion === undefined ? "" : ` (did you mean ${codeSpan(resolved.suggestion)}?)`}`);
}
