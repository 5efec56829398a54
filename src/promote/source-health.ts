/**
 * The health of image versions in a source environment, for a pull request
 * whose environment has `requires.healthy`: the commits where the source runs
 * them (from Promenade's own deployment records), and what other tools
 * reported on those commits (their deployments of the source, or the commit
 * statuses and check runs named in `requires.healthChecks`).
 */
import { environmentDirectory } from "../engine/config/environment-graph.js";
import { isWithinDirectory } from "../engine/config/environment-path.js";
import type { Config } from "../engine/config/schema.js";
import { checkRunHealth, deploymentHealth, statusHealth, type HealthReport, type HealthVersion, type SourceHealth } from "../engine/gate/health.js";
import type { AppIdentity, GitHubClient, RepoRef } from "../github/github-client.js";
import type { EnvironmentDeployment } from "../github/health-signals.js";
import { DEPLOYMENT_TASK, isOwnDeployment, recordedVersions, runsVersion } from "./deployed-versions.js";

/** What finding the health of a source environment reads on GitHub. */
export type HealthGitHub = Pick<
  GitHubClient,
  | "listDeployments"
  | "listEnvironmentDeployments"
  | "latestDeploymentState"
  | "commitStatuses"
  | "compareCommits"
  | "listCheckRuns"
  | "defaultBranchHead"
  | "ownApp"
>;

/** Promenade's records of the source read (one read): the run of those that run the versions is looked for among them. */
export const HEALTH_RECORDS = 30;

/** Other tools' deployments of the source read (one read), newest first. */
export const HEALTH_DEPLOYMENTS = 30;

/** The most commits judged (one comparison each, past the records' own) and the most reports read per kind: the reads stay bounded however busy the source is. */
export const HEALTH_READS = 5;

/** Where to look: the config, the source environment, and the names in `requires.healthChecks` (absent: deployments report). */
export interface HealthSource {
  config: Config;
  environment: string;
  healthChecks: readonly string[] | undefined;
}

/**
 * What reports the health of `versions` in the source. Steps:
 *
 * 1. List Promenade's own records of the source (task `promenade`, made by its app; the newest HEALTH_RECORDS): the newest must run every version (else `unrecorded`), then back while they still do. Their commits are where the source runs them.
 * 2. A commit of another report counts when it is one of those, or when it comes after the newest of them (GitHub's comparison: ahead or identical) and no file under the source's directory changed in between (the list of changed files complete): the source's files, hence its versions, are those of the newest record.
 * 3. Without healthChecks: list the source's deployments of every task (the newest HEALTH_DEPLOYMENTS); leave out Promenade's own (task `promenade`, or made by its app), and those on a commit that does not count; read the latest status of each remaining one, newest first, until one succeeded or failed (at most HEALTH_READS).
 * 4. With healthChecks: the commits to look at are the default branch's head, when it counts, then the records' commits, newest first (at most HEALTH_READS); read the commit statuses and check runs of each.
 */
export async function sourceHealth(github: HealthGitHub, repo: RepoRef, source: HealthSource, versions: readonly HealthVersion[]): Promise<SourceHealth> {
  if (versions.length === 0) return { kind: "none" };
  const [listed, own] = await Promise.all([github.listDeployments(repo, source.environment, DEPLOYMENT_TASK, HEALTH_RECORDS), github.ownApp()]);
  const running = runningCommits(
    listed.filter((deployment) => isOwnDeployment(deployment, own)),
    versions,
  );
  if (running.length === 0) return { kind: "unrecorded", versions };
  const commits = new CountingCommits(github, repo, environmentDirectory(source.config, source.environment), running);
  if (source.healthChecks === undefined)
    return { kind: "reported", versions, deployments: await deploymentReports(github, repo, source, own, commits), checks: [] };
  return { kind: "reported", versions, deployments: [], checks: await checkReports(github, repo, own, running, commits) };
}

/** The commits of the newest records, newest first, while each runs every version; empty when the newest does not. */
function runningCommits(records: readonly { sha: string; payload: unknown }[], versions: readonly HealthVersion[]): string[] {
  const commits: string[] = [];
  for (const record of records) {
    const recorded = recordedVersions(record.payload);
    if (recorded === null || !versions.every(({ image, version }) => runsVersion(recorded.get(image), version))) break;
    commits.push(record.sha);
  }
  return commits;
}

/** Whether the source runs the versions at a commit (step 2), each commit judged once, at most HEALTH_READS comparisons. */
class CountingCommits {
  private readonly judged = new Map<string, boolean>();

  constructor(
    private readonly github: HealthGitHub,
    private readonly repo: RepoRef,
    private readonly directory: string,
    private readonly running: readonly string[],
  ) {}

  /** Whether `sha` counts; null when it was not judged (the comparisons are spent). */
  async counts(sha: string): Promise<boolean | null> {
    if (this.running.includes(sha)) return true;
    const known = this.judged.get(sha);
    if (known !== undefined) return known;
    if (this.judged.size >= HEALTH_READS) return null;
    const comparison = await this.github.compareCommits(this.repo, this.running[0] as string, sha);
    const counts =
      (comparison.status === "ahead" || comparison.status === "identical") &&
      comparison.files !== null &&
      !comparison.files.some((path) => isWithinDirectory(this.directory, path));
    this.judged.set(sha, counts);
    return counts;
  }
}

/** Whether Promenade made `deployment`: one of its records (task `promenade`, whoever made it), or anything its app made. Never a health report. */
function isPromenades(deployment: EnvironmentDeployment, own: AppIdentity): boolean {
  return deployment.task === DEPLOYMENT_TASK || isOwnDeployment({ ...deployment, payload: null }, own);
}

/** Step 3: the latest statuses of other tools' deployments of the source on commits that count, newest first, up to the first that succeeded or failed. */
async function deploymentReports(
  github: HealthGitHub,
  repo: RepoRef,
  source: HealthSource,
  own: AppIdentity,
  commits: CountingCommits,
): Promise<HealthReport[]> {
  const deployments = await github.listEnvironmentDeployments(repo, source.environment, HEALTH_DEPLOYMENTS);
  const reports: HealthReport[] = [];
  let reads = 0;
  for (const deployment of deployments) {
    if (reads >= HEALTH_READS) break;
    if (isPromenades(deployment, own) || (await commits.counts(deployment.sha)) !== true) continue;
    reads++;
    const state = await github.latestDeploymentState(repo, deployment.id);
    const health = state === null ? null : deploymentHealth(state);
    if (health === null) continue;
    reports.push({ name: "deployment", state: health, sha: deployment.sha });
    if (health !== "pending") break;
  }
  return reports;
}

/** Step 4: the commit statuses and check runs (not Promenade's own) of the default branch's head (when it counts) and of the records' commits, newest first. */
async function checkReports(
  github: HealthGitHub,
  repo: RepoRef,
  own: AppIdentity,
  running: readonly string[],
  commits: CountingCommits,
): Promise<HealthReport[]> {
  const head = await github.defaultBranchHead(repo);
  const candidates = [...new Set([head.sha, ...running])];
  const reports: HealthReport[] = [];
  for (const sha of candidates.slice(0, HEALTH_READS)) {
    if ((await commits.counts(sha)) !== true) continue;
    const [statuses, runs] = await Promise.all([github.commitStatuses(repo, sha), github.listCheckRuns(repo, sha)]);
    reports.push(
      ...statuses.map((status) => ({ name: status.context, state: statusHealth(status.state), sha })),
      ...runs.filter((run) => run.appId !== own.id).map((run) => ({ name: run.name, state: checkRunHealth(run.status, run.conclusion), sha })),
    );
  }
  return reports;
}
