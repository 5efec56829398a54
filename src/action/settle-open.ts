/** A scheduled run: every open pull request into the default branch decided again (gates, soak ends, windows, auto-merge), as the app's timers would. */
import { settleOpenPullRequests as settleOpen } from "../promote/settle-open-pull-requests.js";
import type { EventRun } from "./run-event.js";

/** Settles each open pull request into the default branch, with the config as read (an invalid one fails each gate check); false when any of them failed (the others are settled all the same). */
export async function settleOpenPullRequests({ github, repo, log, now }: EventRun): Promise<boolean> {
  const settled = await settleOpen(github, repo, now, {
    invalidConfig: "settle",
    onSettled: (pr, outcome) => {
      const gates = [...(outcome?.gates ?? new Map())].map(([environment, gate]) => `${environment}: ${gate.passed ? "passed" : gate.title}`);
      log.info(`settled #${pr.number}${gates.length > 0 ? ` (${gates.join(", ")})` : ""}${outcome?.merged === true ? ": merged" : ""}`);
    },
    onFailed: (pr, error) => log.error(`settling #${pr.number} failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (settled.status !== "settled") {
    log.info(`nothing to do: ${repo.owner}/${repo.repo} has no .github/promenade.yml on ${settled.branch}`);
    return true;
  }
  log.info(`settled ${settled.pullRequests - settled.failed} of ${settled.pullRequests} open pull request(s) into ${settled.branch}`);
  return settled.failed === 0;
}
