/**
 * Events read into their orchestrator's input, shared by the app's handlers
 * and the GitHub Action (src/action/), which get the same payloads: a
 * `promenade-image` dispatch into an ImagePush, a push to the default branch
 * into a DefaultBranchPush, a pull request event into what checkPullRequest
 * takes, a comment into its CommandComment.
 */
import type { EmitterWebhookEvent, EmitterWebhookEventName } from "@octokit/webhooks";
import { z } from "zod";
import { isImageName, tagProblem } from "../engine/images/image-name.js";
import type { ImagePush } from "../engine/plan/promotion.js";
import type { PullRequest } from "../github/github-client.js";
import { toPullRequest } from "../github/pull-requests.js";
import type { CommandComment } from "../promote/commands/run-commands.js";
import type { BranchPush } from "../promote/gate-record.js";
import type { DefaultBranchPush } from "../promote/promote-environment-change.js";

type Payload<E extends EmitterWebhookEventName> = EmitterWebhookEvent<E>["payload"];

/** The `event_type` of a `repository_dispatch` that announces a pushed image. */
export const IMAGE_DISPATCH_EVENT = "promenade-image";

export const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The `client_payload` of a `promenade-image` dispatch: `{image, tag, digest?}`. */
const dispatchPayloadSchema = z.object({
  image: z.string().refine(isImageName, { error: "expected an image name like ghcr.io/acme/api (lowercase, without tag)" }),
  tag: z.string().superRefine((tag, ctx) => {
    const problem = tagProblem(tag);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  }),
  digest: z.string().regex(DIGEST, { error: "expected a digest like sha256:<64 hex digits>" }).nullish(),
});

/** The image a `promenade-image` dispatch announces; `ignored` with why when its client_payload is not one; null for other dispatches. */
export function dispatchedImage(payload: Payload<"repository_dispatch">): { push: ImagePush } | { ignored: string } | null {
  if (payload.action !== IMAGE_DISPATCH_EVENT) return null;
  const parsed = dispatchPayloadSchema.safeParse(payload.client_payload ?? {});
  if (parsed.success) return { push: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${["client_payload", ...issue.path].join(".")}: ${issue.message}`);
  return { ignored: `Ignoring ${IMAGE_DISPATCH_EVENT} dispatch: ${problems.join("; ")}` };
}

/** GitHub lists at most this many commits in a push event: a push of more may change files it does not list. */
const MAX_LISTED_COMMITS = 2048;

/** A push to the default branch as promoteEnvironmentChange takes it, and whether its commits list every file it changed; null for other branches and deletions. */
export function defaultBranchPush(payload: Payload<"push">): { push: DefaultBranchPush; listed: boolean } | null {
  if (payload.deleted || payload.ref !== `refs/heads/${payload.repository.default_branch}`) return null;
  const files = payload.commits.flatMap((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]);
  const head = payload.head_commit;
  const push = {
    sha: payload.after,
    before: payload.before,
    files,
    committedAt: head ? new Date(head.timestamp) : null,
    url: head?.url ?? null,
    actor: payload.sender?.login ?? null,
  };
  return { push, listed: payload.commits.length > 0 && payload.commits.length < MAX_LISTED_COMMITS };
}

/** The pull request events checkPullRequest runs on. */
export const CHECKED_PULL_REQUEST_ACTIONS = ["opened", "reopened", "synchronize", "edited"] as const;

type CheckedPullRequestPayload = Payload<`pull_request.${(typeof CHECKED_PULL_REQUEST_ACTIONS)[number]}`>;

/** What checkPullRequest takes from a pull request event: the open pull request, whether it targets the default branch, the push that made its head; null for a closed one or an edit that kept the base. */
export function pullRequestToCheck(
  payload: CheckedPullRequestPayload,
): { pr: PullRequest; targetsDefaultBranch: boolean; push: BranchPush | undefined } | null {
  if (payload.action === "edited" && payload.changes.base === undefined) return null;
  const pr = toPullRequest(payload.pull_request);
  if (pr.state !== "open") return null;
  const push = payload.action === "synchronize" && payload.sender ? { before: payload.before, sender: payload.sender.login } : undefined;
  return { pr, targetsDefaultBranch: pr.baseBranch === payload.repository.default_branch, push };
}

/** The open pull request into the default branch a review is about; null otherwise. */
export function reviewedPullRequest(payload: Payload<"pull_request_review">): PullRequest | null {
  const pr = toPullRequest(payload.pull_request);
  return pr.state === "open" && pr.baseBranch === payload.repository.default_branch ? pr : null;
}

/** The comment whose commands to run; null for comments by bots, Promenade's own included. */
export function commandComment(payload: Payload<"issue_comment.created">): CommandComment | null {
  const { comment, issue } = payload;
  if (comment.user?.type === "Bot" || comment.performed_via_github_app) return null;
  return { id: comment.id, body: comment.body, author: comment.user?.login ?? "", issueNumber: issue.number, isPullRequest: issue.pull_request !== undefined };
}
