/**
 * The per-repository step of start-up reconciliation (the app) and of a
 * scheduled run (the Action): every open pull request into the default
 * branch settled again (gates, soak ends, windows, auto-merge).
 */
import type { GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
import { readConfigAt } from "./load-config.js";
import { settlePullRequest, type SettleGitHub, type SettleOutcome } from "./settle-pull-request.js";

/** What settling the open pull requests reads and writes on GitHub. */
export type SettleOpenGitHub = SettleGitHub & Pick<GitHubClient, "listOpenPullRequests">;

/** How to settle: what to do with an invalid config, and whom to tell of each pull request. */
export interface SettleOpenOptions {
  /**
   * With an invalid config on the default branch: `skip` the repository (the
   * app: its "Action required" issue says why), or `settle` with the invalid
   * reading (the Action: each gate check fails, saying so).
   */
  invalidConfig: "skip" | "settle";
  /** Told of each pull request settled. */
  onSettled?: (pr: PullRequest, outcome: SettleOutcome | null) => void;
  /** Told of each pull request whose settling failed, then the next is settled; without, the first failure throws. */
  onFailed?: (pr: PullRequest, error: unknown) => void;
}

/** What settling the open pull requests did: nothing (no config, or an invalid one skipped), or how many it settled and how many failed. */
export type SettledOpen = { status: "missing" | "skipped"; branch: string } | { status: "settled"; branch: string; pullRequests: number; failed: number };

/**
 * Settles each open pull request of `repo` into its default branch at
 * `now()`. Steps:
 *
 * 1. Read the config on the default branch's head: none, stop; invalid, stop or go on as `options.invalidConfig` says.
 * 2. List the open pull requests into the default branch.
 * 3. Settle each in turn (a failure throws, or is told and the next settled).
 */
export async function settleOpenPullRequests(github: SettleOpenGitHub, repo: RepoRef, now: () => Date, options: SettleOpenOptions): Promise<SettledOpen> {
  const head = await github.defaultBranchHead(repo);
  const reading = await readConfigAt(github, repo, head.sha);
  if (reading.status === "missing") return { status: "missing", branch: head.branch };
  if (reading.status === "invalid" && options.invalidConfig === "skip") return { status: "skipped", branch: head.branch };
  const known = reading.status === "valid" ? { config: reading.config } : { reading };
  const pullRequests = (await github.listOpenPullRequests(repo)).filter((pr) => pr.baseBranch === head.branch);
  let failed = 0;
  for (const pr of pullRequests) {
    let outcome: SettleOutcome | null;
    try {
      outcome = await settlePullRequest(github, repo, pr, now(), known);
    } catch (error) {
      if (options.onFailed === undefined) throw error;
      failed++;
      options.onFailed(pr, error);
      continue;
    }
    options.onSettled?.(pr, outcome);
  }
  return { status: "settled", branch: head.branch, pullRequests: pullRequests.length, failed };
}
