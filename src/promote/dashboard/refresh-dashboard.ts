/**
 * Keeping the dashboard issue current: rendered from Promenade's own state
 * (the files at the default branch's head, its deployment records, its open
 * promotion PRs and their `promenade/gate` check runs, the holds issue),
 * never from the issue's text, and written only when the text changed.
 */
import { LRUCache } from "lru-cache";
import { dashboardModel, type DashboardPromotion } from "../../engine/dashboard/dashboard-model.js";
import type { RecordedRun } from "../../engine/dashboard/run-history.js";
import { blockedVersions } from "../../engine/holds/blocked-versions.js";
import { CONFIG_ISSUE_LABEL } from "../../engine/markdown/config-issue.js";
import { DASHBOARD_TITLE, dashboardBodyMarkdown } from "../../engine/markdown/dashboard.js";
import { GATE_CHECK_NAME } from "../../engine/markdown/gate.js";
import type { ImageReference } from "../../engine/images/reference.js";
import { environmentReferences } from "../../engine/plan/environment-references.js";
import { promotionBranchEnvironment } from "../../engine/plan/promotion-names.js";
import type { AppIdentity, GitHubClient, IssueUpdate, RepoRef } from "../../github/github-client.js";
import type { OpenPullRequestGate } from "../../github/open-promotion-gates.js";
import { repoName } from "../../github/repo-name.js";
import { DEPLOYMENT_TASK, isOwnDeployment, recordedVersions } from "../deployed-versions.js";
import { readRepoAtHead, type RepoAtHead } from "../repo-at-head.js";
import { dataSigningKey } from "../signing-key.js";
import { findOwnIssue } from "../own-issue.js";

/** How many of an environment's deployment records are read (one read): enough to know since when its versions run, and the ones before. */
export const DASHBOARD_RECORDS = 100;

/**
 * The environments' references of the last few heads scanned, by repository,
 * commit and environment paths: most events that refresh the dashboard
 * (reviews, checks, comments) move no commit, and their refresh then
 * downloads no archive. A scan that fails is not kept.
 */
const scans = new LRUCache<string, Promise<Map<string, ImageReference[]>>>({ max: 20 });

/** Forgets every scan kept (for tests, whose fixtures reuse commit shas). */
export function forgetDashboardScans(): void {
  scans.clear();
}

/** What refreshing the dashboard did: nothing (no valid config), opened it, updated it, or found it up to date. */
export type DashboardRefresh = { action: "no-config" } | { action: "opened" | "updated" | "unchanged"; issue: number };

/**
 * Refreshes the dashboard of `repo`. Steps:
 *
 * 1. Read the repository at its default branch's head, with its config and holds (no valid config: stop).
 * 2. Render and write the dashboard (refreshDashboardAt).
 */
export async function refreshDashboard(github: GitHubClient, repo: RepoRef): Promise<DashboardRefresh> {
  const at = await readRepoAtHead(github, repo);
  if (at === null) return { action: "no-config" };
  return refreshDashboardAt(at);
}

/** The image references of every environment of `at`, scanned, or taken from the scan of an earlier refresh at the same commit. */
function scannedEnvironments(at: RepoAtHead): Promise<Map<string, ImageReference[]>> {
  const paths = Object.entries(at.config.environments).map(([name, environment]) => [name, environment.path]);
  const key = JSON.stringify([repoName(at.repo).toLowerCase(), at.head.sha, paths]);
  const cached = scans.get(key);
  if (cached !== undefined) return cached;
  const scan = environmentReferences(at.reader, at.config);
  scans.set(key, scan);
  scan.catch(() => {
    if (scans.get(key) === scan) scans.delete(key);
  });
  return scan;
}

/**
 * Renders the dashboard of `at` and writes it. Steps:
 *
 * 1. Find the dashboard issue (Promenade's own, by the title it was opened with).
 * 2. Scan every environment's image references (kept for the next refresh at the same commit).
 * 3. Read Promenade's own deployment records of each environment (one read each).
 * 4. Read the open promotion PRs with their gate (one query), keeping Promenade's own from this repository.
 * 5. Decide what the dashboard shows (holds and blocked versions from the holds already read) and render it.
 * 6. None yet: open it. Else update its title, body and state where they differ from Promenade's; nothing differs: no write.
 */
export async function refreshDashboardAt(at: RepoAtHead): Promise<DashboardRefresh> {
  const { github, repo, config } = at;
  const { issue, own } = await findOwnIssue(github, repo, DASHBOARD_TITLE);
  const envRefs = await scannedEnvironments(at);
  const environments = Object.keys(config.environments);
  const records = new Map(await Promise.all(environments.map(async (environment) => [environment, await ownRecords(github, repo, environment, own)] as const)));
  const gates = await github.openPullRequestGates(repo, at.head.branch, own.id, GATE_CHECK_NAME);
  const model = dashboardModel({
    config,
    envRefs,
    records,
    promotions: gates.flatMap((pr) => promotionOf(pr, own, environments)),
    holds: at.holds.list(environments),
    blocked: blockedVersions(at.holds),
  });
  const body = dashboardBodyMarkdown(model, repoName(repo), dataSigningKey());
  if (issue === null) {
    const opened = await github.createIssue(repo, { title: DASHBOARD_TITLE, body, labels: [CONFIG_ISSUE_LABEL] });
    return { action: "opened", issue: opened.number };
  }
  const update: IssueUpdate = {
    ...(issue.title === DASHBOARD_TITLE ? {} : { title: DASHBOARD_TITLE }),
    ...(issue.body === body ? {} : { body }),
    ...(issue.state === "closed" ? { state: "open" as const } : {}),
  };
  if (Object.keys(update).length === 0) return { action: "unchanged", issue: issue.number };
  await github.updateIssue(repo, issue.number, update);
  return { action: "updated", issue: issue.number };
}

/** Promenade's own deployment records of `environment` that name versions, newest first. */
async function ownRecords(github: GitHubClient, repo: RepoRef, environment: string, own: AppIdentity): Promise<RecordedRun[]> {
  const listed = await github.listDeployments(repo, environment, DEPLOYMENT_TASK, DASHBOARD_RECORDS);
  return listed.flatMap((deployment): RecordedRun[] => {
    const versions = isOwnDeployment(deployment, own) ? recordedVersions(deployment.payload) : null;
    return versions === null ? [] : [{ at: deployment.createdAt, versions }];
  });
}

/** `pr` as the dashboard lists it, when it is Promenade's own promotion PR (its bot opened it from a promotion branch of this repository into a known environment). */
function promotionOf(pr: OpenPullRequestGate, own: AppIdentity, environments: readonly string[]): DashboardPromotion[] {
  const environment = promotionBranchEnvironment(pr.headBranch);
  if (environment === null || !environments.includes(environment) || pr.fromFork || !pr.authorIsBot) return [];
  if (pr.author.toLowerCase() !== own.login.toLowerCase()) return [];
  const { gate } = pr;
  const decided = gate !== null && gate.status === "completed" && (gate.conclusion === "success" || gate.conclusion === "failure");
  return [
    {
      number: pr.number,
      url: pr.url,
      title: pr.title,
      environment,
      gate: decided ? (gate.conclusion === "success" ? "passed" : "failed") : "pending",
      gateTitle: decided ? gate.title : null,
    },
  ];
}
