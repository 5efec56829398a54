/** The deployments of one environment, newest first: where soak reads when a version started running there. */
import { callGitHub } from "./errors.js";
import type { Deployment, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_DEPLOYMENTS = "GET /repos/{owner}/{repo}/deployments";
const PER_PAGE = 100;

/** The deployments of `environment` made as `task`, newest first (GitHub's order), at most `limit`: one read per 100. */
export async function listDeployments(octokit: Octokit, repo: RepoRef, environment: string, task: string, limit: number): Promise<Deployment[]> {
  const listed: Deployment[] = [];
  const perPage = Math.min(PER_PAGE, limit);
  for (let page = 1; listed.length < limit; page += 1) {
    const { data } = await callGitHub(`list the deployments of ${environment} in ${repoName(repo)}`, LIST_DEPLOYMENTS, () =>
      octokit.request(LIST_DEPLOYMENTS, { ...repo, environment, task, per_page: perPage, page }),
    );
    listed.push(
      ...data.map((deployment) => ({
        id: Number(deployment.id),
        sha: deployment.sha,
        createdAt: new Date(deployment.created_at),
        payload: deployment.payload,
        creator: deployment.creator?.login ?? null,
        appId: deployment.performed_via_github_app?.id ?? null,
      })),
    );
    if (data.length < perPage) break;
  }
  return listed.slice(0, limit);
}
