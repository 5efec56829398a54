/** Comments on issues and pull requests, including the one Promenade edits in place. */
import { callGitHub } from "./errors.js";
import type { Comment, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_COMMENTS = "GET /repos/{owner}/{repo}/issues/{issue_number}/comments";
const CREATE_COMMENT = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";
const UPDATE_COMMENT = "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}";

/** Posts a new comment on an issue or pull request. */
export async function comment(octokit: Octokit, repo: RepoRef, issueNumber: number, body: string): Promise<Comment> {
  const { data } = await callGitHub(`comment on #${issueNumber} in ${repoName(repo)}`, CREATE_COMMENT, () =>
    octokit.request(CREATE_COMMENT, { ...repo, issue_number: issueNumber, body }),
  );
  return { id: Number(data.id), url: data.html_url };
}

/**
 * Edits the comment containing `marker`, or creates one: one comment per
 * issue, never duplicated. Only a bot's comment counts (a person quoting
 * the marker does not get their comment edited). `body` gets the marker
 * prepended when it lacks it. Reads every page of comments; writes only when
 * the body changed.
 */
export async function upsertComment(octokit: Octokit, repo: RepoRef, issueNumber: number, marker: string, body: string): Promise<Comment> {
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  const existing = await findMarkedComment(octokit, repo, issueNumber, marker);
  if (!existing) return comment(octokit, repo, issueNumber, text);
  if (existing.body !== text) {
    await callGitHub(`edit comment ${existing.id} on #${issueNumber} in ${repoName(repo)}`, UPDATE_COMMENT, () =>
      octokit.request(UPDATE_COMMENT, { ...repo, comment_id: existing.id, body: text }),
    );
  }
  return { id: Number(existing.id), url: existing.html_url };
}

/**
 * Rewrites Promenade's comment containing `marker` with `edit` (given its
 * body); writes nothing when there is no such comment or the body stays the
 * same. Answers whether it wrote.
 */
export async function editComment(octokit: Octokit, repo: RepoRef, issueNumber: number, marker: string, edit: (body: string) => string): Promise<boolean> {
  const existing = await findMarkedComment(octokit, repo, issueNumber, marker);
  if (existing === undefined) return false;
  const body = edit(existing.body ?? "");
  if (body === existing.body) return false;
  await callGitHub(`edit comment ${existing.id} on #${issueNumber} in ${repoName(repo)}`, UPDATE_COMMENT, () =>
    octokit.request(UPDATE_COMMENT, { ...repo, comment_id: existing.id, body }),
  );
  return true;
}

/** Promenade's (a bot's) comment on the issue containing `marker`, reading every page. */
async function findMarkedComment(octokit: Octokit, repo: RepoRef, issueNumber: number, marker: string) {
  const comments = await callGitHub(`read the comments of #${issueNumber} in ${repoName(repo)}`, LIST_COMMENTS, () =>
    octokit.paginate(LIST_COMMENTS, { ...repo, issue_number: issueNumber, per_page: 100 }),
  );
  return comments.find((c) => c.user?.type === "Bot" && c.body?.includes(marker));
}
