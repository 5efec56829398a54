/** The GitHubClient over a Probot/Octokit instance: what orchestrators receive in the app. */
import { ArchiveReader } from "./archive-reader.js";
import {
  addLabels,
  createPullRequest,
  findOpenPullRequest,
  getPullRequest,
  listOpenPullRequests,
  mergePullRequest,
  updatePullRequest,
} from "./pull-requests.js";
import { closeIssue, createIssue, listIssues, updateIssue } from "./issues.js";
import { listIssuesByAuthor } from "./issues-by-author.js";
import { comment, editComment, upsertComment } from "./comments.js";
import { defaultBranchHead, resetBranch } from "./branches.js";
import { commitFiles } from "./commit-files.js";
import { existingDirectories } from "./existing-directories.js";
import { replaceBranchCommit } from "./replace-branch-commit.js";
import { createCheckRun, listCheckRuns } from "./check-runs.js";
import { pullRequestCommitters } from "./commit-authors.js";
import { ownApp } from "./own-app.js";
import { recordDeployment } from "./deployments.js";
import { listDeployments } from "./list-deployments.js";
import { isTeamMember, permissionOf } from "./permissions.js";
import { listReviews } from "./reviews.js";
import { addReaction } from "./reactions.js";
import { commitsTouching, pathCommits } from "./path-history.js";
import type { AppIdentity, GitHubClient, Issue, RepoRef } from "./github-client.js";
import { mergedPullRequestsOfCommit } from "./merged-pull-requests.js";
import type { Octokit } from "./octokit.js";
import type { Probot } from "probot";
import { listPullRequestFiles } from "./pull-request-files.js";
import { readFile } from "./read-file.js";
import { configsAtHead, installationRepositories } from "./installation-configs.js";

/** Who Promenade is: the app whose own credentials say it (`GET /app`), or an identity read otherwise (the GitHub Action: appBySlug). */
export type IdentitySource = Pick<Probot, "auth"> | { identity: () => Promise<AppIdentity> };

/**
 * A GitHubClient whose every call goes through `octokit` (e.g. a handler's
 * `context.octokit`), and who Promenade is through `app`'s own credentials (or its `identity`).
 * Made per event: the issues of a label (the config issue) and those of an
 * author (the holds issue), open and closed, are listed once per client and
 * listed again after it writes an issue.
 */
export function createOctokitGitHub(octokit: Octokit, app: IdentitySource): GitHubClient {
  const issueLists = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, list: () => Promise<T>): Promise<T> => {
    let listing = issueLists.get(key) as Promise<T> | undefined;
    if (listing === undefined) {
      listing = list();
      listing.catch(() => issueLists.delete(key));
      issueLists.set(key, listing);
    }
    return listing;
  };
  const listed = (repo: RepoRef, label: string): Promise<Issue[]> => once(`${repo.owner}/${repo.repo} label:${label}`, () => listIssues(octokit, repo, label));
  const writing = <T>(write: Promise<T>): Promise<T> => {
    issueLists.clear();
    return write;
  };
  return {
    defaultBranchHead: (repo) => defaultBranchHead(octokit, repo),
    installationRepositories: () => installationRepositories(octokit),
    configsAtHead: (repos) => configsAtHead(octokit, repos),
    readFile: (repo, ref, path) => readFile(octokit, repo, ref, path),
    existingDirectories: (repo, sha, dirs) => existingDirectories(octokit, repo, sha, dirs),
    repoReader: (repo, sha) => new ArchiveReader(octokit, repo, sha),
    resetBranch: (repo, branch, sha) => resetBranch(octokit, repo, branch, sha),
    commitFiles: (repo, commit) => commitFiles(octokit, repo, commit),
    replaceBranchCommit: (repo, commit) => replaceBranchCommit(octokit, repo, commit),
    findOpenPullRequest: (repo, headBranch) => findOpenPullRequest(octokit, repo, headBranch),
    listOpenPullRequests: (repo) => listOpenPullRequests(octokit, repo),
    createPullRequest: (repo, pr) => createPullRequest(octokit, repo, pr),
    listPullRequestFiles: (repo, number) => listPullRequestFiles(octokit, repo, number),
    mergedPullRequestsOfCommit: (repo, sha) => mergedPullRequestsOfCommit(octokit, repo, sha),
    updatePullRequest: (repo, number, update) => updatePullRequest(octokit, repo, number, update),
    addLabels: (repo, issueNumber, labels) => addLabels(octokit, repo, issueNumber, labels),
    comment: (repo, issueNumber, body) => comment(octokit, repo, issueNumber, body),
    upsertComment: (repo, issueNumber, marker, body) => upsertComment(octokit, repo, issueNumber, marker, body),
    editComment: (repo, issueNumber, marker, edit) => editComment(octokit, repo, issueNumber, marker, edit),
    findOpenIssueByTitle: async (repo, title, label) => (await listed(repo, label)).find((issue) => issue.state === "open" && issue.title === title) ?? null,
    listIssuesByAuthor: (repo, author, label) =>
      once(`${repo.owner}/${repo.repo} author:${author} label:${label}`, () => listIssuesByAuthor(octokit, repo, author, label)),
    createIssue: (repo, issue) => writing(createIssue(octokit, repo, issue)),
    updateIssue: (repo, number, update) => writing(updateIssue(octokit, repo, number, update)),
    closeIssue: (repo, number) => writing(closeIssue(octokit, repo, number)),
    createCheckRun: (repo, check) => createCheckRun(octokit, repo, check),
    listCheckRuns: (repo, sha) => listCheckRuns(octokit, repo, sha),
    getPullRequest: (repo, number) => getPullRequest(octokit, repo, number),
    listReviews: (repo, number) => listReviews(octokit, repo, number),
    isTeamMember: (org, teamSlug, login) => isTeamMember(octokit, org, teamSlug, login),
    permissionOf: (repo, login) => permissionOf(octokit, repo, login),
    pullRequestCommitters: (repo, number) => pullRequestCommitters(octokit, repo, number),
    ownApp: () => ("identity" in app ? app.identity() : ownApp(app)),
    mergePullRequest: (repo, number, sha) => mergePullRequest(octokit, repo, number, sha),
    recordDeployment: (repo, deployment) => recordDeployment(octokit, repo, deployment),
    listDeployments: (repo, environment, task, limit) => listDeployments(octokit, repo, environment, task, limit),
    addReaction: (repo, commentId, content) => addReaction(octokit, repo, commentId, content),
    commitsTouching: (repo, ref, path, limit) => commitsTouching(octokit, repo, ref, path, limit),
    pathCommits: (repo, ref, path, limit) => pathCommits(octokit, repo, ref, path, limit),
  };
}
