/**
 * On start-up: every open pull request into a default branch, in every
 * repository the app is installed on whose config has environments, is
 * settled again (its gate decided, a due auto-merge done) and its next
 * moment timed. This is how a restart loses no soak end nor window opening.
 * The caller owns the installations' clients and the timers.
 */
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { settleOpenPullRequests, type SettleOpenGitHub } from "./settle-open-pull-requests.js";

/** What reconciliation reads and writes on GitHub, per installation. */
export type ReconcileGitHub = SettleOpenGitHub & Pick<GitHubClient, "installationRepositories">;

/** A pull request to settle again at a moment: its installation, repository and number. */
export interface SettleJob {
  installationId: number;
  repo: RepoRef;
  number: number;
}

/** Settles `job` again at `at` (null: no moment; forget any timed before). */
export type ScheduleSettle = (job: SettleJob, at: Date | null) => void;

/** Where reconciliation reports a repository it skipped after a failure. */
export interface ReconcileLog {
  warn(message: string): void;
}

/** How many pull requests reconciliation settled, and in how many repositories. */
export interface Reconciled {
  repositories: number;
  pullRequests: number;
}

/**
 * Settles the open pull requests of every installation in `installations`.
 * Steps:
 *
 * 1. Per installation, its client (`connect`), then its repositories.
 * 2. Per repository, settle each open pull request into the default branch (settleOpenPullRequests; no config or an invalid one: skip); `schedule` its next moment.
 *
 * A repository that fails is logged and skipped.
 */
export async function reconcileGates(
  installations: readonly number[],
  connect: (installationId: number) => Promise<ReconcileGitHub>,
  schedule: ScheduleSettle,
  log: ReconcileLog,
  now: () => Date = () => new Date(),
): Promise<Reconciled> {
  const totals: Reconciled = { repositories: 0, pullRequests: 0 };
  for (const installationId of installations) {
    const github = await connect(installationId);
    for (const repo of await github.installationRepositories()) {
      try {
        const settled = await settleOpenPullRequests(github, repo, now, {
          invalidConfig: "skip",
          onSettled: (pr, outcome) => schedule({ installationId, repo, number: pr.number }, outcome?.nextChangeAt ?? null),
        });
        if (settled.status === "settled") {
          totals.repositories++;
          totals.pullRequests += settled.pullRequests;
        }
      } catch (error) {
        log.warn(`reconciling ${repo.owner}/${repo.repo} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return totals;
}
