/** The reviews of a pull request, as the gate counts them. */
import { callGitHub } from "./errors.js";
import type { RepoRef, Review } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_REVIEWS = "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews";

const STATES = new Set<Review["state"]>(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"]);

/** Every review of pull request `number`, oldest first (as GitHub lists them), reading every page. */
export async function listReviews(octokit: Octokit, repo: RepoRef, number: number): Promise<Review[]> {
  const reviews = await callGitHub(`list the reviews of #${number} in ${repoName(repo)}`, LIST_REVIEWS, () =>
    octokit.paginate(LIST_REVIEWS, { ...repo, pull_number: number, per_page: 100 }),
  );
  return reviews.flatMap((review): Review[] => {
    const state = review.state as Review["state"];
    if (!review.user || !STATES.has(state)) return [];
    return [{ reviewer: review.user.login, state, commitId: review.commit_id ?? "", submittedAt: new Date(review.submitted_at ?? 0) }];
  });
}
