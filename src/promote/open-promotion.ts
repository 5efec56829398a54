/**
 * Making one planned promotion true on GitHub: one branch, one commit on top
 * of the default branch, one PR, updated in place while it is open.
 */
import { isDeepStrictEqual } from "node:util";
import { applyPromotion, type PromotionFileChange } from "../engine/plan/apply-promotion.js";
import type { Promotion } from "../engine/plan/promotion.js";
import { readPromotionBody, promotionBodyMarkdown, type PromotionBodyReading, type SourceDetails } from "../engine/markdown/promotion-body.js";
import { signingFor } from "./promotion-record.js";
import { promotionData, type PromotionData } from "../engine/markdown/promotion-data.js";
import { proposesNewer } from "../engine/plan/proposes-newer.js";
import type { PullRequest } from "../github/github-client.js";
import { alreadyRunningNote, promotionCommitMessage } from "../engine/markdown/promotion-messages.js";
import { promotionEvents } from "./promotion-events.js";
import { sourceChangelogs } from "./source-changelog.js";
import type { RepoAtHead } from "./repo-at-head.js";

/**
 * What openPromotion did: `created` or `updated` the PR (new commit),
 * found it `unchanged` (it already proposes exactly this), `closed` it (the
 * environment already runs the versions), or `nothing` (no PR and nothing to
 * change).
 */
export type PromotionOutcome =
  | { action: "created" | "updated" | "unchanged" | "closed"; promotion: Promotion; pullRequest: PullRequest }
  | { action: "nothing" | "held"; promotion: Promotion; pullRequest: null };

/** What the event that planned a promotion knows beyond the plan. */
export interface PromotionEvent {
  /** Per image (Docker-normalised name): details of its version in the source environment. */
  sources?: ReadonlyMap<string, SourceDetails>;
  /** Who caused it: the pusher of the source change, the commenter of a command. */
  actor?: string | null;
  /** Open it even into a held environment (a rollback: its gate still fails while the hold lasts). */
  whileHeld?: boolean;
}

/**
 * Opens or updates the PR of `promotion` in `at.repo`. Steps:
 *
 * 1. Compute the file changes at the default branch's head (files that do not parse and cannot hold the images are warnings, listed in the body) and, meanwhile, find the open PR on the promotion's branch (looked up ahead, when readRepoAtHead was asked to).
 * 2. No changes (the environment already runs the versions): close that PR with a note, and stop.
 * 3. The open PR already proposes exactly this (its data block says so): only add missing labels, and stop.
 * 4. The open PR proposes a newer version of the pushed image (an older push came late): keep it, and stop.
 * 5. Commit the changes on top of the head (see commitPromotion) and, meanwhile, read what changed in the images' `source` repositories (sourceChangelogs: cached; its second read, the comparison, adds one round trip).
 * 6. Open the PR, or update the open one, whose body then says what changed and what it superseded.
 * 7. Label it.
 *
 * Opening a new PR costs 3 writes (the branch with its commit, in one
 * request; PR; labels), updating one 4 (tree, commit, branch, PR). The PR
 * is written last, so a run cut short is redone in full by the next delivery.
 */
export async function openPromotion(at: RepoAtHead, promotion: Promotion, event: PromotionEvent = {}): Promise<PromotionOutcome> {
  const [{ changes, warnings, droppedPins }, open] = await Promise.all([
    applyPromotion(at.reader, at.config, promotion),
    findOpenPullRequest(at, promotion.branch),
  ]);
  if (changes.length === 0) return closeObsolete(at, promotion, open);
  const signing = signingFor(at.repo);
  const previous = open === null ? null : authenticData(readPromotionBody(open.body, signing));
  const since = new Map([...(event.sources ?? [])].map(([image, details]) => [image, details.since]));
  if (
    open !== null &&
    previous?.commit === open.headSha &&
    isDeepStrictEqual(
      promotionData(promotion, previous, { since, actor: event.actor, commit: { sha: previous.commit, files: previous.files ?? [] } }),
      previous,
    )
  ) {
    await addMissingLabels(at, open);
    return { action: "unchanged", promotion, pullRequest: open };
  }
  if (open !== null && proposesNewer(at.config, promotion, previous)) {
    await addMissingLabels(at, open);
    return { action: "unchanged", promotion, pullRequest: open };
  }
  const changelogs = sourceChangelogs(at.github, at.repo, at.config, promotion);
  const commit = { sha: await commitPromotion(at, promotion, changes, open), files: changes.map(({ file }) => file) };
  const body = promotionBodyMarkdown(promotion, {
    config: at.config,
    changelogs: await changelogs,
    previous,
    sources: event.sources,
    actor: event.actor,
    commit,
    signing,
    warnings,
    droppedPins,
  });
  const pullRequest = await writePullRequest(at, promotion, open, body);
  promotionEvents().onPromotion(open === null ? "opened" : "updated");
  await addMissingLabels(at, pullRequest);
  return { action: open === null ? "created" : "updated", promotion, pullRequest };
}

/** The open PR from `branch`: the one looked up ahead, taken once (again when that look-up failed), or looked up now. */
async function findOpenPullRequest(at: RepoAtHead, branch: string): Promise<PullRequest | null> {
  const ahead = at.openPullRequests?.get(branch);
  at.openPullRequests?.delete(branch);
  const found = await ahead?.then(
    (pullRequest) => ({ pullRequest }),
    () => undefined,
  );
  return found === undefined ? at.github.findOpenPullRequest(at.repo, branch) : found.pullRequest;
}

/** Closes the open PR, if any, with a note that the environment already runs its versions. */
async function closeObsolete(at: RepoAtHead, promotion: Promotion, open: PullRequest | null): Promise<PromotionOutcome> {
  if (open === null) return { action: "nothing", promotion, pullRequest: null };
  await at.github.comment(at.repo, open.number, alreadyRunningNote(promotion, at.head));
  const closed = await at.github.updatePullRequest(at.repo, open.number, { state: "closed" });
  promotionEvents().onPromotion("closed");
  return { action: "closed", promotion, pullRequest: closed };
}

/**
 * Writes the promotion as one commit on top of the default branch's head:
 * for a new PR, the branch is created at the head with the commit on it, in
 * one write (a branch left by an earlier run is reset to the head first,
 * unless it already points there); for an open PR, the commit is made beside and the branch moved to it in one
 * step (a PR whose branch is reset to its base is closed by GitHub for good).
 */
async function commitPromotion(at: RepoAtHead, promotion: Promotion, changes: readonly PromotionFileChange[], open: PullRequest | null): Promise<string> {
  const commit = {
    branch: promotion.branch,
    baseSha: at.head.sha,
    message: promotionCommitMessage(promotion),
    changes: changes.map(({ file, after }) => ({ path: file, content: after })),
  };
  if (open !== null) return at.github.replaceBranchCommit(at.repo, commit);
  return at.github.createBranchWithCommit(at.repo, at.repositoryId, commit);
}

/** Opens the PR, or rewrites the open one's title and body. */
async function writePullRequest(at: RepoAtHead, promotion: Promotion, open: PullRequest | null, body: string): Promise<PullRequest> {
  if (open === null) {
    return at.github.createPullRequest(at.repo, { title: promotion.title, body, head: promotion.branch, base: at.head.branch });
  }
  return at.github.updatePullRequest(at.repo, open.number, { title: promotion.title, body });
}

/** Adds the config's labels the PR lacks (none: no write). */
async function addMissingLabels(at: RepoAtHead, pullRequest: PullRequest): Promise<void> {
  const missing = at.config.pullRequests.labels.filter((label) => !pullRequest.labels.includes(label));
  await at.github.addLabels(at.repo, pullRequest.number, missing);
}

/** The data of a body Promenade signed; null for any other (a block edited or made by hand is not built on). */
function authenticData(reading: PromotionBodyReading): PromotionData | null {
  return reading.status === "valid" ? reading.data : null;
}
