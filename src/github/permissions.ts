/** Who may do what: team membership and repository permission, for the gate's reviewers and the commands. */
import { callGitHub, GitHubError } from "./errors.js";
import type { RepoPermission, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const TEAM_MEMBERSHIP = "GET /orgs/{org}/teams/{team_slug}/memberships/{username}";
const PERMISSION = "GET /repos/{owner}/{repo}/collaborators/{username}/permission";

const PERMISSIONS = new Set<RepoPermission>(["admin", "maintain", "write", "triage", "read", "none"]);

/** Whether `login` is an active member of team `org/teamSlug` (a pending invitation is not membership; an unknown team or user is not). */
export async function isTeamMember(octokit: Octokit, org: string, teamSlug: string, login: string): Promise<boolean> {
  try {
    const { data } = await callGitHub(`read ${login}'s membership of @${org}/${teamSlug}`, TEAM_MEMBERSHIP, () =>
      octokit.request(TEAM_MEMBERSHIP, { org, team_slug: teamSlug, username: login }),
    );
    return data.state === "active";
  } catch (error) {
    if (error instanceof GitHubError && error.status === 404) return false;
    throw error;
  }
}

/** `login`'s permission on the repository; `none` for someone who is not a collaborator. */
export async function permissionOf(octokit: Octokit, repo: RepoRef, login: string): Promise<RepoPermission> {
  try {
    const { data } = await callGitHub(`read ${login}'s permission on ${repoName(repo)}`, PERMISSION, () =>
      octokit.request(PERMISSION, { ...repo, username: login }),
    );
    // role_name tells maintain and triage apart; permission folds them into write and read.
    const role = (data.role_name ?? data.permission) as RepoPermission;
    return PERMISSIONS.has(role) ? role : (data.permission as RepoPermission);
  } catch (error) {
    if (error instanceof GitHubError && error.status === 404) return "none";
    throw error;
  }
}
