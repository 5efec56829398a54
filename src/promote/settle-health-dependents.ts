/**
 * A health report arrived (a deployment status, a commit status, a check
 * run): the open promotion PRs whose gate waits on it are settled again.
 * Only environments with `requires.healthy` can wait on one, so a report no
 * such environment listens to reads nothing but the config.
 */
import type { Config } from "../engine/config/schema.js";
import { answersHealthCheck } from "../engine/gate/health.js";
import { promotionBranchEnvironment } from "../engine/plan/promotion-names.js";
import type { GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
import { readConfigAt } from "./load-config.js";
import { settlePullRequest, type SettleGitHub, type SettleOutcome } from "./settle-pull-request.js";

/** What settling the dependents reads and writes on GitHub. */
export type HealthDependentsGitHub = SettleGitHub & Pick<GitHubClient, "listOpenPullRequests">;

/** What reported: a deployment of `environment` (by its status), or a commit status / check run named `name`. */
export type HealthSignal = { kind: "deployment"; environment: string } | { kind: "check"; name: string };

/**
 * The environments whose health requirement `signal` can answer: for a
 * deployment, those promoted from its environment that wait on deployments
 * (no healthChecks); for a check, those whose healthChecks it answers.
 */
export function listeningEnvironments(config: Config, signal: HealthSignal): string[] {
  return Object.entries(config.environments)
    .filter(([, settings]) => {
      const requires = settings.requires;
      if (requires?.healthy !== true || settings.from === undefined) return false;
      if (signal.kind === "deployment") return requires.healthChecks === undefined && settings.from === signal.environment;
      return (requires.healthChecks ?? []).some((name) => answersHealthCheck(name, signal.name));
    })
    .map(([name]) => name);
}

/**
 * Settles again, at `now()`, the open promotion PRs whose gate `signal` can
 * change, and tells `onSettled` of each. Steps:
 *
 * 1. Read the config on the default branch's head: none or invalid, stop.
 * 2. The environments listening to the signal (listeningEnvironments): none, stop.
 * 3. List the open pull requests into the default branch; keep Promenade's promotion PRs into those environments (by their branch).
 * 4. Settle each in turn.
 */
export async function settleHealthDependents(
  github: HealthDependentsGitHub,
  repo: RepoRef,
  signal: HealthSignal,
  now: () => Date,
  onSettled: (pr: PullRequest, outcome: SettleOutcome | null) => void,
): Promise<number> {
  const head = await github.defaultBranchHead(repo);
  const reading = await readConfigAt(github, repo, head.sha);
  if (reading.status !== "valid") return 0;
  const listening = new Set(listeningEnvironments(reading.config, signal));
  if (listening.size === 0) return 0;
  const pullRequests = (await github.listOpenPullRequests(repo)).filter((pr) => {
    const environment = promotionBranchEnvironment(pr.headBranch);
    return pr.baseBranch === head.branch && environment !== null && listening.has(environment);
  });
  for (const pr of pullRequests) onSettled(pr, await settlePullRequest(github, repo, pr, now(), { config: reading.config }));
  return pullRequests.length;
}
