/**
 * The GitHub operations Promenade's orchestrators use, as one small
 * interface: reading the GitOps repository, writing a promotion (branch,
 * commit, pull request, labels), talking on pull requests and issues, and
 * reporting check runs. `createOctokitGitHub` implements it over Octokit;
 * every failure is a GitHubError.
 */
import type { RepoReader } from "../engine/repo/reader.js";
import type { Reaction } from "./reactions.js";

/** A repository: `owner/repo`. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** A branch and the commit it points at. */
export interface BranchHead {
  branch: string;
  sha: string;
}

/** One file to write, with its whole new text. */
export interface FileChange {
  path: string;
  content: string;
}

/** One commit on top of `baseSha`, which `branch` must point at. */
export interface CommitRequest {
  branch: string;
  baseSha: string;
  /** The commit message: its first line is the headline, the rest the body. */
  message: string;
  changes: FileChange[];
}

/** A pull request as Promenade needs it. */
export interface PullRequest {
  number: number;
  url: string;
  title: string;
  body: string;
  state: "open" | "closed";
  headBranch: string;
  headSha: string;
  baseBranch: string;
  /** The commit of the base branch GitHub compares the pull request with. */
  baseSha: string;
  labels: string[];
  /** The login of the person (or bot) who opened it. */
  author: string;
  /** Whether its head branch lives in another repository (a fork). */
  fromFork: boolean;
  merged: boolean;
}

/** A new pull request from `head` into `base`. */
export interface NewPullRequest {
  title: string;
  body: string;
  head: string;
  base: string;
}

/** Fields of a pull request or issue to change; those left out stay as they are. */
export interface IssueUpdate {
  title?: string;
  body?: string;
  state?: "open" | "closed";
}

/** A comment on an issue or pull request. */
export interface Comment {
  id: number;
  url: string;
}

/** An issue as Promenade needs it. */
export interface Issue {
  number: number;
  url: string;
  title: string;
  body: string;
  state: "open" | "closed";
  /** The login of who opened it (an app's bot: `<app-slug>[bot]`). */
  author: string;
  /** Whether it was opened by an app (GitHub's user type `Bot`), not a person. */
  authorIsBot: boolean;
  /** When anything of it last changed (ISO 8601). */
  updatedAt: string;
}

/** An issue with what GitHub records of its changes (its REST API does not say them). */
export interface AuthoredIssue extends Issue {
  /** The title it was opened with, whatever it was renamed to since. */
  openingTitle: string;
  /**
   * Who made the last edit of its body, as each of GitHub's records of that
   * edit names them (logins, an app's bot as `<app-slug>[bot]`, "" for an
   * account GitHub no longer knows); empty when its body was never edited.
   */
  lastBodyEditors: string[];
}

/** One line-anchored note on a check run. */
export interface CheckAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

/** A check run on `headSha`: completed with `conclusion`, or in progress without one. */
export interface CheckRunRequest {
  name: string;
  headSha: string;
  conclusion?: "success" | "failure" | "neutral" | "action_required" | "cancelled" | "skipped" | "timed_out";
  title: string;
  summary: string;
  /** Longer Markdown shown under the summary (e.g. the full diff). */
  text?: string;
  /** Machine-readable facts for later runs (GitHub keeps it with the check run; at most a few hundred characters). */
  externalId?: string;
  annotations?: CheckAnnotation[];
}

/** A review of a pull request. */
export interface Review {
  reviewer: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  commitId: string;
  submittedAt: Date;
}

/** A check run on a commit, as the gate reads it. */
export interface CheckRun {
  name: string;
  status: string;
  conclusion: string | null;
  /** The title of its output, when it has one. */
  title: string | null;
  externalId: string | null;
  /** The id of the GitHub App that wrote it (null when GitHub does not say). */
  appId: number | null;
}

/** The GitHub App Promenade runs as. */
export interface AppIdentity {
  id: number;
  /** Its bot's login, e.g. `promenade[bot]`: the author of what it opens. */
  login: string;
}

/** A person's permission on a repository, as GitHub names it. */
export type RepoPermission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** A deployment to record: `environment` now runs commit `sha`, as `task`, with `payload` (what it runs). */
export interface DeploymentRecord {
  sha: string;
  environment: string;
  task: string;
  description: string;
  /** Where to read about it (the promotion PR, or the commit); null when unknown. */
  logUrl: string | null;
  payload: Record<string, unknown>;
}

/** A deployment of an environment as GitHub lists it. */
export interface Deployment {
  id: number;
  sha: string;
  createdAt: Date;
  /** Its payload as GitHub answers it (an object, or a string). */
  payload: unknown;
  /** Who created it: a login (an app's bot as `<app-slug>[bot]`); null when GitHub no longer knows the account. */
  creator: string | null;
  /** The id of the GitHub App it was created through; null when none. */
  appId: number | null;
}

/** A commit that touched a path, with when its committer made it (for a merge: when it reached the branch). */
export interface PathCommit {
  sha: string;
  committedAt: Date | null;
}

/** A merged pull request, as the push handler needs it. */
export interface MergedPullRequest {
  number: number;
  url: string;
  headBranch: string;
}

/** A repository's default branch head and its Promenade config there. */
export interface RepositoryConfigAtHead extends RepoRef {
  sha: string;
  /** The config's text; null without the file; undefined when it must be read through the contents API (binary or too large for GraphQL). */
  config: string | null | undefined;
}

/** The GitHub operations Promenade uses. */
export interface GitHubClient {
  /** The default branch and its head commit. */
  defaultBranchHead(repo: RepoRef): Promise<BranchHead>;
  /** The repositories the installation may act on, not archived. */
  installationRepositories(): Promise<RepoRef[]>;
  /** Each repository's default branch head and config text, batched (one read per hundred repositories). */
  configsAtHead(repos: readonly RepoRef[]): Promise<RepositoryConfigAtHead[]>;
  /** The text of `path` at `ref`, or null when there is no such file. */
  readFile(repo: RepoRef, ref: string, path: string): Promise<string | null>;
  /** Those of `dirs` (repository-relative, `.` for the root) that are directories at commit `sha`, in one read. */
  existingDirectories(repo: RepoRef, sha: string, dirs: readonly string[]): Promise<Set<string>>;
  /** A reader of the repository's files at commit `sha`: one archive download on first use, whatever the repository's size. */
  repoReader(repo: RepoRef, sha: string): RepoReader;
  /** Makes `branch` point at `sha`: creates it, or force-moves it when it exists. */
  resetBranch(repo: RepoRef, branch: string, sha: string): Promise<"created" | "moved">;
  /** Replaces the commits of `branch` (which has an open pull request) with one commit of the changes on top of `baseSha`, moving it in one step; returns the new commit's sha. */
  replaceBranchCommit(repo: RepoRef, commit: CommitRequest): Promise<string>;
  /** Writes all changes as one commit on `branch` (which must be at `baseSha`); returns the new commit's sha. */
  commitFiles(repo: RepoRef, commit: CommitRequest): Promise<string>;
  /** The open pull request from `headBranch` of this repository, if any. */
  findOpenPullRequest(repo: RepoRef, headBranch: string): Promise<PullRequest | null>;
  /** Every open pull request of the repository. */
  listOpenPullRequests(repo: RepoRef): Promise<PullRequest[]>;
  /** Opens a pull request. */
  createPullRequest(repo: RepoRef, pr: NewPullRequest): Promise<PullRequest>;
  /** Paths a pull request adds, modifies or removes; a renamed file counts under both names. */
  listPullRequestFiles(repo: RepoRef, number: number): Promise<string[]>;
  /** The merged pull requests that brought commit `sha` into the default branch (one read). */
  mergedPullRequestsOfCommit(repo: RepoRef, sha: string): Promise<MergedPullRequest[]>;
  /** Changes a pull request's title, body or state. */
  updatePullRequest(repo: RepoRef, number: number, update: IssueUpdate): Promise<PullRequest>;
  /** Adds labels to an issue or pull request (existing ones stay). */
  addLabels(repo: RepoRef, issueNumber: number, labels: string[]): Promise<void>;
  /** Posts a new comment on an issue or pull request. */
  comment(repo: RepoRef, issueNumber: number, body: string): Promise<Comment>;
  /**
   * Edits the comment that contains `marker` (an HTML comment), or creates
   * one; `body` gets the marker prepended when it lacks it. An unchanged
   * body costs no write.
   */
  upsertComment(repo: RepoRef, issueNumber: number, marker: string, body: string): Promise<Comment>;
  /** Rewrites Promenade's comment containing `marker` with `edit`; no comment, or no change: no write. Answers whether it wrote. */
  editComment(repo: RepoRef, issueNumber: number, marker: string, edit: (body: string) => string): Promise<boolean>;
  /** The open issue (not pull request) labelled `label` and titled exactly `title`, if any. */
  findOpenIssueByTitle(repo: RepoRef, title: string, label: string): Promise<Issue | null>;
  /**
   * Every issue (open or closed, not pull requests) opened by `author` (an
   * app's bot as `<app-slug>[bot]`) or labelled `label`, newest first, with
   * who last edited each body and the title each was opened with.
   */
  listIssuesByAuthor(repo: RepoRef, author: string, label: string): Promise<AuthoredIssue[]>;
  /** Opens an issue. */
  createIssue(repo: RepoRef, issue: { title: string; body: string; labels?: string[] }): Promise<Issue>;
  /** Changes an issue's title, body or state. */
  updateIssue(repo: RepoRef, number: number, update: IssueUpdate): Promise<void>;
  /** Closes an issue as completed. */
  closeIssue(repo: RepoRef, number: number): Promise<void>;
  /** Creates a check run, sending annotations 50 per request as GitHub requires; returns its id. */
  createCheckRun(repo: RepoRef, check: CheckRunRequest): Promise<number>;
  /** The latest check run of each name and app on commit `sha` (GitHub lists the newest first). */
  listCheckRuns(repo: RepoRef, sha: string): Promise<CheckRun[]>;
  /** One pull request. */
  getPullRequest(repo: RepoRef, number: number): Promise<PullRequest>;
  /** Every review of a pull request, oldest first. */
  listReviews(repo: RepoRef, number: number): Promise<Review[]>;
  /** Whether `login` is an active member of the team `org/teamSlug`. */
  isTeamMember(org: string, teamSlug: string, login: string): Promise<boolean>;
  /** `login`'s permission on the repository. */
  permissionOf(repo: RepoRef, login: string): Promise<RepoPermission>;
  /** The logins of the authors and committers of every commit of a pull request (those GitHub could match to an account). */
  pullRequestCommitters(repo: RepoRef, number: number): Promise<string[]>;
  /** The GitHub App Promenade runs as (read once). */
  ownApp(): Promise<AppIdentity>;
  /** Merges the pull request if its head is still `sha`; answers false when GitHub refuses (not mergeable yet, head moved). */
  mergePullRequest(repo: RepoRef, number: number, sha: string): Promise<boolean>;
  /** Records a deployment of `sha` to an environment with a success status, for GitHub's environments view. */
  recordDeployment(repo: RepoRef, deployment: DeploymentRecord): Promise<void>;
  /** The deployments of `environment` made as `task`, newest first, at most `limit` (up to 100 per read). */
  listDeployments(repo: RepoRef, environment: string, task: string, limit: number): Promise<Deployment[]>;
  /** Adds a reaction to an issue or pull request comment. */
  addReaction(repo: RepoRef, commentId: number, content: Reaction): Promise<void>;
  /** The shas of the last `limit` commits reachable from `ref` that touched `path`, newest first. */
  commitsTouching(repo: RepoRef, ref: string, path: string, limit: number): Promise<string[]>;
  /** The last `limit` commits reachable from `ref` that touched `path`, newest first, with their commit times (one read, up to 100). */
  pathCommits(repo: RepoRef, ref: string, path: string, limit: number): Promise<PathCommit[]>;
}
