/** Who may run commands: the repository permission the config asks for, and for an environment with `requires.reviewers`, one of them. */
import type { Permission } from "../../engine/config/schema.js";
import { plainText } from "../../engine/render/markdown.js";
import type { GitHubClient, RepoRef } from "../../github/github-client.js";
import { isAmongReviewers, permissionAtLeast } from "../reviewers.js";

/** Why `login` may not run commands in `repo` (inert Markdown: it mentions nobody); null when they may. One read. */
export async function missingPermission(github: Pick<GitHubClient, "permissionOf">, repo: RepoRef, login: string, needed: Permission): Promise<string | null> {
  const has = await github.permissionOf(repo, login);
  if (permissionAtLeast(has, needed)) return null;
  return plainText(`commands need ${needed} permission on ${repo.owner}/${repo.repo}; @${login} has ${has}`);
}

/** Why `login` may not run a command on an environment whose `requires.reviewers` are `reviewers` (inert Markdown: it mentions no reviewer); null when they may (no reviewers: anyone permitted). */
export async function missingReviewer(
  github: Pick<GitHubClient, "isTeamMember">,
  environment: string,
  reviewers: readonly string[] | undefined,
  login: string,
): Promise<string | null> {
  if (reviewers === undefined || (await isAmongReviewers(github, reviewers, login))) return null;
  return plainText(`commands on ${environment} need one of its reviewers: ${reviewers.join(", ")}`);
}
