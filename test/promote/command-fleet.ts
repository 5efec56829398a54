/**
 * What the orchestrator tests of commands share, on the in-memory GitHub: the
 * test fleet's config with staging gated on one approval, a renderer that is
 * never reached, a policy check Promenade passed, running one comment's
 * commands, and the latest gate of a commit.
 */
import { commandReplyMarker } from "../../src/engine/markdown/command-reply.js";
import type { RepoRef } from "../../src/github/github-client.js";
import { runCommands } from "../../src/promote/commands/run-commands.js";
import type { Renderer } from "../../src/render-manifests/rendered-diff.js";
import { MEMORY_APP, type MemoryGitHub } from "../helpers/memory-github.js";

/** The clock of these tests. */
export const NOW = new Date("2026-03-02T10:00:00Z");

/** The test fleet (dev → staging → prod-eu and prod-us) with staging gated on one approval. */
export const GATED_FLEET_CONFIG = `environments:
  dev: { path: deploy/dev }
  staging:
    path: deploy/staging
    from: dev
    requires:
      approvals: 1
  prod-eu: { path: deploy/prod-eu, from: staging }
  prod-us: { path: deploy/prod-us, from: staging }
`;

/** A renderer these tests never reach (no environment asks for rendered manifests). */
export const noRender: Renderer = () => Promise.reject(new Error("no rendering in these tests"));

/** Promenade's `promenade/policy` check run, passed, on `headSha`: what its review of the PR (not run here) writes. */
export function passPolicy(github: MemoryGitHub, repo: RepoRef, headSha: string): void {
  github.addCheckRun(repo, {
    headSha,
    name: "promenade/policy",
    appId: MEMORY_APP.id,
    conclusion: "success",
    externalId: JSON.stringify({ errors: 0, movedImages: 1 }),
  });
}

/** `author` comments `body` on issue (or PR) `issueNumber` and the commands run: their outcome, Promenade's reply and its reactions to the comment. */
export async function command(github: MemoryGitHub, repo: RepoRef, issueNumber: number, author: string, body: string, isPullRequest = false) {
  const comment = github.addComment(repo, issueNumber, author, body);
  const outcome = await runCommands(github, repo, { id: comment.id, body, author, issueNumber, isPullRequest }, noRender, NOW);
  const reply = github.commentsOn(repo, issueNumber).find((c) => c.body.includes(commandReplyMarker(comment.id)));
  const reactions = github.reactions.filter((r) => r.commentId === comment.id).map((r) => r.content);
  return { outcome, reply, reactions };
}

/** The latest `promenade/gate` check run on `sha`. */
export function latestGate(github: MemoryGitHub, repo: RepoRef, sha: string) {
  return github
    .checkRunsOn(repo, sha)
    .filter((run) => run.name === "promenade/gate")
    .at(-1);
}
