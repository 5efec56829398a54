/**
 * Settling a pull request that changes environments' files (SPEC section 4,
 * "Gate"): the `promenade/gate` check for the environments it changes that
 * have `requires`, and, for a promotion PR into environments with
 * `autoMerge: true`, the merge once everything passed. Run on every event
 * that can change the answer (pushes, reviews, other checks, commands) and
 * at the moments a soak ends or a window opens or closes.
 */
import type { Config, Requirements } from "../engine/config/schema.js";
import { candidateApprovers, evaluateGate, type GateDecision } from "../engine/gate/index.js";
import { GATE_CHECK_NAME, renderGateCheck, renderGateSection } from "../engine/render/gate.js";
import { POLICY_CHECK_NAME, REVIEW_MARKER, replaceGateSections } from "../engine/render/review-comment.js";
import { parsePromotionBody } from "../engine/render/promotion-body.js";
import type { PromotionData } from "../engine/render/promotion-data.js";
import type { CheckRun, GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
import { changedEnvironments } from "./changed-environments.js";
import { readHolds } from "./holds.js";
import { isAmongReviewers, permissionAtLeast } from "./reviewers.js";
import { readConfigAt } from "./load-config.js";
import { readPolicyFacts, type PolicyFacts } from "./policy-facts.js";

/** What settling reads and writes on GitHub. */
export type SettleGitHub = Pick<
  GitHubClient,
  | "defaultBranchHead"
  | "readFile"
  | "listPullRequestFiles"
  | "listReviews"
  | "listCheckRuns"
  | "findOpenIssueByTitle"
  | "commitAuthors"
  | "isTeamMember"
  | "permissionOf"
  | "createCheckRun"
  | "editComment"
  | "mergePullRequest"
>;

/** What the caller may already know, to save reads. */
export interface KnownFacts {
  /** The files the pull request changes. */
  files?: readonly string[];
  /** The config on the default branch. */
  config?: Config;
  /** The policy outcome just computed for the head commit. */
  policy?: PolicyFacts;
  /** The caller writes the whole Promenade comment next, gate sections included: do not edit it here. */
  commentFollows?: boolean;
  /** Merge a promotion PR once everything passed even where `autoMerge` is off (`/promote` on the PR). */
  mergeNow?: boolean;
}

/** What settling found: the gate per gated environment, whether it merged, and when to look again. */
export interface SettleOutcome {
  gates: Map<string, GateDecision>;
  merged: boolean;
  /** The next moment the gate may change by itself (soak ends, window opens or closes); null when none. */
  nextChangeAt: Date | null;
}

/**
 * Settles pull request `pr` (into the default branch) at `now`. Steps:
 *
 * 1. Read the config on the default branch (never the pull request's) and the files the pull request changes.
 * 2. Find the environments it changes; none: stop.
 * 3. Read the facts: reviews, check runs and authors of the head commit, holds.
 * 4. Decide the gate of each gated environment; write the `promenade/gate` check run and the gate sections of the Promenade comment.
 * 5. Merge a promotion PR whose environments all have `autoMerge`, once gate, policy and every other check passed.
 */
export async function settlePullRequest(
  github: SettleGitHub,
  repo: RepoRef,
  pr: PullRequest,
  now: Date,
  known: KnownFacts = {},
): Promise<SettleOutcome | null> {
  const config = known.config ?? (await configOnDefaultBranch(github, repo, pr));
  if (config === null) return null;
  const files = known.files ?? (await github.listPullRequestFiles(repo, pr.number));
  const environments = changedEnvironments(config, files);
  if (environments.length === 0) return null;
  const gated = environments.filter((name) => config.environments[name]?.requires !== undefined);
  const data = parsePromotionBody(pr.body);
  const mergeWanted = mayMerge(config, environments, pr, data, known.mergeNow === true);
  if (gated.length === 0 && !mergeWanted) return { gates: new Map(), merged: false, nextChangeAt: null };
  const [reviews, checkRuns, holds, authors] = await Promise.all([
    gated.length === 0 ? Promise.resolve([]) : github.listReviews(repo, pr.number),
    github.listCheckRuns(repo, pr.headSha),
    gated.length === 0 ? Promise.resolve(new Map()) : readHolds(github, repo),
    gated.length === 0 ? Promise.resolve([]) : github.commitAuthors(repo, pr.headSha),
  ]);
  const policy = known.policy ?? readPolicyFacts(checkRuns);
  const gates = new Map<string, GateDecision>();
  for (const environment of gated) {
    const requires = config.environments[environment]?.requires as Requirements;
    const eligible = await eligibleApprovers(github, repo, requires, candidateApprovers(reviews, pr.headSha));
    gates.set(
      environment,
      evaluateGate(
        {
          environment,
          ...(config.environments[environment]?.from === undefined ? {} : { from: config.environments[environment]?.from }),
          requires,
          headSha: pr.headSha,
          reviews,
          eligibleApprovers: eligible,
          triggeredBy: data?.actor ?? (pr.author || null),
          headCommitAuthors: authors,
          sourceSince: sourceSince(data, environment, policy),
          rollback: data?.trigger.kind === "rollback",
          hold: gateHold(holds.get(environment)),
          checkRuns: checkRuns.filter((run) => !run.name.startsWith("promenade/")),
          policyErrors: policy?.errors ?? null,
        },
        now,
      ),
    );
  }
  if (gates.size > 0) {
    await github.createCheckRun(repo, { name: GATE_CHECK_NAME, headSha: pr.headSha, ...combinedCheck(gates) });
    if (known.commentFollows !== true) await github.editComment(repo, pr.number, REVIEW_MARKER, (body) => replaceGateSections(body, gateSections(gates)));
  }
  const merged = mergeWanted && readyToMerge(gates, checkRuns, policy) && (await github.mergePullRequest(repo, pr.number, pr.headSha));
  return { gates, merged, nextChangeAt: earliest([...gates.values()].map((gate) => gate.nextChangeAt)) };
}

async function configOnDefaultBranch(github: SettleGitHub, repo: RepoRef, pr: PullRequest): Promise<Config | null> {
  const reading = await readConfigAt(github, repo, pr.baseSha);
  return reading.status === "valid" ? reading.config : null;
}

/**
 * Of `candidates` (who approved the head commit), those whose approval may
 * count: with `reviewers`, the users named and the members of the teams
 * named; without, anyone with write permission or more. Lower-case logins.
 */
async function eligibleApprovers(github: SettleGitHub, repo: RepoRef, requires: Requirements, candidates: readonly string[]): Promise<Set<string>> {
  const eligible = new Set<string>();
  for (const login of candidates) {
    if (await mayApprove(github, repo, requires.reviewers, login)) eligible.add(login.toLowerCase());
  }
  return eligible;
}

async function mayApprove(github: SettleGitHub, repo: RepoRef, reviewers: readonly string[] | undefined, login: string): Promise<boolean> {
  if (reviewers === undefined) return permissionAtLeast(await github.permissionOf(repo, login), "write");
  return isAmongReviewers(github, reviewers, login);
}

/**
 * When the versions the pull request brings reached the source environment:
 * the latest `since` its promotion data records for `environment`; undefined
 * when the pull request moves no image version (soak does not apply); null
 * when that is not known (a pull request made by hand that moves versions).
 */
function sourceSince(data: PromotionData | null, environment: string, policy: PolicyFacts | null): Date | null | undefined {
  if (data !== null && data.environment === environment) {
    const times = data.images.map((image) => (image.since === undefined ? null : Date.parse(image.since)));
    return times.some((time) => time === null || Number.isNaN(time)) ? null : new Date(Math.max(...(times as number[])));
  }
  return policy !== null && policy.movedImages === 0 ? undefined : null;
}

function gateHold(hold: { by: string; reason: string | null; at: string } | undefined) {
  return hold === undefined ? null : { by: hold.by, reason: hold.reason, at: new Date(hold.at) };
}

/** The gate section of the Promenade comment for each gated environment. */
export function gateSections(gates: ReadonlyMap<string, GateDecision>): Map<string, string> {
  return new Map([...gates].map(([environment, decision]) => [environment, renderGateSection(environment, decision)]));
}

/** One `promenade/gate` check for every gated environment the pull request changes. */
function combinedCheck(gates: ReadonlyMap<string, GateDecision>): ReturnType<typeof renderGateCheck> {
  const checks = [...gates].map(([environment, decision]) => ({ environment, check: renderGateCheck(environment, decision) }));
  const [only] = checks;
  if (only !== undefined && checks.length === 1) return only.check;
  return {
    conclusion: checks.every(({ check }) => check.conclusion === "success") ? "success" : "failure",
    title: checks.map(({ environment, check }) => `${environment}: ${check.title}`).join(" · "),
    summary: checks.map(({ environment, check }) => `## ${environment}\n\n${check.summary}`).join("\n\n"),
  };
}

/**
 * Whether everything passed for a merge: every gate, the policies, and every
 * other check run on the head completed without failing.
 */
function readyToMerge(gates: ReadonlyMap<string, GateDecision>, checkRuns: readonly CheckRun[], policy: PolicyFacts | null): boolean {
  if (![...gates.values()].every((gate) => gate.passed) || policy === null || policy.errors > 0) return false;
  return checkRuns
    .filter((run) => run.name !== GATE_CHECK_NAME && run.name !== POLICY_CHECK_NAME)
    .every((run) => run.status === "completed" && ["success", "neutral", "skipped"].includes(run.conclusion ?? ""));
}

/**
 * Whether `pr` is to be merged once ready: a promotion PR (its data block
 * names an environment it changes) from this repository, open, into
 * environments that all have `autoMerge` (or `now`, for `/promote`).
 */
function mayMerge(config: Config, environments: readonly string[], pr: PullRequest, data: PromotionData | null, now: boolean): boolean {
  if (data === null || pr.fromFork || pr.state !== "open" || !environments.includes(data.environment)) return false;
  return now || environments.every((name) => config.environments[name]?.autoMerge === true);
}

function earliest(times: readonly (Date | null)[]): Date | null {
  const set = times.filter((time): time is Date => time !== null);
  return set.length === 0 ? null : new Date(Math.min(...set.map((time) => time.getTime())));
}
