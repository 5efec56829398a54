/**
 * The GitHubClient of the Action: the app's adapter (createOctokitGitHub)
 * over a ProbotOctokit authenticated with the given token, Promenade's
 * identity read from the app slug, and a record of the pull requests it
 * opened, updated and merged (to carry on what no other workflow run will).
 */
import { ProbotOctokit } from "probot";
import type { GitHubClient, PullRequest, RepoRef } from "../github/github-client.js";
import type { Octokit } from "../github/octokit.js";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { appBySlug } from "../github/own-app.js";
import type { ActionInputs } from "./inputs.js";

/** A promotion pull request the Action merged, and where the default branch was just before. */
export interface Merge {
  number: number;
  before: string;
}

/** What the Action wrote that would start other workflow runs with another token, taken once each. */
export interface WriteRecord {
  /** Open pull requests it opened or updated, by number. */
  takeTouched(): number[];
  /** Pull requests it merged. */
  takeMerges(): Merge[];
}

/** An Octokit for the inputs' token and API, GraphQL sent to `graphqlUrl`. */
export function actionOctokit(inputs: Pick<ActionInputs, "token" | "baseUrl" | "graphqlUrl">): Octokit {
  const octokit = new ProbotOctokit({ auth: { token: inputs.token }, baseUrl: inputs.baseUrl });
  octokit.hook.before("request", (options) => {
    if (options.url === "/graphql" || options.url === `${inputs.baseUrl}/graphql` || /\/api\/graphql$/.test(options.url)) options.url = inputs.graphqlUrl;
  });
  return octokit;
}

/** The adapter over `octokit` as `appSlug`, recording its pull request writes. */
export function actionGitHub(octokit: Octokit, appSlug: string): { github: GitHubClient; writes: WriteRecord } {
  const inner = createOctokitGitHub(octokit, { identity: appBySlug(octokit, appSlug) });
  const touched = new Set<number>();
  let merges: Merge[] = [];
  const touch = (pr: PullRequest): PullRequest => {
    if (pr.state === "open") touched.add(pr.number);
    else touched.delete(pr.number);
    return pr;
  };
  const github: GitHubClient = {
    ...inner,
    createPullRequest: async (repo, pr) => touch(await inner.createPullRequest(repo, pr)),
    updatePullRequest: async (repo, number, update) => touch(await inner.updatePullRequest(repo, number, update)),
    mergePullRequest: async (repo: RepoRef, number: number, sha: string) => {
      const before = await inner.defaultBranchHead(repo);
      const merged = await inner.mergePullRequest(repo, number, sha);
      if (merged) {
        merges.push({ number, before: before.sha });
        touched.delete(number);
      }
      return merged;
    },
  };
  const writes: WriteRecord = {
    takeTouched: () => {
      const numbers = [...touched];
      touched.clear();
      return numbers;
    },
    takeMerges: () => {
      const taken = merges;
      merges = [];
      return taken;
    },
  };
  return { github, writes };
}
