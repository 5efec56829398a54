/**
 * The open promotion PRs of a repository with the conclusion of their gate,
 * for the dashboard: one GraphQL query that reads each pull request into the
 * default branch and, on its head commit, only the `promenade/gate` check
 * run of Promenade's own app (another app's run of that name is not asked for).
 */
import { type Actor, restLogin } from "./graphql-actor.js";
import { callGitHub, GitHubError } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

/** At most this many open pull requests into the default branch are read (one query). */
export const OPEN_PULL_REQUESTS_READ = 100;

const OPEN_GATES_QUERY = `query promenadeOpenPromotionGates($owner: String!, $name: String!, $base: String!, $appId: Int!, $check: String!, $first: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequests(states: [OPEN], baseRefName: $base, first: $first, orderBy: {field: CREATED_AT, direction: ASC}) {
      nodes {
        number
        url
        title
        headRefName
        isCrossRepository
        author { __typename login }
        commits(last: 1) {
          nodes {
            commit {
              checkSuites(first: 1, filterBy: {appId: $appId}) {
                nodes { checkRuns(first: 1, filterBy: {checkName: $check}) { nodes { status conclusion title } } }
              }
            }
          }
        }
      }
    }
  }
}`;

/** An open pull request into the default branch, with the latest gate check run Promenade's app wrote on its head (null: none yet). */
export interface OpenPullRequestGate {
  number: number;
  url: string;
  title: string;
  headBranch: string;
  /** Whether its head branch lives in another repository (a fork). */
  fromFork: boolean;
  /** Who opened it, as the REST API spells it (an app's bot as `<slug>[bot]`; "" when GitHub no longer knows the account). */
  author: string;
  authorIsBot: boolean;
  /** Its status and conclusion as the REST API spells them (`completed`, `success`, `failure`, …) and its title. */
  gate: { status: string; conclusion: string | null; title: string | null } | null;
}

interface CheckRunNode {
  status: string;
  conclusion: string | null;
  title: string | null;
}

interface PullRequestNode {
  number: number;
  url: string;
  title: string;
  headRefName: string;
  isCrossRepository: boolean;
  author: Actor | null;
  commits: {
    nodes: ({ commit: { checkSuites: { nodes: ({ checkRuns: { nodes: (CheckRunNode | null)[] | null } | null } | null)[] | null } | null } } | null)[] | null;
  };
}

interface OpenGatesResult {
  repository: { pullRequests: { nodes: (PullRequestNode | null)[] | null } } | null;
}

/**
 * The open pull requests into `base` (at most OPEN_PULL_REQUESTS_READ, oldest
 * first), each with the check run named `check` that app `appId` wrote last
 * on its head commit: one GraphQL query.
 */
export async function openPullRequestGates(octokit: Octokit, repo: RepoRef, base: string, appId: number, check: string): Promise<OpenPullRequestGate[]> {
  const operation = `list the open pull requests into ${base} of ${repoName(repo)} with their ${check} check`;
  const route = "POST /graphql (repository.pullRequests)";
  const { repository } = await callGitHub(operation, route, () =>
    octokit.graphql<OpenGatesResult>(OPEN_GATES_QUERY, { owner: repo.owner, name: repo.repo, base, appId, check, first: OPEN_PULL_REQUESTS_READ }),
  );
  if (repository === null) throw new GitHubError(operation, route, 200, undefined, "the repository was not found");
  return (repository.pullRequests.nodes ?? []).flatMap((node): OpenPullRequestGate[] => {
    if (node === null) return [];
    const run = node.commits.nodes?.[0]?.commit.checkSuites?.nodes?.[0]?.checkRuns?.nodes?.[0] ?? null;
    return [
      {
        number: node.number,
        url: node.url,
        title: node.title,
        headBranch: node.headRefName,
        fromFork: node.isCrossRepository,
        author: restLogin(node.author),
        authorIsBot: node.author?.__typename === "Bot",
        gate: run === null ? null : { status: run.status.toLowerCase(), conclusion: run.conclusion?.toLowerCase() ?? null, title: run.title },
      },
    ];
  });
}
