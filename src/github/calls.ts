/**
 * The calls of GitHubClient, each named once: a function of an Octokit and
 * its own arguments, picked from its file. GitHubClient's methods are these
 * functions without their Octokit (`OctokitBound`), with their doc comments;
 * createOctokitGitHub binds each to its Octokit (the issue listing memoised
 * per client, the issue writes forgetting it).
 */
import * as archiveReader from "./archive-reader.js";
import * as branches from "./branches.js";
import * as checkRuns from "./check-runs.js";
import * as comments from "./comments.js";
import * as commitAuthors from "./commit-authors.js";
import * as commitFiles from "./commit-files.js";
import * as deployments from "./deployments.js";
import * as existingDirectories from "./existing-directories.js";
import * as healthSignals from "./health-signals.js";
import * as installationConfigs from "./installation-configs.js";
import * as issuesByAuthor from "./issues-by-author.js";
import * as issues from "./issues.js";
import * as listDeployments from "./list-deployments.js";
import * as mergedPullRequests from "./merged-pull-requests.js";
import type { Octokit } from "./octokit.js";
import * as openPromotionGates from "./open-promotion-gates.js";
import * as pathHistory from "./path-history.js";
import * as permissions from "./permissions.js";
import * as pullRequestFiles from "./pull-request-files.js";
import * as pullRequests from "./pull-requests.js";
import * as reactions from "./reactions.js";
import * as readFile from "./read-file.js";
import * as replaceBranchCommit from "./replace-branch-commit.js";
import * as reviews from "./reviews.js";
import * as sourceChangelog from "./source-changelog.js";

/** A GitHub call: a function of an Octokit and the call's own arguments. */
export type Call = (octokit: Octokit, ...args: never[]) => Promise<unknown>;

/** The calls of a list with their Octokit bound: each method takes its call's other arguments (and keeps its doc comment). */
export type OctokitBound<List extends Record<string, Call>> = {
  [Name in keyof List]: List[Name] extends (octokit: Octokit, ...args: infer Args) => infer Answer ? (...args: Args) => Answer : never;
};

/** The named exports of a module, as one object (each property keeps its function's doc comment). */
function pick<Module extends object, Name extends keyof Module>(module: Module, ...names: Name[]): Pick<Module, Name> {
  return Object.fromEntries(names.map((name) => [name, module[name]])) as Pick<Module, Name>;
}

/** Every call of GitHubClient, by file. */
export const calls = {
  ...pick(archiveReader, "archiveOf"),
  ...pick(branches, "defaultBranchHead", "defaultBranchHeadAndFile", "resetBranch"),
  ...pick(checkRuns, "createCheckRun", "listCheckRuns"),
  ...pick(comments, "comment", "editComment", "upsertComment"),
  ...pick(commitAuthors, "pullRequestCommitters"),
  ...pick(commitFiles, "commitFiles", "createBranchWithCommit"),
  ...pick(deployments, "recordDeployment"),
  ...pick(existingDirectories, "existingDirectories"),
  ...pick(healthSignals, "commitStatuses", "compareCommits", "latestDeploymentState", "listEnvironmentDeployments"),
  ...pick(installationConfigs, "configsAtHead", "installationRepositories"),
  ...pick(issuesByAuthor, "listIssuesByAuthor"),
  ...pick(issues, "closeIssue", "createIssue", "updateIssue"),
  ...pick(listDeployments, "listDeployments"),
  ...pick(mergedPullRequests, "mergedPullRequestsOfCommit"),
  ...pick(openPromotionGates, "openPullRequestGates"),
  ...pick(pathHistory, "commitsTouching", "pathCommits"),
  ...pick(permissions, "isTeamMember", "permissionOf"),
  ...pick(pullRequestFiles, "listPullRequestFiles"),
  ...pick(
    pullRequests,
    "addLabels",
    "createPullRequest",
    "findOpenPullRequest",
    "getPullRequest",
    "listOpenPullRequests",
    "mergePullRequest",
    "updatePullRequest",
  ),
  ...pick(reactions, "addReaction"),
  ...pick(readFile, "readFile"),
  ...pick(replaceBranchCommit, "replaceBranchCommit"),
  ...pick(reviews, "listReviews"),
  ...pick(sourceChangelog, "compareSourceCommits", "sourceRefs"),
} satisfies Record<string, Call>;
