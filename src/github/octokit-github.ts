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
import { closeIssue, createIssue, listOpenIssues, updateIssue } from "./issues.js";
import { comment, editComment, upsertComment } from "./comments.js";
import { defaultBranchHead, resetBranch } from "./branches.js";
import { commitFiles } from "./commit-files.js";
import { replaceBranchCommit } from "./replace-branch-commit.js";
import { createCheckRun, listCheckRuns } from "./check-runs.js";
import { commitAuthors } from "./commit-authors.js";
import { recordDeployment } from "./deployments.js";
import { isTeamMember, permissionOf } from "./permissions.js";
import { listReviews } from "./reviews.js";
import { addReaction } from "./reactions.js";
import { commitsTouching } from "./path-history.js";
import type { GitHubClient, Issue, RepoRef } from "./github-client.js";
import { mergedPullRequestsOfCommit } from "./merged-pull-requests.js";
import type { Octokit } from "./octokit.js";
import { listPullRequestFiles } from "./pull-request-files.js";
import { readFile } from "./read-file.js";

/**
 * A GitHubClient whose every call goes through `octokit` (e.g. a handler's
 * `context.octokit`). Made per event: the open issues of a label (the config
 * issue, the holds issue) are listed once per client and listed again after
 * it writes an issue.
 */
export function createOctokitGitHub(octokit: Octokit): GitHubClient {
  const openIssues = new Map<string, Promise<Issue[]>>();
  const listed = (repo: RepoRef, label: string): Promise<Issue[]> => {
    const key = `${repo.owner}/${repo.repo}:${label}`;
    let list = openIssues.get(key);
    if (list === undefined) {
      list = listOpenIssues(octokit, repo, label);
      list.catch(() => openIssues.delete(key));
      openIssues.set(key, list);
    }
    return list;
  };
  const writing = <T>(write: Promise<T>): Promise<T> => {
    openIssues.clear();
    return write;
  };
  return {
    defaultBranchHead: (repo) => defaultBranchHead(octokit, repo),
    readFile: (repo, ref, path) => readFile(octokit, repo, ref, path),
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
    findOpenIssueByTitle: async (repo, title, label) => (await listed(repo, label)).find((issue) => issue.title === title) ?? null,
    createIssue: (repo, issue) => writing(createIssue(octokit, repo, issue)),
    updateIssue: (repo, number, update) => writing(updateIssue(octokit, repo, number, update)),
    closeIssue: (repo, number) => writing(closeIssue(octokit, repo, number)),
    createCheckRun: (repo, check) => createCheckRun(octokit, repo, check),
    listCheckRuns: (repo, sha) => listCheckRuns(octokit, repo, sha),
    getPullRequest: (repo, number) => getPullRequest(octokit, repo, number),
    listReviews: (repo, number) => listReviews(octokit, repo, number),
    isTeamMember: (org, teamSlug, login) => isTeamMember(octokit, org, teamSlug, login),
    permissionOf: (repo, login) => permissionOf(octokit, repo, login),
    commitAuthors: (repo, sha) => commitAuthors(octokit, repo, sha),
    mergePullRequest: (repo, number, sha) => mergePullRequest(octokit, repo, number, sha),
    recordDeployment: (repo, deployment) => recordDeployment(octokit, repo, deployment),
    addReaction: (repo, commentId, content) => addReaction(octokit, repo, commentId, content),
    commitsTouching: (repo, ref, path, limit) => commitsTouching(octokit, repo, ref, path, limit),
  };
}
