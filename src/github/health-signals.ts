/**
 * What reports an environment's health on GitHub (`requires.healthy`): the
 * deployments of the environment made by any tool, each with its latest
 * status; the commit statuses of a commit; and how a commit compares with an
 * earlier one (whether the environment's files changed in between).
 */
import { callGitHub } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const LIST_DEPLOYMENTS = "GET /repos/{owner}/{repo}/deployments";
const LIST_DEPLOYMENT_STATUSES = "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses";
const COMBINED_STATUS = "GET /repos/{owner}/{repo}/commits/{ref}/status";
const COMPARE = "GET /repos/{owner}/{repo}/compare/{basehead}";

/** GitHub lists at most 300 files of a comparison: past that, which files changed is not known. */
const COMPARE_FILE_LIMIT = 300;

/** A deployment of an environment, of any task, as GitHub lists it. */
export interface EnvironmentDeployment {
  id: number;
  sha: string;
  task: string;
  createdAt: Date;
  /** Who created it: a login (an app's bot as `<app-slug>[bot]`); null when GitHub no longer knows the account. */
  creator: string | null;
  /** The id of the GitHub App it was created through; null when none. */
  appId: number | null;
}

/** A commit status: its context and state (`success`, `failure`, `error`, `pending`). */
export interface CommitStatus {
  context: string;
  state: string;
}

/** How commit `head` compares with `base`: `ahead`, `behind`, `identical` or `diverged`, and the paths changed from their merge base to `head` (null when GitHub lists only part of them). */
export interface CommitComparison {
  status: string;
  files: string[] | null;
}

/** The newest `limit` (at most 100) deployments of `environment`, of every task, newest first (one read). */
export async function listEnvironmentDeployments(octokit: Octokit, repo: RepoRef, environment: string, limit: number): Promise<EnvironmentDeployment[]> {
  const { data } = await callGitHub(`list every deployment of ${environment} in ${repoName(repo)}`, LIST_DEPLOYMENTS, () =>
    octokit.request(LIST_DEPLOYMENTS, { ...repo, environment, per_page: Math.min(limit, 100) }),
  );
  return data.slice(0, limit).map((deployment) => ({
    id: Number(deployment.id),
    sha: deployment.sha,
    task: deployment.task,
    createdAt: new Date(deployment.created_at),
    creator: deployment.creator?.login ?? null,
    appId: deployment.performed_via_github_app?.id ?? null,
  }));
}

/** The state of the latest status of deployment `deploymentId` (GitHub lists the newest first); null when it has none. */
export async function latestDeploymentState(octokit: Octokit, repo: RepoRef, deploymentId: number): Promise<string | null> {
  const { data } = await callGitHub(`read the latest status of deployment ${deploymentId} in ${repoName(repo)}`, LIST_DEPLOYMENT_STATUSES, () =>
    octokit.request(LIST_DEPLOYMENT_STATUSES, { ...repo, deployment_id: deploymentId, per_page: 1 }),
  );
  return data[0]?.state ?? null;
}

/** The latest status of each context on commit `sha` (GitHub's combined status, first 100 contexts; one read). */
export async function commitStatuses(octokit: Octokit, repo: RepoRef, sha: string): Promise<CommitStatus[]> {
  const { data } = await callGitHub(`read the commit statuses of ${sha} in ${repoName(repo)}`, COMBINED_STATUS, () =>
    octokit.request(COMBINED_STATUS, { ...repo, ref: sha, per_page: 100 }),
  );
  return data.statuses.map((status) => ({ context: status.context, state: status.state }));
}

/** How commit `head` compares with commit `base` (one read). */
export async function compareCommits(octokit: Octokit, repo: RepoRef, base: string, head: string): Promise<CommitComparison> {
  const { data } = await callGitHub(`compare ${head} with ${base} in ${repoName(repo)}`, COMPARE, () =>
    octokit.request(COMPARE, { ...repo, basehead: `${base}...${head}`, per_page: 1 }),
  );
  const files = data.files ?? [];
  return { status: data.status, files: files.length >= COMPARE_FILE_LIMIT ? null : files.map((file) => file.filename) };
}
