/** A scheduled run: every open pull request into the default branch decided again (gates, soak ends, windows, auto-merge), as the app's timers would. */
import { readConfigAt } from "../promote/load-config.js";
import { settlePullRequest } from "../promote/settle-pull-request.js";
import type { EventRun } from "./run-event.js";

/** Settles each open pull request into the default branch; false when any of them failed (the others are settled all the same). */
export async function settleOpenPullRequests({ github, repo, log, now }: EventRun): Promise<boolean> {
  const head = await github.defaultBranchHead(repo);
  const reading = await readConfigAt(github, repo, head.sha);
  if (reading.status === "missing") {
    log.info(`nothing to do: ${repo.owner}/${repo.repo} has no .github/promenade.yml on ${head.branch}`);
    return true;
  }
  const known = reading.status === "valid" ? { config: reading.config } : { reading };
  const pullRequests = (await github.listOpenPullRequests(repo)).filter((pr) => pr.baseBranch === head.branch);
  let failed = 0;
  for (const pr of pullRequests) {
    try {
      const outcome = await settlePullRequest(github, repo, pr, now(), known);
      const gates = [...(outcome?.gates ?? new Map())].map(([environment, gate]) => `${environment}: ${gate.passed ? "passed" : gate.title}`);
      log.info(`settled #${pr.number}${gates.length > 0 ? ` (${gates.join(", ")})` : ""}${outcome?.merged === true ? ": merged" : ""}`);
    } catch (error) {
      failed++;
      log.error(`settling #${pr.number} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  log.info(`settled ${pullRequests.length - failed} of ${pullRequests.length} open pull request(s) into ${head.branch}`);
  return failed === 0;
}
