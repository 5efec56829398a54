/** Who may run commands: the repository permission the config asks for, and for an environment with `requires.reviewers`, one of them. */
import type { Permission } from "../../engine/config/schema.js";
import type { CommandRefused } from "../../engine/markdown/command-reply.js";
import type { GitHubClient, RepoRef } from "../../github/github-client.js";
import { isAmongReviewers, permissionAtLeast } from "../reviewers.js";

/** Why `login` may not run commands in `repo`; null when they may. One read. */
export async function missingPermission(
  github: Pick<GitHubClient, "permissionOf">,
  repo: RepoRef,
  login: string,
  needed: Permission,
): Promise<CommandRefused | null> {
  const has = await github.permissionOf(repo, login);
  if (permissionAtLeast(has, needed)) return null;
  return { kind: "missing-permission", needed, repository: `${repo.owner}/${repo.repo}`, login, has };
}

/** Why `login` may not run a command on an environment whose `requires.reviewers` are `reviewers`; null when they may (no reviewers: anyone permitted). */
export async function missingReviewer(
  github: Pick<GitHubClient, "isTeamMember">,
  environment: string,
  reviewers: readonly string[] | undefined,
  login: string,
): Promise<CommandRefused | null> {
  if (reviewers === undefined || (await isAmongReviewers(github, reviewers, login))) return null;
  return { kind: "not-reviewer", environment, reviewers };
}
