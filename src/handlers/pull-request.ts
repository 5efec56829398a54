/**
 * A pull request opened, pushed to, reopened or retargeted: the config check
 * and the review of the environments it changes (checkPullRequest).
 */
import type { Context, Probot } from "probot";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { checkPullRequest } from "../promote/check-pull-request.js";
import { kustomizeRenderer } from "../render-manifests/kustomize-renderer.js";

type PullRequestContext = Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.edited">;

/** Registers the pull request checks; an edit counts only when it changed the base branch. */
export function registerPullRequest(app: Probot): void {
  const render = kustomizeRenderer();
  const check = async (context: PullRequestContext): Promise<void> => {
    const { number, base, head, state } = context.payload.pull_request;
    if (state !== "open") return;
    const pr = { number, baseSha: base.sha, headSha: head.sha, targetsDefaultBranch: base.ref === context.payload.repository.default_branch };
    const outcome = await checkPullRequest(createOctokitGitHub(context.octokit), context.repo(), pr, render);
    if (outcome.action === "reviewed") context.log.info(`reviewed #${number}: ${outcome.reviews.map((review) => review.environment).join(", ")}`);
  };
  app.on(["pull_request.opened", "pull_request.reopened", "pull_request.synchronize"], check);
  app.on("pull_request.edited", async (context) => {
    if (context.payload.changes.base !== undefined) await check(context);
  });
}
