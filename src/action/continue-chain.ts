/**
 * What GITHUB_TOKEN's writes do not start: pull requests it opens or pushes
 * to start no `pull_request` run, and its merges no `push` run. So the Action
 * carries on itself, in the same run: each promotion PR it opened or updated
 * is checked (review, policy, gate, auto-merge when due), and each merge is
 * promoted as the push it made (the next environments' PRs), hop after hop,
 * at most MAX_HOPS times.
 */
import { logOutcomes } from "../handlers/log-outcomes.js";
import { checkPullRequest } from "../promote/check-pull-request.js";
import { promoteEnvironmentChange } from "../promote/promote-environment-change.js";
import type { Merge, WriteRecord } from "./client.js";
import { asHandlerLog } from "./log.js";
import type { EventRun } from "./run-event.js";

/** The most rounds of checking and promoting one run makes. */
export const MAX_HOPS = 10;

/** Checks what the run opened and promotes what it merged, until nothing is left or MAX_HOPS rounds were made. */
export async function continueChain(run: EventRun, writes: WriteRecord): Promise<void> {
  for (let hop = 1; hop <= MAX_HOPS; hop++) {
    const merges = writes.takeMerges();
    const touched = writes.takeTouched();
    if (merges.length === 0 && touched.length === 0) return;
    for (const merge of merges) await promoteMerge(run, merge);
    for (const number of touched) await checkOpened(run, number);
  }
  const left = writes.takeMerges().length + writes.takeTouched().length;
  if (left > 0) run.log.warn(`stopped after ${MAX_HOPS} hops: ${left} pull request(s) left for the next run`);
}

/** The merge of promotion PR `merge.number` as the push to the default branch it made. */
async function promoteMerge(run: EventRun, merge: Merge): Promise<void> {
  const { github, repo, log } = run;
  const [head, files, own] = await Promise.all([github.defaultBranchHead(repo), github.listPullRequestFiles(repo, merge.number), github.ownApp()]);
  log.info(`merged #${merge.number}: promoting ${head.branch} at ${head.sha.slice(0, 12)}`);
  const push = { sha: head.sha, before: merge.before, files, committedAt: run.now(), url: null, actor: own.login };
  logOutcomes(asHandlerLog(log), await promoteEnvironmentChange(github, repo, push));
}

/** Checks pull request `number` as its `pull_request` run would have. */
async function checkOpened(run: EventRun, number: number): Promise<void> {
  const { github, repo, log } = run;
  const [pr, head] = await Promise.all([github.getPullRequest(repo, number), github.defaultBranchHead(repo)]);
  if (pr.state !== "open") return;
  const outcome = await checkPullRequest(github, repo, pr, pr.baseBranch === head.branch, run.render, run.now());
  log.info(`checked #${number}${outcome.settled?.merged === true ? ": merged" : ""}`);
}
