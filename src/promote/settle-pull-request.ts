/**
 * Settling a pull request into the default branch: the `promenade/gate`
 * check (on every such pull request, so it can be a required check: success
 * where no gated environment changes) and, for a promotion PR Promenade made
 * and nobody changed, into environments with `autoMerge: true`, the merge
 * once everything passed. Run on every event that can change the answer
 * (pushes, reviews, other checks, commands) and at the moments a soak ends
 * or a window opens or closes.
 */
import type { Config, Requirements } from "../engine/config/schema.js";
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import { candidateApprovers, evaluateGate, type GateDecision } from "../engine/gate/index.js";
import { changesOnlyPromotionFiles, type PromotionTrust } from "../engine/gate/promotion-trust.js";
import type { Version } from "../engine/plan/promotion.js";
import { GATE_CHECK_NAME, renderGateCheck, renderGateSection, renderUngatedCheck, type GateCheck } from "../engine/render/gate.js";
import { REVIEW_MARKER, replaceGateSections } from "../engine/render/review-comment.js";
import type { AppIdentity, CheckRun, GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
import { broughtVersions } from "./brought-versions.js";
import { changedEnvironments } from "./changed-environments.js";
import { gateRecordId, ownGateRun, recordedPushers } from "./gate-record.js";
import { readHolds } from "./holds.js";
import { isAmongReviewers, permissionAtLeast } from "./reviewers.js";
import { readConfigAt, type ConfigReading } from "./load-config.js";
import { readPolicyFacts, type PolicyFacts } from "./policy-facts.js";
import { trustOf } from "./promotion-record.js";
import { sourceRunningSince, type BroughtVersion, type SoakGitHub } from "./soak-start.js";

/** What settling reads and writes on GitHub. */
export type SettleGitHub = Pick<
  GitHubClient,
  | "defaultBranchHead"
  | "readFile"
  | "listPullRequestFiles"
  | "listReviews"
  | "listCheckRuns"
  | "listIssuesByAuthor"
  | "pullRequestCommitters"
  | "isTeamMember"
  | "permissionOf"
  | "createCheckRun"
  | "editComment"
  | "mergePullRequest"
  | "ownApp"
> &
  SoakGitHub;

/** What the caller may already know, to save reads. */
export interface KnownFacts {
  /** The files the pull request changes. */
  files?: readonly string[];
  /** The config on the default branch. */
  config?: Config;
  /** The config on the default branch as read, valid or not. */
  reading?: ConfigReading;
  /** The policy outcome just computed for the head commit. */
  policy?: PolicyFacts;
  /** The version each image moves to, per environment the pull request changes, as its review just read them. */
  brought?: ReadonlyMap<string, ReadonlyMap<string, Version>>;
  /** Who pushed to the branch, beyond those Promenade's gate run on the head records (the sender of the push that made the head). */
  pushers?: readonly string[];
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
  /** What Promenade believes of the pull request. */
  trust: PromotionTrust;
}

/**
 * Settles pull request `pr` (into the default branch) at `now`. Steps:
 *
 * 1. Read the config on the default branch (never the pull request's): none, stop; invalid, a failing gate check (unless the pull request changes the config).
 * 2. Read the files it changes, its check runs, and what Promenade believes of it (its signed promotion data).
 * 3. No gated environment changes: a successful gate check.
 * 4. Else read the facts: reviews, authors of its commits, pushers, holds; decide the gate of each gated environment; write the check run and the gate sections of the comment.
 * 5. Merge a promotion PR Promenade made, unchanged, into environments that all have `autoMerge`, once gate, policy and every other check passed.
 */
export async function settlePullRequest(
  github: SettleGitHub,
  repo: RepoRef,
  pr: PullRequest,
  now: Date,
  known: KnownFacts = {},
): Promise<SettleOutcome | null> {
  const reading: ConfigReading = known.reading ?? (known.config ? { status: "valid", config: known.config } : await readConfigAt(github, repo, pr.baseSha));
  if (reading.status === "missing") return null;
  const [files, own, checkRuns, trust] = await Promise.all([
    known.files ?? github.listPullRequestFiles(repo, pr.number),
    github.ownApp(),
    github.listCheckRuns(repo, pr.headSha),
    trustOf(github, repo, pr),
  ]);
  const ownGate = ownGateRun(checkRuns, own.id);
  const pushers = [...new Set([...recordedPushers(ownGate), ...(known.pushers ?? [])])];
  const externalId = gateRecordId(pushers);
  const unsettled: SettleOutcome = { gates: new Map(), merged: false, nextChangeAt: null, trust };
  if (reading.status === "invalid") {
    await writeGateCheck(github, repo, pr, ownGate, { ...renderUngatedCheck({ invalidConfig: true, changesConfig: files.includes(CONFIG_PATH) }), externalId });
    return unsettled;
  }
  const { config } = reading;
  const environments = changedEnvironments(config, files);
  const gated = environments.filter((name) => config.environments[name]?.requires !== undefined);
  const policy = known.policy ?? readPolicyFacts(checkRuns.filter((run) => run.appId === own.id));
  const mergeWanted = mayMerge(config, environments, pr, trust, files, known.mergeNow === true);
  if (gated.length === 0) {
    await writeGateCheck(github, repo, pr, ownGate, { ...renderUngatedCheck({ untrusted: untrustedReason(trust) }), externalId });
    const merged = mergeWanted && readyToMerge(new Map(), otherRuns(checkRuns, own), policy) && (await github.mergePullRequest(repo, pr.number, pr.headSha));
    return { ...unsettled, merged };
  }
  const gates = await decideGates(github, repo, pr, now, { config, gated, trust, policy, checkRuns, own, pushers, files, brought: known.brought });
  await github.createCheckRun(repo, { name: GATE_CHECK_NAME, headSha: pr.headSha, externalId, ...combinedCheck(gates) });
  if (known.commentFollows !== true) await github.editComment(repo, pr.number, REVIEW_MARKER, (body) => replaceGateSections(body, gateSections(gates)));
  const merged = mergeWanted && readyToMerge(gates, otherRuns(checkRuns, own), policy) && (await github.mergePullRequest(repo, pr.number, pr.headSha));
  return { gates, merged, nextChangeAt: earliest([...gates.values()].map((gate) => gate.nextChangeAt)), trust };
}

/** What deciding the gates needs beyond the pull request. */
interface GateFacts {
  config: Config;
  gated: readonly string[];
  trust: PromotionTrust;
  policy: PolicyFacts | null;
  checkRuns: readonly CheckRun[];
  own: AppIdentity;
  pushers: readonly string[];
  /** The files the pull request changes. */
  files: readonly string[];
  brought: KnownFacts["brought"];
}

/** Reads reviews, the authors of the pull request's commits and the holds, then decides the gate of each gated environment. */
async function decideGates(github: SettleGitHub, repo: RepoRef, pr: PullRequest, now: Date, facts: GateFacts): Promise<Map<string, GateDecision>> {
  const [reviews, holds, commitAuthors] = await Promise.all([
    github.listReviews(repo, pr.number),
    readHolds(github, repo),
    github.pullRequestCommitters(repo, pr.number),
  ]);
  const data = facts.trust.kind === "promotion" ? facts.trust.data : null;
  const gates = new Map<string, GateDecision>();
  for (const environment of facts.gated) {
    const settings = facts.config.environments[environment];
    const requires = settings?.requires as Requirements;
    const eligible = await eligibleApprovers(github, repo, requires, candidateApprovers(reviews, pr.headSha));
    const since = await sourceSince(github, repo, pr, environment, facts);
    gates.set(
      environment,
      evaluateGate(
        {
          environment,
          ...(settings?.from === undefined ? {} : { from: settings.from }),
          requires,
          headSha: pr.headSha,
          reviews,
          eligibleApprovers: eligible,
          triggeredBy: data === null ? pr.author || null : (data.actor ?? null),
          commitAuthors,
          pushers: facts.pushers,
          sourceSince: since,
          rollback: data?.trigger.kind === "rollback",
          hold: gateHold(holds.get(environment)),
          checkRuns: otherRuns(facts.checkRuns, facts.own).filter((run) => !run.name.startsWith("promenade/")),
          policyErrors: facts.policy?.errors ?? null,
          tampered: untrustedReason(facts.trust),
        },
        now,
      ),
    );
  }
  return gates;
}

/** Writes the gate check run unless Promenade's latest one on the head already says the same. */
async function writeGateCheck(github: SettleGitHub, repo: RepoRef, pr: PullRequest, ownGate: CheckRun | undefined, check: GateCheck & { externalId: string }): Promise<void> {
  if (ownGate !== undefined && ownGate.conclusion === check.conclusion && ownGate.title === check.title && ownGate.externalId === check.externalId) return;
  await github.createCheckRun(repo, { name: GATE_CHECK_NAME, headSha: pr.headSha, ...check });
}

/** The check runs on the head that are not Promenade's own. */
function otherRuns(runs: readonly CheckRun[], own: AppIdentity): CheckRun[] {
  return runs.filter((run) => run.appId !== own.id);
}

function untrustedReason(trust: PromotionTrust): string | null {
  return trust.kind === "changed" ? trust.reason : null;
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
 * When the versions the pull request brings into `environment` started
 * running in its `from` environment (sourceRunningSince): those of its
 * signed promotion data, or, for a pull request made by hand, those its
 * changed files move. Undefined where soak does not apply (no soak, which
 * the config allows only with `from`; a rollback; no image version moves); null when it cannot be told (and for a
 * promotion PR changed by hand, whose data is not believed).
 */
async function sourceSince(github: SettleGitHub, repo: RepoRef, pr: PullRequest, environment: string, facts: GateFacts): Promise<Date | null | undefined> {
  const settings = facts.config.environments[environment];
  const data = facts.trust.kind === "promotion" && facts.trust.data.environment === environment ? facts.trust.data : null;
  const from = settings?.from;
  if (settings?.requires?.soak === undefined || from === undefined || data?.trigger.kind === "rollback") return undefined;
  if (facts.trust.kind === "changed") return null;
  let brought: BroughtVersion[];
  if (data !== null) {
    brought = data.images.map((image) => ({ image: image.image, version: image.toVersion, signedSince: signedTime(image.since) }));
  } else {
    if (facts.policy !== null && facts.policy.movedImages === 0) return undefined;
    const moved = facts.brought?.get(environment) ?? (await broughtVersions(github, repo, facts.config, environment, pr, facts.files));
    if (moved.size === 0) return undefined;
    brought = [...moved].map(([image, version]) => ({ image, version, signedSince: null }));
  }
  return sourceRunningSince(github, repo, { config: facts.config, environment: from, baseSha: pr.baseSha }, brought);
}

/** A `since` of signed promotion data as a time; null when absent or not a time. */
function signedTime(since: string | undefined): Date | null {
  const time = since === undefined ? Number.NaN : Date.parse(since);
  return Number.isNaN(time) ? null : new Date(time);
}

function gateHold(hold: { by: string; reason: string | null; at: string } | undefined) {
  return hold === undefined ? null : { by: hold.by, reason: hold.reason, at: new Date(hold.at) };
}

/** The gate section of the Promenade comment for each gated environment. */
export function gateSections(gates: ReadonlyMap<string, GateDecision>): Map<string, string> {
  return new Map([...gates].map(([environment, decision]) => [environment, renderGateSection(environment, decision)]));
}

/** One `promenade/gate` check for every gated environment the pull request changes. */
function combinedCheck(gates: ReadonlyMap<string, GateDecision>): GateCheck {
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
 * Whether everything passed for a merge: every gate, Promenade's policies,
 * and every other app's check run on the head completed without failing.
 */
function readyToMerge(gates: ReadonlyMap<string, GateDecision>, others: readonly CheckRun[], policy: PolicyFacts | null): boolean {
  if (![...gates.values()].every((gate) => gate.passed) || policy === null || policy.errors > 0) return false;
  return others.every((run) => run.status === "completed" && ["success", "neutral", "skipped"].includes(run.conclusion ?? ""));
}

/**
 * Whether `pr` is to be merged once ready: a promotion PR Promenade opened
 * and nobody changed since (its signed data describes its head commit, and
 * it changes exactly that commit's files), from this repository, open, into
 * environments that all have `autoMerge` (or `now`, for `/promote`).
 */
function mayMerge(config: Config, environments: readonly string[], pr: PullRequest, trust: PromotionTrust, files: readonly string[], now: boolean): boolean {
  if (trust.kind !== "promotion" || pr.fromFork || pr.state !== "open") return false;
  if (!environments.includes(trust.data.environment) || !changesOnlyPromotionFiles(trust.data, files)) return false;
  return now || environments.every((name) => config.environments[name]?.autoMerge === true);
}

function earliest(times: readonly (Date | null)[]): Date | null {
  const set = times.filter((time): time is Date => time !== null);
  return set.length === 0 ? null : new Date(Math.min(...set.map((time) => time.getTime())));
}
