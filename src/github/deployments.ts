/** GitHub deployments: the history of what ran where, shown in the repository's environments view. */
import { callGitHub } from "./errors.js";
import type { DeploymentRecord, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const CREATE_DEPLOYMENT = "POST /repos/{owner}/{repo}/deployments";
const CREATE_STATUS = "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses";

/**
 * Records that `deployment.environment` runs `deployment.sha`: a deployment
 * (no merge of the default branch into it, no required contexts: the commit
 * is already merged) and its success status, for GitHub's environments view.
 */
export async function recordDeployment(octokit: Octokit, repo: RepoRef, deployment: DeploymentRecord): Promise<void> {
  const where = `${deployment.environment} of ${repoName(repo)}`;
  const { data } = await callGitHub(`record a deployment to ${where}`, CREATE_DEPLOYMENT, () =>
    octokit.request(CREATE_DEPLOYMENT, {
      ...repo,
      ref: deployment.sha,
      task: deployment.task,
      environment: deployment.environment,
      payload: deployment.payload,
      description: deployment.description.slice(0, 140),
      auto_merge: false,
      required_contexts: [],
      production_environment: false,
    }),
  );
  if (!("id" in data)) return;
  await callGitHub(`mark the deployment to ${where} successful`, CREATE_STATUS, () =>
    octokit.request(CREATE_STATUS, {
      ...repo,
      deployment_id: Number(data.id),
      state: "success",
      ...(deployment.logUrl === null ? {} : { log_url: deployment.logUrl }),
      auto_inactive: true,
    }),
  );
}
