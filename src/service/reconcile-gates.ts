/**
 * On start-up: every open pull request into a default branch, in every
 * repository the app is installed on whose config has environments, is
 * settled again (its gate decided, a due auto-merge done) and its next
 * moment timed. This is how a restart loses no soak end nor window opening.
 */
import type { Probot } from "probot";
import { listInstallations } from "../github/installations.js";
import { createOctokitGitHub } from "../github/octokit-github.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { readConfigAt } from "../promote/load-config.js";
import { settlePullRequest } from "../promote/settle-pull-request.js";
import type { GateTimers } from "./gate-timers.js";

/** How many pull requests reconciliation settled, and in how many repositories. */
export interface Reconciled {
  repositories: number;
  pullRequests: number;
}

/**
 * Settles the open pull requests of every installation of `app`. Steps:
 *
 * 1. List the installations, then each one's repositories.
 * 2. Per repository: read the config on the default branch (none or invalid: skip).
 * 3. Settle each open pull request into the default branch; time its next moment.
 *
 * A repository that fails is logged and skipped.
 */
export async function reconcileGates(app: Probot, timers: GateTimers, now: () => Date = () => new Date()): Promise<Reconciled> {
  const totals: Reconciled = { repositories: 0, pullRequests: 0 };
  for (const installationId of await listInstallations(await app.auth())) {
    const octokit = await app.auth(installationId);
    const github = createOctokitGitHub(octokit, app);
    for (const repo of await github.installationRepositories()) {
      try {
        const settled = await reconcileRepository(github, repo, installationId, timers, now);
        if (settled !== null) {
          totals.repositories++;
          totals.pullRequests += settled;
        }
      } catch (error) {
        app.log.warn(`reconciling ${repo.owner}/${repo.repo} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return totals;
}

/** Settles the open pull requests of one repository; null when it does not use Promenade. */
async function reconcileRepository(github: GitHubClient, repo: RepoRef, installationId: number, timers: GateTimers, now: () => Date): Promise<number | null> {
  const head = await github.defaultBranchHead(repo);
  const reading = await readConfigAt(github, repo, head.sha);
  if (reading.status !== "valid") return null;
  const open = (await github.listOpenPullRequests(repo)).filter((pr) => pr.baseBranch === head.branch);
  for (const pr of open) {
    const outcome = await settlePullRequest(github, repo, pr, now(), { config: reading.config });
    timers.schedule({ installationId, repo, number: pr.number }, outcome?.nextChangeAt ?? null);
  }
  return open.length;
}
