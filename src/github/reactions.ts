/** Reactions on comments: how Promenade says it saw a command (👀) and how it went (🚀, 😕). */
import { callGitHub } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const REACT = "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions";

/** A reaction Promenade uses. */
export type Reaction = "eyes" | "rocket" | "confused";

/** Adds `content` to comment `commentId` (GitHub answers 200 when it was already there, so a second delivery adds nothing). */
export async function addReaction(octokit: Octokit, repo: RepoRef, commentId: number, content: Reaction): Promise<void> {
  await callGitHub(`react ${content} to comment ${commentId} in ${repoName(repo)}`, REACT, () =>
    octokit.request(REACT, { ...repo, comment_id: commentId, content }),
  );
}
