/**
 * Making one planned promotion true on GitHub: one branch, one commit on top
 * of the default branch, one PR, updated in place while it is open (SPEC
 * section 4, "Promotion PR").
 */
import { isDeepStrictEqual } from "node:util";
import { applyPromotion, type PromotionFileChange } from "../engine/plan/apply-promotion.js";
import type { Promotion } from "../engine/plan/promotion.js";
import { parsePromotionBody, renderPromotionBody, type SourceDetails } from "../engine/render/promotion-body.js";
import { promotionData } from "../engine/render/promotion-data.js";
import type { PullRequest } from "../github/github-client.js";
import { alreadyRunningNote, promotionCommitMessage } from "./promotion-messages.js";
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
 * 1. Compute the file changes at the default branch's head and, meanwhile, find the open PR on the promotion's branch.
 * 2. No changes (the environment already runs the versions): close that PR with a note, and stop.
 * 3. The open PR already proposes exactly this (its data block says so): only add missing labels, and stop.
 * 4. Point the branch at the head and commit the changes on it.
 * 5. Open the PR, or update the open one, whose body then says what it superseded.
 * 6. Label it.
 *
 * Opening a new PR costs 4 writes (branch, commit, PR, labels). The PR is
 * written last, so a run cut short is redone in full by the next delivery.
 */
export async function openPromotion(at: RepoAtHead, promotion: Promotion, event: PromotionEvent = {}): Promise<PromotionOutcome> {
  const [changes, open] = await Promise.all([
    applyPromotion(at.reader, at.config, promotion),
    at.github.findOpenPullRequest(at.repo, promotion.branch),
  ]);
  if (changes.length === 0) return closeObsolete(at, promotion, open);
  const previous = open === null ? null : parsePromotionBody(open.body);
  const since = new Map([...(event.sources ?? [])].map(([image, details]) => [image, details.since]));
  if (open !== null && isDeepStrictEqual(promotionData(promotion, previous, { since, actor: event.actor }), previous)) {
    await addMissingLabels(at, open);
    return { action: "unchanged", promotion, pullRequest: open };
  }
  await commitPromotion(at, promotion, changes);
  const pullRequest = await writePullRequest(at, promotion, open, renderPromotionBody(promotion, { config: at.config, previous, sources: event.sources, actor: event.actor }));
  await addMissingLabels(at, pullRequest);
  return { action: open === null ? "created" : "updated", promotion, pullRequest };
}

/** Closes the open PR, if any, with a note that the environment already runs its versions. */
async function closeObsolete(at: RepoAtHead, promotion: Promotion, open: PullRequest | null): Promise<PromotionOutcome> {
  if (open === null) return { action: "nothing", promotion, pullRequest: null };
  await at.github.comment(at.repo, open.number, alreadyRunningNote(promotion, at.head));
  const closed = await at.github.updatePullRequest(at.repo, open.number, { state: "closed" });
  return { action: "closed", promotion, pullRequest: closed };
}

/** Resets the promotion branch to the default branch's head and commits every file change on it as one commit. */
async function commitPromotion(at: RepoAtHead, promotion: Promotion, changes: readonly PromotionFileChange[]): Promise<void> {
  await at.github.resetBranch(at.repo, promotion.branch, at.head.sha);
  await at.github.commitFiles(at.repo, {
    branch: promotion.branch,
    baseSha: at.head.sha,
    message: promotionCommitMessage(promotion),
    changes: changes.map(({ file, after }) => ({ path: file, content: after })),
  });
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
