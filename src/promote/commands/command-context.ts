/** What every command runs with, and what it answers. */
import type { CommandReply } from "../../engine/markdown/command-reply.js";
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

/** How one command went: done (what was done), or refused (why), as data the reply renders (commandReplyMessage). */
export type CommandResult = CommandReply;

/** The refusal for a name that did not resolve (its reason), with the likely one when there is. */
export function unresolved(resolved: { reason: string; suggestion?: string }): CommandResult {
  return { kind: "unresolved", reason: resolved.reason, ...(resolved.suggestion === undefined ? {} : { suggestion: resolved.suggestion }) };
}
