/** What a gate timer does when it fires: settle the pull request again with the installation's credentials. */
import type { Probot } from "probot";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { settlePullRequest } from "../promote/settle-pull-request.js";
import type { GateRun } from "./gate-timers.js";

/** The timed run of `app`: read the pull request, settle it if still open into the default branch it was reviewed for; answer its next moment. */
export function settleLater(app: Probot): GateRun {
  return async (job) => {
    const github = createOctokitGitHub(await app.auth(job.installationId), app);
    const pr = await github.getPullRequest(job.repo, job.number);
    if (pr.state !== "open") return null;
    const outcome = await settlePullRequest(github, job.repo, pr, new Date());
    return outcome?.nextChangeAt ?? null;
  };
}
