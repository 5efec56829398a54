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
import { blockedBrought } from "../engine/gate/blocked-versions.js";
import { gateHold, untrustedReason } from "../engine/gate/gate-facts.js";
import { earliestChange, mayMerge, readyToMerge } from "../engine/gate/merge-readiness.js";
import type { PromotionTrust } from "../engine/gate/promotion-trust.js";
import { movedVersions, soakSubject } from "../engine/gate/source-since.js";
import { healthSubject, type SourceHealth } from "../engine/gate/health.js";
import type { HeldEnvironments } from "../engine/holds/held-environments.js";
import type { Version } from "../engine/plan/promotion.js";
import { combinedCheck, gateSections } from "../engine/markdown/combined-gate-check.js";
import { GATE_CHECK_NAME, ungatedCheckMarkdown, type GateCheck } from "../engine/markdown/gate.js";
import { REVIEW_MARKER, replaceGateSections } from "../engine/markdown/review-comment.js";
import type { AppIdentity, CheckRun, GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
import { broughtVersions } from "./brought-versions.js";
import { changedEnvironments } from "./changed-environments.js";
import { gateRecordId, ownGateRun, recordedPushers } from "./gate-record.js";
import { readHolds } from "./holds.js";
import { isAmongReviewers, permissionAtLeast } from "./reviewers.js";
import { readConfigAt, type ConfigReading } from "./load-config.js";
import { readPolicyFacts, type PolicyFacts } from "./policy-facts.js";
import { trustOf } from "./promotion-record.js";
import { promotionEvents } from "./promotion-events.js";
import { sourceRunningSince, type SoakGitHub } from "./soak-start.js";
import { sourceHealth, type HealthGitHub } from "./source-health.js";

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
  SoakGitHub &
  HealthGitHub;

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
 * 4. Else read the facts: reviews, authors of its commits, pushers, holds and blocked versions (with the versions it brings where one is blocked), the health of the versions in `from` (sourceHealth); decide the gate of each gated environment; write the check run and the gate sections of the comment.
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
    await writeGateCheck(github, repo, pr, ownGate, {
      ...ungatedCheckMarkdown({ invalidConfig: true, changesConfig: files.includes(CONFIG_PATH) }),
      externalId,
    });
    return unsettled;
  }
  const { config } = reading;
  const environments = changedEnvironments(config, files);
  const gated = environments.filter((name) => config.environments[name]?.requires !== undefined);
  const policy = known.policy ?? readPolicyFacts(checkRuns.filter((run) => run.appId === own.id));
  const mergeWanted = mayMerge(config, environments, pr, trust, files, known.mergeNow === true);
  if (gated.length === 0) {
    await writeGateCheck(github, repo, pr, ownGate, { ...ungatedCheckMarkdown({ untrusted: untrustedReason(trust) }), externalId });
    const merged = mergeWanted && readyToMerge(new Map(), otherRuns(checkRuns, own), policy) && (await merge(github, repo, pr));
    return { ...unsettled, merged };
  }
  const gates = await decideGates(github, repo, pr, now, { config, gated, trust, policy, checkRuns, own, pushers, files, brought: known.brought });
  const check = combinedCheck(gates);
  await github.createCheckRun(repo, { name: GATE_CHECK_NAME, headSha: pr.headSha, externalId, ...check });
  promotionEvents().onGate(check.conclusion === "success" ? "passed" : "waiting");
  if (known.commentFollows !== true) await github.editComment(repo, pr.number, REVIEW_MARKER, (body) => replaceGateSections(body, gateSections(gates)));
  const merged = mergeWanted && readyToMerge(gates, otherRuns(checkRuns, own), policy) && (await merge(github, repo, pr));
  return { gates, merged, nextChangeAt: earliestChange([...gates.values()].map((gate) => gate.nextChangeAt)), trust };
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

/** The versions a pull request brings into one environment (by image), read once on first need. */
type BroughtIn = () => Promise<ReadonlyMap<string, Version>>;

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
    // The versions the pull request brings there, read from its files at most once, for soak, health and blocked versions alike.
    let brought: Promise<ReadonlyMap<string, Version>> | undefined;
    const broughtIn: BroughtIn = () =>
      (brought ??= Promise.resolve(facts.brought?.get(environment) ?? broughtVersions(github, repo, facts.config, environment, pr, facts.files)));
    const since = await sourceSince(github, repo, pr, environment, facts, broughtIn);
    const health = await healthOf(github, repo, environment, facts, broughtIn);
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
          ...(health === undefined ? {} : { health }),
          rollback: data?.trigger.kind === "rollback",
          hold: gateHold(holds.get(environment)),
          blocked: await blockedBroughtIn(environment, holds.blocks, broughtIn),
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

/**
 * The versions the pull request brings into `environment` that are blocked
 * there: read from its changed files (as its review reads them, for a
 * promotion PR too) only when some version is blocked there.
 */
async function blockedBroughtIn(environment: string, blocks: HeldEnvironments["blocks"], broughtIn: BroughtIn): Promise<ReturnType<typeof blockedBrought>> {
  if (!blocks.some((block) => block.environment === environment)) return [];
  const brought = await broughtIn();
  return blockedBrought(environment, brought, blocks);
}

/** Writes the gate check run unless Promenade's latest one on the head already says the same. */
async function writeGateCheck(
  github: SettleGitHub,
  repo: RepoRef,
  pr: PullRequest,
  ownGate: CheckRun | undefined,
  check: GateCheck & { externalId: string },
): Promise<void> {
  if (ownGate !== undefined && ownGate.conclusion === check.conclusion && ownGate.title === check.title && ownGate.externalId === check.externalId) return;
  await github.createCheckRun(repo, { name: GATE_CHECK_NAME, headSha: pr.headSha, ...check });
  promotionEvents().onGate(check.conclusion === "success" ? "passed" : "waiting");
}

/** Merges `pr` at its head commit; false when GitHub refuses (branch protection). */
async function merge(github: SettleGitHub, repo: RepoRef, pr: PullRequest): Promise<boolean> {
  const merged = await github.mergePullRequest(repo, pr.number, pr.headSha);
  if (merged) promotionEvents().onPromotion("merged");
  return merged;
}

/** The check runs on the head that are not Promenade's own. */
function otherRuns(runs: readonly CheckRun[], own: AppIdentity): CheckRun[] {
  return runs.filter((run) => run.appId !== own.id);
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
 * changed files move (soakSubject decides which). Undefined where soak does
 * not apply; null when it cannot be told.
 */
async function sourceSince(
  github: SettleGitHub,
  repo: RepoRef,
  pr: PullRequest,
  environment: string,
  facts: GateFacts,
  broughtIn: BroughtIn,
): Promise<Date | null | undefined> {
  const subject = soakSubject(facts.config, environment, facts.trust, facts.policy?.movedImages ?? null);
  if (subject.kind === "none") return undefined;
  if (subject.kind === "unknown") return null;
  const brought = subject.kind === "brought" ? subject.versions : movedVersions(await broughtIn());
  if (brought === null) return undefined;
  return sourceRunningSince(github, repo, { config: facts.config, environment: subject.from, baseSha: pr.baseSha }, brought);
}

/**
 * What reports the health of the versions the pull request brings into
 * `environment` in its `from` environment (sourceHealth): those of its
 * signed promotion data, or, for a pull request made by hand, those its
 * changed files move (healthSubject decides which). Undefined where health
 * does not apply.
 */
async function healthOf(github: SettleGitHub, repo: RepoRef, environment: string, facts: GateFacts, broughtIn: BroughtIn): Promise<SourceHealth | undefined> {
  const subject = healthSubject(facts.config, environment, facts.trust, facts.policy?.movedImages ?? null);
  if (subject.kind === "none") return undefined;
  if (subject.kind === "unknown") return subject;
  const versions =
    subject.kind === "brought"
      ? subject.versions
      : [...(await broughtIn())].map(([image, version]) => ({
          image,
          version,
        }));
  return sourceHealth(
    github,
    repo,
    { config: facts.config, environment: subject.from, healthChecks: facts.config.environments[environment]?.requires?.healthChecks },
    versions,
  );
}
