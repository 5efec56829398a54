/**
 * Who may act on an environment: a repository permission at least as high as
 * needed, or being among an environment's `requires.reviewers` (named by
 * login, or a member of a team named there).
 */
import { PERMISSIONS, type Permission } from "../engine/config/schema.js";
import type { GitHubClient, RepoPermission } from "../github/github-client.js";

/** Whether `has` is `needed` or higher (read < triage < write < maintain < admin; `none` is below all). */
export function permissionAtLeast(has: RepoPermission, needed: Permission): boolean {
  return has !== "none" && PERMISSIONS.indexOf(has) >= PERMISSIONS.indexOf(needed);
}

/** Whether `login` is one of `reviewers` (logins and `@org/team` slugs): by name first, then team by team (one read each). */
export async function isAmongReviewers(github: Pick<GitHubClient, "isTeamMember">, reviewers: readonly string[], login: string): Promise<boolean> {
  if (reviewers.some((reviewer) => reviewer.toLowerCase() === login.toLowerCase())) return true;
  for (const team of reviewers.filter((reviewer) => reviewer.startsWith("@"))) {
    const [org = "", slug = ""] = team.slice(1).split("/");
    if (await github.isTeamMember(org, slug, login)) return true;
  }
  return false;
}
