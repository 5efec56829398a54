/**
 * The GitHub operations Promenade's orchestrators use, as one small
 * interface: reading the GitOps repository, writing a promotion (branch,
 * commit, pull request, labels), talking on pull requests and issues, and
 * reporting check runs. `createOctokitGitHub` implements it over Octokit;
 * every failure is a GitHubError.
 */
import type { RepoReader } from "../engine/repo/reader.js";
import type { calls, OctokitBound } from "./calls.js";

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

/** The default branch's head, and one file's text in that commit. */
export interface HeadAndFile {
  head: BranchHead;
  /** The file's text; null without the file; undefined when it must be read through the contents API (readFile). */
  file: string | null | undefined;
  /** The repository's GraphQL node id (what createBranchWithCommit creates the branch in). */
  repositoryId: string;
}

/** A repository's archive downloaded by a branch's name before the branch's head was known: the branch may have moved since. */
export interface BranchArchive {
  /** A reader of its files when it is the archive of commit `sha` (as it says: see archiveIsOf); null when it is of another commit. */
  readerOf(sha: string): RepoReader | null;
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

/** The GitHub operations Promenade uses: every call of `calls.ts`, and these that are more than one call. */
export interface GitHubClient extends OctokitBound<typeof calls> {
  /** A reader of the repository's files at commit `sha`: one archive download on first use, whatever the repository's size. */
  repoReader(repo: RepoRef, sha: string): RepoReader;
  /** The open issue (not pull request) labelled `label` and titled exactly `title`, if any. */
  findOpenIssueByTitle(repo: RepoRef, title: string, label: string): Promise<Issue | null>;
  /** The GitHub App Promenade runs as (read once). */
  ownApp(): Promise<AppIdentity>;
}
