/** The Octokit the adapter drives: Probot's, as handlers receive it in `context.octokit`. */
import type { ProbotOctokit } from "probot";

/** An authenticated ProbotOctokit instance. */
export type Octokit = InstanceType<typeof ProbotOctokit>;
