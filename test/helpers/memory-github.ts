/**
 * An in-memory GitHub for unit tests of the orchestrators: a GitHubClient
 * over state a test sets up and reads back (repositories with commits and
 * branches, pull requests, issues and comments, check runs, reviews,
 * deployments, reactions, teams, permissions, the app's identity). Writes
 * change that state as GitHub does: a commit needs its branch at the
 * expected head, a second open PR from one head is refused, a merge checks
 * the head sha and writes a merge commit on the base, a comment is found by
 * its marker among the bot's comments. Every call is recorded in `calls`.
 *
 * The client acts as the app: what it opens, comments and commits is the
 * app's bot's. Tests act as people through the helpers (`pushCommit`,
 * `openPullRequestAs`, `addReview`, `editIssueAs`, …).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIG_PATH } from "../../src/engine/config/parse-config.js";
import { InputError } from "../../src/engine/errors.js";
import type { RepoReader } from "../../src/engine/repo/reader.js";
import { decodeYamlBytes, isYamlPath, MAX_YAML_BYTES } from "../../src/engine/repo/yaml-files.js";
import { GitHubError } from "../../src/github/errors.js";
import type {
  AppIdentity,
  AuthoredIssue,
  BranchArchive,
  BranchHead,
  HeadAndFile,
  CheckRun,
  CheckRunRequest,
  Comment,
  CommitRequest,
  Deployment,
  DeploymentRecord,
  GitHubClient,
  Issue,
  IssueUpdate,
  MergedPullRequest,
  NewPullRequest,
  PathCommit,
  PullRequest,
  RepoPermission,
  RepoRef,
  RepositoryConfigAtHead,
  Review,
} from "../../src/github/github-client.js";
import type { OpenPullRequestGate } from "../../src/github/open-promotion-gates.js";
import type { Reaction } from "../../src/github/reactions.js";
import type { RefQuestions, SourceRefs } from "../../src/github/source-changelog.js";
import type { Comparison, SourceRelease } from "../../src/engine/changelog/changelog.js";
import type { CommitComparison, CommitStatus, EnvironmentDeployment } from "../../src/github/health-signals.js";

/** One commit: its parents and every file it holds. */
export interface MemoryCommit {
  sha: string;
  parents: string[];
  files: Map<string, string>;
  message: string;
  /** Login of its author (and committer). */
  author: string;
  committedAt: Date;
}

/** A pull request as the memory keeps it; while open its head sha follows its head branch. */
export interface MemoryPullRequest {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  headBranch: string;
  /** The head sha once closed (frozen); while open, read headSha(). */
  closedHeadSha: string | null;
  baseBranch: string;
  labels: string[];
  author: string;
  fromFork: boolean;
  merged: boolean;
  mergeCommitSha: string | null;
  /** When false, GitHub refuses to merge it (e.g. required checks). */
  mergeable: boolean;
}

export interface MemoryIssue {
  number: number;
  title: string;
  openingTitle: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  author: string;
  authorIsBot: boolean;
  updatedAt: string;
  lastBodyEditors: string[];
}

export interface MemoryComment {
  id: number;
  issueNumber: number;
  body: string;
  author: string;
  authorIsBot: boolean;
}

export interface MemoryCheckRun {
  id: number;
  headSha: string;
  name: string;
  appId: number | null;
  status: "completed" | "in_progress" | "queued";
  conclusion: string | null;
  title: string | null;
  summary: string;
  text: string | null;
  externalId: string | null;
  annotations: number;
}

export interface MemoryDeployment {
  id: number;
  sha: string;
  environment: string;
  task: string;
  description: string;
  logUrl: string | null;
  payload: unknown;
  createdAt: Date;
  creator: string | null;
  appId: number | null;
  statuses: string[];
}

export interface MemoryRepository {
  ref: RepoRef;
  defaultBranch: string;
  branches: Map<string, string>;
  commits: Map<string, MemoryCommit>;
  pulls: MemoryPullRequest[];
  issues: MemoryIssue[];
  comments: MemoryComment[];
  checkRuns: MemoryCheckRun[];
  reviews: Map<number, Review[]>;
  deployments: MemoryDeployment[];
  /** Lower-cased login → permission; anyone else has `none`. */
  permissions: Map<string, RepoPermission>;
  archived: boolean;
  /** Whether the installation can see it (installationRepositories). */
  installed: boolean;
  nextNumber: number;
}

/** One recorded call of the client. */
export interface MemoryCall {
  method: keyof GitHubClient;
  args: unknown[];
}

export const MEMORY_APP: AppIdentity = { id: 1, login: "promenade[bot]" };

const ZERO_DATE = new Date("2026-01-01T00:00:00Z");

function notFound(operation: string, route: string, detail = "Not Found"): GitHubError {
  return new GitHubError(operation, route, 404, undefined, detail);
}

function unprocessable(operation: string, route: string, detail: string): GitHubError {
  return new GitHubError(operation, route, 422, undefined, detail);
}

/** The GraphQL node id the memory GitHub gives a repository. */
function repositoryNodeId(repo: RepoRef): string {
  return `R_${key(repo)}`;
}

function key(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`.toLowerCase();
}

export class MemoryGitHub implements GitHubClient {
  readonly repositories = new Map<string, MemoryRepository>();
  readonly calls: MemoryCall[] = [];
  readonly reactions: { commentId: number; content: Reaction }[] = [];
  /** `org/slug` (lower-cased) → lower-cased logins. */
  readonly teams = new Map<string, Set<string>>();
  /** Git tags, for sourceRefs: `owner/repo` (lower-cased) → tag name → commit sha. */
  readonly tags = new Map<string, Map<string, string>>();
  /** Releases, for sourceRefs: `owner/repo` (lower-cased) → releases, newest first. */
  readonly releases = new Map<string, SourceRelease[]>();
  app: AppIdentity = MEMORY_APP;
  /** The clock writes are stamped with. */
  now: () => Date = () => ZERO_DATE;
  private counter = 0;
  private nextId = 1000;

  // ---- set-up and reading back, for tests -------------------------------------------------

  /** Adds a repository whose default branch holds one commit of `files`; answers that commit's sha. */
  addRepository(ref: RepoRef, files: Record<string, string> | Map<string, string>, options: { defaultBranch?: string; sha?: string } = {}): string {
    const defaultBranch = options.defaultBranch ?? "main";
    const repository: MemoryRepository = {
      ref: { owner: ref.owner, repo: ref.repo },
      defaultBranch,
      branches: new Map(),
      commits: new Map(),
      pulls: [],
      issues: [],
      comments: [],
      checkRuns: [],
      reviews: new Map(),
      deployments: [],
      permissions: new Map(),
      archived: false,
      installed: true,
      nextNumber: 1,
    };
    this.repositories.set(key(ref), repository);
    const commit = this.makeCommit(repository, [], new Map(files instanceof Map ? files : Object.entries(files)), "Initial commit", "octocat", options.sha);
    repository.branches.set(defaultBranch, commit.sha);
    return commit.sha;
  }

  repository(repo: RepoRef): MemoryRepository {
    const found = this.repositories.get(key(repo));
    if (!found) throw notFound(`read ${repo.owner}/${repo.repo}`, "GET /repos/{owner}/{repo}", "NOT_FOUND: Could not resolve to a Repository");
    return found;
  }

  /** A person's push to `branch` (created from the default branch when missing): `changes` replace files, null removes one. */
  pushCommit(repo: RepoRef, branch: string, changes: Record<string, string | null>, options: { message?: string; author?: string; date?: Date } = {}): string {
    const repository = this.repository(repo);
    const parent = repository.branches.get(branch) ?? this.sha(repository, repository.defaultBranch);
    const files = new Map(this.commit(repository, parent).files);
    for (const [path, text] of Object.entries(changes)) {
      if (text === null) files.delete(path);
      else files.set(path, text);
    }
    const commit = this.makeCommit(repository, [parent], files, options.message ?? "Change by hand", options.author ?? "octocat", undefined, options.date);
    this.moveBranch(repository, branch, commit.sha);
    return commit.sha;
  }

  /** A pull request opened by a person (or, with `author` the app's login, as if by the app). */
  openPullRequestAs(repo: RepoRef, author: string, pr: NewPullRequest & { labels?: string[]; fromFork?: boolean }): MemoryPullRequest {
    const repository = this.repository(repo);
    return this.openPull(repository, pr, author, pr.labels ?? [], pr.fromFork ?? false);
  }

  /** An issue opened by a person (`authorIsBot` for another app). */
  addIssue(
    repo: RepoRef,
    issue: { title: string; body: string; labels?: string[]; author: string; authorIsBot?: boolean; state?: "open" | "closed" },
  ): MemoryIssue {
    const repository = this.repository(repo);
    const created: MemoryIssue = {
      number: repository.nextNumber++,
      title: issue.title,
      openingTitle: issue.title,
      body: issue.body,
      labels: [...(issue.labels ?? [])],
      state: issue.state ?? "open",
      author: issue.author,
      authorIsBot: issue.authorIsBot ?? false,
      updatedAt: this.now().toISOString(),
      lastBodyEditors: [],
    };
    repository.issues.push(created);
    return created;
  }

  /** A person's edit of an issue's title or body. */
  editIssueAs(repo: RepoRef, number: number, login: string, update: IssueUpdate): void {
    this.applyIssueUpdate(this.issueRecord(this.repository(repo), number), update, login);
  }

  /** A person's comment (or another bot's). */
  addComment(repo: RepoRef, issueNumber: number, author: string, body: string, authorIsBot = false): MemoryComment {
    const repository = this.repository(repo);
    const created = { id: this.nextId++, issueNumber, body, author, authorIsBot };
    repository.comments.push(created);
    return created;
  }

  /** A review of pull request `number`, on its head commit unless `commitId` says otherwise. */
  addReview(repo: RepoRef, number: number, reviewer: string, state: Review["state"], commitId?: string): Review {
    const repository = this.repository(repo);
    const pull = this.pullRecord(repository, number);
    const review: Review = { reviewer, state, commitId: commitId ?? this.headSha(repository, pull), submittedAt: this.now() };
    repository.reviews.set(number, [...(repository.reviews.get(number) ?? []), review]);
    return review;
  }

  /** A check run of another app (or of the app itself, with its id). */
  addCheckRun(
    repo: RepoRef,
    run: {
      headSha: string;
      name: string;
      appId: number | null;
      status?: MemoryCheckRun["status"];
      conclusion?: string | null;
      title?: string;
      externalId?: string;
    },
  ): MemoryCheckRun {
    const repository = this.repository(repo);
    const created: MemoryCheckRun = {
      id: this.nextId++,
      headSha: run.headSha,
      name: run.name,
      appId: run.appId,
      status: run.status ?? (run.conclusion === undefined || run.conclusion === null ? "in_progress" : "completed"),
      conclusion: run.conclusion ?? null,
      title: run.title ?? null,
      summary: "",
      text: null,
      externalId: run.externalId ?? null,
      annotations: 0,
    };
    repository.checkRuns.push(created);
    return created;
  }

  setPermission(repo: RepoRef, login: string, permission: RepoPermission): void {
    this.repository(repo).permissions.set(login.toLowerCase(), permission);
  }

  addTeamMember(org: string, slug: string, login: string): void {
    const team = `${org}/${slug}`.toLowerCase();
    const members = this.teams.get(team) ?? new Set<string>();
    members.add(login.toLowerCase());
    this.teams.set(team, members);
  }

  /** The commit `ref` (a branch or a sha) names. */
  sha(repository: MemoryRepository, ref: string): string {
    const branch = repository.branches.get(ref);
    if (branch !== undefined) return branch;
    if (repository.commits.has(ref)) return ref;
    throw notFound(
      `resolve ${ref} in ${repository.ref.owner}/${repository.ref.repo}`,
      "GET /repos/{owner}/{repo}/commits/{ref}",
      `No commit found for the ref ${ref}`,
    );
  }

  commit(repository: MemoryRepository, sha: string): MemoryCommit {
    const found = repository.commits.get(sha);
    if (!found) throw unprocessable(`read commit ${sha}`, "GET /repos/{owner}/{repo}/git/commits/{commit_sha}", `No commit found for SHA: ${sha}`);
    return found;
  }

  /** Every file at `ref` (a branch or a sha). */
  filesAt(repo: RepoRef, ref: string): Map<string, string> {
    const repository = this.repository(repo);
    return this.commit(repository, this.sha(repository, ref)).files;
  }

  /** The text of `path` at `ref`, or undefined. */
  fileAt(repo: RepoRef, ref: string, path: string): string | undefined {
    return this.filesAt(repo, ref).get(path);
  }

  branchSha(repo: RepoRef, branch: string): string | undefined {
    return this.repository(repo).branches.get(branch);
  }

  /** Pull request `number` as the client answers it. */
  pull(repo: RepoRef, number: number): PullRequest {
    const repository = this.repository(repo);
    return this.toPullRequest(repository, this.pullRecord(repository, number));
  }

  /** Every pull request, as the client answers them. */
  pulls(repo: RepoRef): PullRequest[] {
    const repository = this.repository(repo);
    return repository.pulls.map((pull) => this.toPullRequest(repository, pull));
  }

  issues(repo: RepoRef): MemoryIssue[] {
    return this.repository(repo).issues;
  }

  commentsOn(repo: RepoRef, issueNumber: number): MemoryComment[] {
    return this.repository(repo).comments.filter((c) => c.issueNumber === issueNumber);
  }

  checkRunsOn(repo: RepoRef, sha: string): MemoryCheckRun[] {
    return this.repository(repo).checkRuns.filter((run) => run.headSha === sha);
  }

  /** The names of the calls made, in order. */
  callNames(): string[] {
    return this.calls.map((call) => call.method);
  }

  // ---- GitHubClient ------------------------------------------------------------------------

  async defaultBranchHead(repo: RepoRef): Promise<BranchHead> {
    this.record("defaultBranchHead", repo);
    return this.headOf(repo);
  }

  private headOf(repo: RepoRef): BranchHead {
    const repository = this.repositoryForGraphql(repo, "read the default branch");
    const sha = repository.branches.get(repository.defaultBranch);
    if (sha === undefined)
      throw new GitHubError(
        `read the default branch of ${key(repo)}`,
        "POST /graphql (repository.defaultBranchRef)",
        200,
        undefined,
        "the repository has no default branch (is it empty?)",
      );
    return { branch: repository.defaultBranch, sha };
  }

  async defaultBranchHeadAndFile(repo: RepoRef, path: string): Promise<HeadAndFile> {
    this.record("defaultBranchHeadAndFile", repo, path);
    const head = this.headOf(repo);
    const text = this.commit(this.repository(repo), head.sha).files.get(path);
    // As GraphQL answers: the text when it is one readFile reads as it is; otherwise it must be read through the contents API.
    let file: string | null | undefined = text ?? null;
    if (text !== undefined && Buffer.byteLength(text, "utf8") > MAX_YAML_BYTES) file = undefined;
    if (text === undefined && [...this.commit(this.repository(repo), head.sha).files.keys()].some((name) => name.startsWith(`${path}/`))) file = undefined;
    return { head, file, repositoryId: repositoryNodeId(repo) };
  }

  async installationRepositories(): Promise<RepoRef[]> {
    this.record("installationRepositories");
    return [...this.repositories.values()].filter((r) => r.installed && !r.archived).map((r) => ({ ...r.ref }));
  }

  async configsAtHead(repos: readonly RepoRef[]): Promise<RepositoryConfigAtHead[]> {
    this.record("configsAtHead", repos);
    return repos.flatMap((repo): RepositoryConfigAtHead[] => {
      const repository = this.repositories.get(key(repo));
      if (!repository?.installed || repository.archived) return [];
      const sha = repository.branches.get(repository.defaultBranch);
      if (sha === undefined) return [];
      const config = this.commit(repository, sha).files.get(CONFIG_PATH) ?? null;
      return [{ ...repository.ref, sha, config }];
    });
  }

  async readFile(repo: RepoRef, ref: string, path: string): Promise<string | null> {
    this.record("readFile", repo, ref, path);
    const repository = this.repositories.get(key(repo));
    if (!repository) return null;
    const commit = repository.commits.get(repository.branches.get(ref) ?? ref);
    if (!commit) return null;
    const text = commit.files.get(path);
    if (text === undefined) {
      if ([...commit.files.keys()].some((file) => file.startsWith(`${path}/`))) throw new InputError(path, "is a directory, not a file");
      return null;
    }
    return decodeYamlBytes(path, Buffer.from(text, "utf8"));
  }

  async existingDirectories(repo: RepoRef, sha: string, dirs: readonly string[]): Promise<Set<string>> {
    this.record("existingDirectories", repo, sha, dirs);
    const repository = this.repositoryForGraphql(repo, "find the environment directories");
    const files = [...this.commit(repository, sha).files.keys()];
    return new Set(dirs.filter((dir) => dir === "." || files.some((file) => file.startsWith(`${dir.replace(/\/+$/, "")}/`))));
  }

  async archiveOf(repo: RepoRef, ref: string): Promise<BranchArchive> {
    this.record("archiveOf", repo, ref);
    const repository = this.repository(repo);
    const sha = repository.branches.get(ref) ?? ref;
    this.commit(repository, sha);
    // Of the commit the branch points at now, as GitHub packs it: read only as that commit.
    return { readerOf: (wanted) => (wanted === sha ? this.filesReader(repo, sha) : null) };
  }

  repoReader(repo: RepoRef, sha: string): RepoReader {
    this.record("repoReader", repo, sha);
    return this.filesReader(repo, sha);
  }

  /** The YAML files at `sha`, read on first use, as the archive reader reads them. */
  private filesReader(repo: RepoRef, sha: string): RepoReader {
    let files: Map<string, string> | undefined;
    const load = (): Map<string, string> => {
      // Like the archive: read on first use, YAML files only.
      files ??= new Map([...this.commit(this.repository(repo), sha).files].filter(([path]) => isYamlPath(path)));
      return files;
    };
    return {
      listFiles: async (dir) => {
        const prefix = dir === "" || dir === "." ? "" : `${dir.replace(/\/+$/, "")}/`;
        return [...load().keys()].filter((path) => path.startsWith(prefix)).sort();
      },
      readFile: async (path) => {
        const text = load().get(path);
        if (text === undefined) throw new InputError(path, `no such file at ${sha} (symlinks and submodules are not read)`);
        return decodeYamlBytes(path, Buffer.from(text, "utf8"));
      },
    };
  }

  async resetBranch(repo: RepoRef, branch: string, sha: string): Promise<"created" | "moved"> {
    this.record("resetBranch", repo, branch, sha);
    const repository = this.repository(repo);
    this.commit(repository, sha);
    const existed = repository.branches.has(branch);
    this.moveBranch(repository, branch, sha);
    return existed ? "moved" : "created";
  }

  async replaceBranchCommit(repo: RepoRef, request: CommitRequest): Promise<string> {
    this.record("replaceBranchCommit", repo, request);
    const repository = this.repository(repo);
    const base = this.commit(repository, request.baseSha);
    if (!repository.branches.has(request.branch))
      throw unprocessable(`move ${request.branch}`, "PATCH /repos/{owner}/{repo}/git/refs/{ref}", "Reference does not exist");
    const commit = this.makeCommit(repository, [base.sha], this.withChanges(base, request), request.message, this.app.login);
    this.moveBranch(repository, request.branch, commit.sha);
    return commit.sha;
  }

  async createBranchWithCommit(repo: RepoRef, repositoryId: string, request: CommitRequest): Promise<string> {
    this.record("createBranchWithCommit", repo, repositoryId, request);
    const repository = this.repository(repo);
    if (repositoryId !== repositoryNodeId(repo))
      throw new GitHubError(
        `create ${request.branch}`,
        "POST /graphql (createRef, createCommitOnBranch)",
        200,
        undefined,
        `NOT_FOUND: no repository ${repositoryId}`,
      );
    this.commit(repository, request.baseSha);
    // As createBranchWithCommit ends on GitHub: the branch at the base (created, or moved there when it pointed elsewhere), then the commit on it.
    if (repository.branches.get(request.branch) !== request.baseSha) this.moveBranch(repository, request.branch, request.baseSha);
    const commit = this.makeCommit(
      repository,
      [request.baseSha],
      this.withChanges(this.commit(repository, request.baseSha), request),
      request.message,
      this.app.login,
    );
    this.moveBranch(repository, request.branch, commit.sha);
    return commit.sha;
  }

  async commitFiles(repo: RepoRef, request: CommitRequest): Promise<string> {
    this.record("commitFiles", repo, request);
    const repository = this.repository(repo);
    const route = "POST /graphql (createCommitOnBranch)";
    const head = repository.branches.get(request.branch);
    if (head === undefined)
      throw new GitHubError(`commit to ${request.branch}`, route, 200, undefined, `NOT_FOUND: A ref named "${request.branch}" does not exist`);
    if (head !== request.baseSha)
      throw new GitHubError(
        `commit to ${request.branch}`,
        route,
        200,
        undefined,
        `STALE_DATA: Expected branch to point to "${request.baseSha}" but it did not`,
      );
    const commit = this.makeCommit(repository, [head], this.withChanges(this.commit(repository, head), request), request.message, this.app.login);
    this.moveBranch(repository, request.branch, commit.sha);
    return commit.sha;
  }

  async findOpenPullRequest(repo: RepoRef, headBranch: string): Promise<PullRequest | null> {
    this.record("findOpenPullRequest", repo, headBranch);
    const repository = this.repository(repo);
    const pull = repository.pulls.find((p) => p.state === "open" && p.headBranch === headBranch && !p.fromFork);
    return pull ? this.toPullRequest(repository, pull) : null;
  }

  async listOpenPullRequests(repo: RepoRef): Promise<PullRequest[]> {
    this.record("listOpenPullRequests", repo);
    const repository = this.repository(repo);
    return repository.pulls.filter((p) => p.state === "open").map((p) => this.toPullRequest(repository, p));
  }

  async openPullRequestGates(repo: RepoRef, base: string, appId: number, check: string): Promise<OpenPullRequestGate[]> {
    this.record("openPullRequestGates", repo, base, appId, check);
    const repository = this.repository(repo);
    return repository.pulls
      .filter((p) => p.state === "open" && p.baseBranch === base)
      .map((p) => {
        const pr = this.toPullRequest(repository, p);
        const run = [...repository.checkRuns].reverse().find((r) => r.headSha === pr.headSha && r.appId === appId && r.name === check);
        return {
          number: pr.number,
          url: pr.url,
          title: pr.title,
          headBranch: pr.headBranch,
          fromFork: pr.fromFork,
          author: pr.author,
          authorIsBot: pr.author.endsWith("[bot]"),
          gate: run === undefined ? null : { status: run.status, conclusion: run.conclusion, title: run.title },
        };
      });
  }

  async createPullRequest(repo: RepoRef, pr: NewPullRequest): Promise<PullRequest> {
    this.record("createPullRequest", repo, pr);
    const repository = this.repository(repo);
    return this.toPullRequest(repository, this.openPull(repository, pr, this.app.login, [], false));
  }

  async listPullRequestFiles(repo: RepoRef, number: number): Promise<string[]> {
    this.record("listPullRequestFiles", repo, number);
    const repository = this.repository(repo);
    const pull = this.pullRecord(repository, number);
    const head = this.commit(repository, this.headSha(repository, pull));
    const base = this.commit(repository, this.comparisonBase(repository, pull));
    return changedPaths(base.files, head.files);
  }

  async mergedPullRequestsOfCommit(repo: RepoRef, sha: string): Promise<MergedPullRequest[]> {
    this.record("mergedPullRequestsOfCommit", repo, sha);
    const repository = this.repository(repo);
    return repository.pulls
      .filter((p) => p.merged && (p.mergeCommitSha === sha || p.closedHeadSha === sha))
      .map((p) => ({ number: p.number, url: this.url(repository, "pull", p.number), headBranch: p.headBranch }));
  }

  async updatePullRequest(repo: RepoRef, number: number, update: IssueUpdate): Promise<PullRequest> {
    this.record("updatePullRequest", repo, number, update);
    const repository = this.repository(repo);
    const pull = this.pullRecord(repository, number);
    if (update.title !== undefined) pull.title = update.title;
    if (update.body !== undefined) pull.body = update.body;
    if (update.state === "closed" && pull.state === "open") this.closePull(repository, pull);
    if (update.state === "open" && pull.state === "closed") {
      if (pull.merged)
        throw unprocessable(
          `reopen #${number}`,
          "PATCH /repos/{owner}/{repo}/pulls/{pull_number}",
          "state cannot be changed. The pull request cannot be reopened",
        );
      pull.state = "open";
      pull.closedHeadSha = null;
    }
    return this.toPullRequest(repository, pull);
  }

  async addLabels(repo: RepoRef, issueNumber: number, labels: string[]): Promise<void> {
    this.record("addLabels", repo, issueNumber, labels);
    if (labels.length === 0) return;
    const repository = this.repository(repo);
    const target = repository.pulls.find((p) => p.number === issueNumber) ?? this.issueRecord(repository, issueNumber);
    for (const label of labels) if (!target.labels.includes(label)) target.labels.push(label);
  }

  async comment(repo: RepoRef, issueNumber: number, body: string): Promise<Comment> {
    this.record("comment", repo, issueNumber, body);
    const repository = this.repository(repo);
    this.thread(repository, issueNumber);
    const created = { id: this.nextId++, issueNumber, body, author: this.app.login, authorIsBot: true };
    repository.comments.push(created);
    return { id: created.id, url: this.commentUrl(repository, created) };
  }

  async upsertComment(repo: RepoRef, issueNumber: number, marker: string, body: string): Promise<Comment> {
    this.record("upsertComment", repo, issueNumber, marker, body);
    const repository = this.repository(repo);
    this.thread(repository, issueNumber);
    const text = body.includes(marker) ? body : `${marker}\n${body}`;
    const existing = this.markedComment(repository, issueNumber, marker);
    if (existing === undefined) {
      const created = { id: this.nextId++, issueNumber, body: text, author: this.app.login, authorIsBot: true };
      repository.comments.push(created);
      return { id: created.id, url: this.commentUrl(repository, created) };
    }
    existing.body = text;
    return { id: existing.id, url: this.commentUrl(repository, existing) };
  }

  async editComment(repo: RepoRef, issueNumber: number, marker: string, edit: (body: string) => string): Promise<boolean> {
    this.record("editComment", repo, issueNumber, marker);
    const repository = this.repository(repo);
    const existing = this.markedComment(repository, issueNumber, marker);
    if (existing === undefined) return false;
    const body = edit(existing.body);
    if (body === existing.body) return false;
    existing.body = body;
    return true;
  }

  async findOpenIssueByTitle(repo: RepoRef, title: string, label: string): Promise<Issue | null> {
    this.record("findOpenIssueByTitle", repo, title, label);
    const repository = this.repository(repo);
    const found = [...repository.issues].reverse().find((i) => i.state === "open" && i.title === title && i.labels.includes(label));
    return found ? this.toIssue(repository, found) : null;
  }

  async listIssuesByAuthor(repo: RepoRef, author: string, label: string): Promise<AuthoredIssue[]> {
    this.record("listIssuesByAuthor", repo, author, label);
    const repository = this.repository(repo);
    return [...repository.issues]
      .reverse()
      .filter((i) => i.author.toLowerCase() === author.toLowerCase() || i.labels.includes(label))
      .map((i) => ({ ...this.toIssue(repository, i), openingTitle: i.openingTitle, lastBodyEditors: [...i.lastBodyEditors] }));
  }

  async createIssue(repo: RepoRef, issue: { title: string; body: string; labels?: string[] }): Promise<Issue> {
    this.record("createIssue", repo, issue);
    const repository = this.repository(repo);
    const created = this.addIssue(repo, { ...issue, author: this.app.login, authorIsBot: true });
    return this.toIssue(repository, created);
  }

  async updateIssue(repo: RepoRef, number: number, update: IssueUpdate): Promise<void> {
    this.record("updateIssue", repo, number, update);
    this.applyIssueUpdate(this.issueRecord(this.repository(repo), number), update, this.app.login);
  }

  async closeIssue(repo: RepoRef, number: number): Promise<void> {
    this.record("closeIssue", repo, number);
    this.applyIssueUpdate(this.issueRecord(this.repository(repo), number), { state: "closed" }, this.app.login);
  }

  async createCheckRun(repo: RepoRef, check: CheckRunRequest): Promise<number> {
    this.record("createCheckRun", repo, check);
    const repository = this.repository(repo);
    this.commit(repository, check.headSha);
    const created: MemoryCheckRun = {
      id: this.nextId++,
      headSha: check.headSha,
      name: check.name,
      appId: this.app.id,
      status: check.conclusion ? "completed" : "in_progress",
      conclusion: check.conclusion ?? null,
      title: check.title,
      summary: check.summary,
      text: check.text ?? null,
      externalId: check.externalId ?? null,
      annotations: check.annotations?.length ?? 0,
    };
    repository.checkRuns.push(created);
    return created.id;
  }

  async listCheckRuns(repo: RepoRef, sha: string): Promise<CheckRun[]> {
    this.record("listCheckRuns", repo, sha);
    const repository = this.repository(repo);
    if (!repository.commits.has(sha))
      throw unprocessable(`list the check runs of ${sha}`, "GET /repos/{owner}/{repo}/commits/{ref}/check-runs", `No commit found for SHA: ${sha}`);
    const seen = new Set<string>();
    return [...repository.checkRuns]
      .reverse()
      .filter((run) => run.headSha === sha)
      .flatMap((run): CheckRun[] => {
        const id = `${run.appId ?? ""}/${run.name}`;
        if (seen.has(id)) return [];
        seen.add(id);
        return [{ name: run.name, status: run.status, conclusion: run.conclusion, title: run.title, externalId: run.externalId, appId: run.appId }];
      });
  }

  async getPullRequest(repo: RepoRef, number: number): Promise<PullRequest> {
    this.record("getPullRequest", repo, number);
    return this.pull(repo, number);
  }

  async listReviews(repo: RepoRef, number: number): Promise<Review[]> {
    this.record("listReviews", repo, number);
    const repository = this.repository(repo);
    this.pullRecord(repository, number);
    return [...(repository.reviews.get(number) ?? [])];
  }

  async isTeamMember(org: string, teamSlug: string, login: string): Promise<boolean> {
    this.record("isTeamMember", org, teamSlug, login);
    return this.teams.get(`${org}/${teamSlug}`.toLowerCase())?.has(login.toLowerCase()) ?? false;
  }

  async permissionOf(repo: RepoRef, login: string): Promise<RepoPermission> {
    this.record("permissionOf", repo, login);
    return this.repository(repo).permissions.get(login.toLowerCase()) ?? "none";
  }

  async pullRequestCommitters(repo: RepoRef, number: number): Promise<string[]> {
    this.record("pullRequestCommitters", repo, number);
    const repository = this.repository(repo);
    const pull = this.pullRecord(repository, number);
    const inBase = this.ancestors(repository, this.comparisonBase(repository, pull));
    const logins = new Set<string>();
    for (const sha of this.ancestors(repository, this.headSha(repository, pull))) {
      if (!inBase.has(sha)) logins.add(this.commit(repository, sha).author);
    }
    return [...logins];
  }

  async ownApp(): Promise<AppIdentity> {
    this.record("ownApp");
    return { ...this.app };
  }

  async mergePullRequest(repo: RepoRef, number: number, sha: string): Promise<boolean> {
    this.record("mergePullRequest", repo, number, sha);
    const repository = this.repository(repo);
    const pull = this.pullRecord(repository, number);
    if (pull.state !== "open" || !pull.mergeable) return false; // 405
    const head = this.headSha(repository, pull);
    if (head !== sha) return false; // 409
    const baseHead = this.sha(repository, pull.baseBranch);
    const mergeBase = this.mergeBase(repository, baseHead, head);
    const files = new Map(this.commit(repository, baseHead).files);
    const before = this.commit(repository, mergeBase).files;
    const after = this.commit(repository, head).files;
    for (const path of changedPaths(before, after)) {
      const text = after.get(path);
      if (text === undefined) files.delete(path);
      else files.set(path, text);
    }
    const merge = this.makeCommit(
      repository,
      [baseHead, head],
      files,
      `Merge pull request #${number} from ${repository.ref.owner}/${pull.headBranch}`,
      this.app.login,
    );
    pull.merged = true;
    pull.mergeCommitSha = merge.sha;
    this.closePull(repository, pull);
    repository.branches.set(pull.baseBranch, merge.sha);
    return true;
  }

  async recordDeployment(repo: RepoRef, deployment: DeploymentRecord): Promise<void> {
    this.record("recordDeployment", repo, deployment);
    const repository = this.repository(repo);
    this.commit(repository, deployment.sha);
    repository.deployments.push({
      id: this.nextId++,
      sha: deployment.sha,
      environment: deployment.environment,
      task: deployment.task,
      description: deployment.description,
      logUrl: deployment.logUrl,
      payload: structuredClone(deployment.payload),
      createdAt: this.now(),
      creator: this.app.login,
      appId: this.app.id,
      statuses: ["success"],
    });
  }

  async listDeployments(repo: RepoRef, environment: string, task: string, limit: number): Promise<Deployment[]> {
    this.record("listDeployments", repo, environment, task, limit);
    return [...this.repository(repo).deployments]
      .reverse()
      .filter((d) => d.environment === environment && d.task === task)
      .slice(0, limit)
      .map((d) => ({ id: d.id, sha: d.sha, createdAt: d.createdAt, payload: structuredClone(d.payload), creator: d.creator, appId: d.appId }));
  }

  /** A deployment some other tool made (or any creator given), with its statuses, oldest first. */
  addDeployment(
    repo: RepoRef,
    deployment: { sha: string; environment: string; task?: string; creator?: string; appId?: number | null; statuses: string[] },
  ): number {
    const repository = this.repository(repo);
    const id = this.nextId++;
    repository.deployments.push({
      id,
      sha: deployment.sha,
      environment: deployment.environment,
      task: deployment.task ?? "deploy",
      description: "",
      logUrl: null,
      payload: {},
      createdAt: this.now(),
      creator: deployment.creator ?? "argocd-notifications[bot]",
      appId: deployment.appId ?? null,
      statuses: [...deployment.statuses],
    });
    return id;
  }

  /** A commit status another tool posted on `sha`. */
  addCommitStatus(repo: RepoRef, sha: string, context: string, state: string): void {
    const at = `${key(repo)}@${sha}`;
    this.commitStatusesBySha.set(at, [{ context, state }, ...(this.commitStatusesBySha.get(at) ?? []).filter((status) => status.context !== context)]);
  }

  private readonly commitStatusesBySha = new Map<string, CommitStatus[]>();

  async listEnvironmentDeployments(repo: RepoRef, environment: string, limit: number): Promise<EnvironmentDeployment[]> {
    this.record("listEnvironmentDeployments", repo, environment, limit);
    return [...this.repository(repo).deployments]
      .reverse()
      .filter((d) => d.environment === environment)
      .slice(0, limit)
      .map((d) => ({ id: d.id, sha: d.sha, task: d.task, createdAt: d.createdAt, creator: d.creator, appId: d.appId }));
  }

  async latestDeploymentState(repo: RepoRef, deploymentId: number): Promise<string | null> {
    this.record("latestDeploymentState", repo, deploymentId);
    return (
      this.repository(repo)
        .deployments.find((d) => d.id === deploymentId)
        ?.statuses.at(-1) ?? null
    );
  }

  async commitStatuses(repo: RepoRef, sha: string): Promise<CommitStatus[]> {
    this.record("commitStatuses", repo, sha);
    return [...(this.commitStatusesBySha.get(`${key(repo)}@${sha}`) ?? [])];
  }

  async compareCommits(repo: RepoRef, base: string, head: string): Promise<CommitComparison> {
    this.record("compareCommits", repo, base, head);
    const repository = this.repository(repo);
    const ancestors = (sha: string): Set<string> => this.ancestors(repository, sha);
    const status = base === head ? "identical" : ancestors(head).has(base) ? "ahead" : ancestors(base).has(head) ? "behind" : "diverged";
    const before = this.commit(repository, base).files;
    const after = this.commit(repository, head).files;
    const files = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path));
    return { status, files: status === "ahead" || status === "identical" ? files : null };
  }

  async addReaction(repo: RepoRef, commentId: number, content: Reaction): Promise<void> {
    this.record("addReaction", repo, commentId, content);
    const repository = this.repository(repo);
    if (!repository.comments.some((c) => c.id === commentId))
      throw notFound(`react to comment ${commentId}`, "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions");
    if (!this.reactions.some((r) => r.commentId === commentId && r.content === content)) this.reactions.push({ commentId, content });
  }

  async commitsTouching(repo: RepoRef, ref: string, path: string, limit: number): Promise<string[]> {
    this.record("commitsTouching", repo, ref, path, limit);
    return this.touching(repo, ref, path, limit).map((commit) => commit.sha);
  }

  async pathCommits(repo: RepoRef, ref: string, path: string, limit: number): Promise<PathCommit[]> {
    this.record("pathCommits", repo, ref, path, limit);
    return this.touching(repo, ref, path, limit).map((commit) => ({ sha: commit.sha, committedAt: commit.committedAt }));
  }

  async sourceRefs(repo: RepoRef, questions: RefQuestions): Promise<SourceRefs | null> {
    this.record("sourceRefs", repo, questions);
    const repository = this.repositories.get(key(repo));
    if (!repository) return null;
    const tags = new Map(
      questions.tags.flatMap((tag) => {
        const sha = this.tags.get(key(repo))?.get(tag);
        return sha === undefined ? [] : [[tag, sha] as const];
      }),
    );
    const commits = new Map(
      questions.commits.flatMap((abbreviated) => {
        const found = [...repository.commits.keys()].filter((sha) => sha.startsWith(abbreviated));
        return found.length === 1 ? [[abbreviated, found[0] as string] as const] : [];
      }),
    );
    return { tags, commits, releases: this.releases.get(key(repo)) ?? [] };
  }

  async compareSourceCommits(repo: RepoRef, base: string, head: string): Promise<Comparison | null> {
    this.record("compareSourceCommits", repo, base, head);
    const repository = this.repositories.get(key(repo));
    if (!repository?.commits.has(base) || !repository.commits.has(head)) return null;
    const ahead: MemoryCommit[] = [];
    for (let sha: string | undefined = head; sha !== undefined && sha !== base; sha = repository.commits.get(sha)?.parents[0]) {
      ahead.push(this.commit(repository, sha));
    }
    const commits = ahead
      .reverse()
      .map((commit) => ({ sha: commit.sha, message: commit.message, url: `https://github.com/${key(repo)}/commit/${commit.sha}` }));
    return { status: base === head ? "identical" : "ahead", aheadBy: commits.length, behindBy: 0, commits: commits.slice(0, 100) };
  }

  // ---- the model ---------------------------------------------------------------------------

  private record(method: keyof GitHubClient, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  private repositoryForGraphql(repo: RepoRef, what: string): MemoryRepository {
    const found = this.repositories.get(key(repo));
    if (!found)
      throw new GitHubError(
        `${what} of ${key(repo)}`,
        "POST /graphql",
        200,
        undefined,
        `NOT_FOUND: Could not resolve to a Repository with the name '${key(repo)}'.`,
      );
    return found;
  }

  private makeCommit(
    repository: MemoryRepository,
    parents: string[],
    files: Map<string, string>,
    message: string,
    author: string,
    sha?: string,
    date?: Date,
  ): MemoryCommit {
    this.counter += 1;
    const id =
      sha ??
      createHash("sha1")
        .update(`${this.counter}\0${parents.join(",")}\0${message}`)
        .digest("hex");
    const commit: MemoryCommit = { sha: id, parents, files, message, author, committedAt: date ?? this.now() };
    repository.commits.set(id, commit);
    return commit;
  }

  private withChanges(base: MemoryCommit, request: CommitRequest): Map<string, string> {
    const files = new Map(base.files);
    for (const change of request.changes) files.set(change.path, change.content);
    return files;
  }

  /** Moves (or creates) a branch; as GitHub does, an open PR from it that no longer has commits beyond its base is closed. */
  private moveBranch(repository: MemoryRepository, branch: string, sha: string): void {
    repository.branches.set(branch, sha);
    for (const pull of repository.pulls) {
      if (pull.state !== "open" || pull.headBranch !== branch || pull.fromFork) continue;
      if (this.ancestors(repository, this.sha(repository, pull.baseBranch)).has(sha)) this.closePull(repository, pull);
    }
  }

  private openPull(repository: MemoryRepository, pr: NewPullRequest, author: string, labels: string[], fromFork: boolean): MemoryPullRequest {
    const route = "POST /repos/{owner}/{repo}/pulls";
    const operation = `open a pull request from ${pr.head}`;
    if (!repository.branches.has(pr.base)) throw unprocessable(operation, route, `Validation Failed: base ${pr.base} does not exist`);
    const head = repository.branches.get(pr.head);
    if (head === undefined) throw unprocessable(operation, route, `Validation Failed: head ${pr.head} does not exist`);
    if (repository.pulls.some((p) => p.state === "open" && p.headBranch === pr.head && p.baseBranch === pr.base && p.fromFork === fromFork)) {
      throw unprocessable(operation, route, `A pull request already exists for ${repository.ref.owner}:${pr.head}.`);
    }
    if (this.ancestors(repository, this.sha(repository, pr.base)).has(head))
      throw unprocessable(operation, route, `No commits between ${pr.base} and ${pr.head}`);
    const created: MemoryPullRequest = {
      number: repository.nextNumber++,
      title: pr.title,
      body: pr.body,
      state: "open",
      headBranch: pr.head,
      closedHeadSha: null,
      baseBranch: pr.base,
      labels: [...labels],
      author,
      fromFork,
      merged: false,
      mergeCommitSha: null,
      mergeable: true,
    };
    repository.pulls.push(created);
    return created;
  }

  private closePull(repository: MemoryRepository, pull: MemoryPullRequest): void {
    pull.closedHeadSha = this.headSha(repository, pull);
    pull.state = "closed";
  }

  private headSha(repository: MemoryRepository, pull: MemoryPullRequest): string {
    return pull.state === "closed" && pull.closedHeadSha !== null ? pull.closedHeadSha : this.sha(repository, pull.headBranch);
  }

  /** The commit a pull request's changes are counted from: where its head left its base (for a merged one, the base as it was when merged). */
  private comparisonBase(repository: MemoryRepository, pull: MemoryPullRequest): string {
    const base = pull.mergeCommitSha === null ? this.sha(repository, pull.baseBranch) : (this.commit(repository, pull.mergeCommitSha).parents[0] as string);
    return this.mergeBase(repository, base, this.headSha(repository, pull));
  }

  private pullRecord(repository: MemoryRepository, number: number): MemoryPullRequest {
    const pull = repository.pulls.find((p) => p.number === number);
    if (!pull) throw notFound(`read pull request #${number}`, "GET /repos/{owner}/{repo}/pulls/{pull_number}");
    return pull;
  }

  private issueRecord(repository: MemoryRepository, number: number): MemoryIssue {
    const issue = repository.issues.find((i) => i.number === number);
    if (!issue) throw notFound(`read issue #${number}`, "GET /repos/{owner}/{repo}/issues/{issue_number}");
    return issue;
  }

  private thread(repository: MemoryRepository, number: number): void {
    if (!repository.pulls.some((p) => p.number === number)) this.issueRecord(repository, number);
  }

  private applyIssueUpdate(issue: MemoryIssue, update: IssueUpdate, editor: string): void {
    if (update.title !== undefined) issue.title = update.title;
    if (update.body !== undefined && update.body !== issue.body) {
      issue.body = update.body;
      issue.lastBodyEditors = [editor];
    }
    if (update.state !== undefined) issue.state = update.state;
    issue.updatedAt = this.now().toISOString();
  }

  private markedComment(repository: MemoryRepository, issueNumber: number, marker: string): MemoryComment | undefined {
    return repository.comments.find((c) => c.issueNumber === issueNumber && c.authorIsBot && c.body.includes(marker));
  }

  private ancestors(repository: MemoryRepository, sha: string): Set<string> {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(repository.commits.get(next)?.parents ?? []));
    }
    return seen;
  }

  /** The nearest common ancestor of `a` and `b` (by walking `b` breadth-first). */
  private mergeBase(repository: MemoryRepository, a: string, b: string): string {
    const ofA = this.ancestors(repository, a);
    const queue = [b];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (ofA.has(next)) return next;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(repository.commits.get(next)?.parents ?? []));
    }
    return a;
  }

  /** Commits reachable from `ref` by first parents whose `path` differs from their first parent's, newest first. */
  private touching(repo: RepoRef, ref: string, path: string, limit: number): MemoryCommit[] {
    const repository = this.repository(repo);
    const found: MemoryCommit[] = [];
    let commit: MemoryCommit | undefined = this.commit(repository, this.sha(repository, ref));
    while (commit !== undefined && found.length < limit) {
      const parent: MemoryCommit | undefined = commit.parents[0] === undefined ? undefined : repository.commits.get(commit.parents[0]);
      // `path` is a file or, as GitHub's commit listing takes it, a directory: any file under it.
      const under = (files: Map<string, string> | undefined): string =>
        [...(files ?? new Map<string, string>())]
          .filter(([file]) => file === path || file.startsWith(`${path}/`))
          .map(([file, text]) => `${file}\0${text}`)
          .sort()
          .join("\0\0");
      if (under(commit.files) !== under(parent?.files)) found.push(commit);
      commit = parent;
    }
    return found;
  }

  private toPullRequest(repository: MemoryRepository, pull: MemoryPullRequest): PullRequest {
    const baseSha =
      pull.merged && pull.mergeCommitSha !== null ? (this.commit(repository, pull.mergeCommitSha).parents[0] as string) : this.sha(repository, pull.baseBranch);
    return {
      number: pull.number,
      url: this.url(repository, "pull", pull.number),
      title: pull.title,
      body: pull.body,
      state: pull.state,
      headBranch: pull.headBranch,
      headSha: this.headSha(repository, pull),
      baseBranch: pull.baseBranch,
      baseSha,
      labels: [...pull.labels],
      author: pull.author,
      fromFork: pull.fromFork,
      merged: pull.merged,
    };
  }

  private toIssue(repository: MemoryRepository, issue: MemoryIssue): Issue {
    return {
      number: issue.number,
      url: this.url(repository, "issues", issue.number),
      title: issue.title,
      body: issue.body,
      state: issue.state,
      author: issue.author,
      authorIsBot: issue.authorIsBot,
      updatedAt: issue.updatedAt,
    };
  }

  private url(repository: MemoryRepository, kind: "pull" | "issues", number: number): string {
    return `https://github.com/${repository.ref.owner}/${repository.ref.repo}/${kind}/${number}`;
  }

  private commentUrl(repository: MemoryRepository, comment: MemoryComment): string {
    const kind = repository.pulls.some((p) => p.number === comment.issueNumber) ? "pull" : "issues";
    return `${this.url(repository, kind, comment.issueNumber)}#issuecomment-${comment.id}`;
  }
}

/** Paths whose text differs between two file maps (added, modified or removed), sorted. */
export function changedPaths(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

const FIXTURES = fileURLToPath(new URL("../fixtures/repos/", import.meta.url));

/** Every file of `test/fixtures/repos/<name>/`, by repository-relative POSIX path. */
export function fixtureFiles(name: string): Record<string, string> {
  const dir = join(FIXTURES, name);
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files[relative(dir, full).split(sep).join("/")] = readFileSync(full, "utf8");
  }
  return files;
}

/** The repository these tests promote in. */
export const MEMORY_REPO: RepoRef = { owner: "acme", repo: "gitops" };

/**
 * A MemoryGitHub holding one repository (MEMORY_REPO unless `repo` says
 * otherwise) whose `main` is one commit of `files` (e.g. fixtureFiles("fleet")),
 * with `changes` over them (null removes a file). `now` fixes the clock.
 */
export function memoryRepo(
  files: Record<string, string>,
  options: { repo?: RepoRef; changes?: Record<string, string | null>; now?: Date } = {},
): { github: MemoryGitHub; repo: RepoRef; head: string } {
  const github = new MemoryGitHub();
  if (options.now !== undefined) {
    const now = options.now;
    github.now = () => now;
  }
  const repo = options.repo ?? MEMORY_REPO;
  const all = new Map(Object.entries(files));
  for (const [path, text] of Object.entries(options.changes ?? {})) {
    if (text === null) all.delete(path);
    else all.set(path, text);
  }
  const head = github.addRepository(repo, all);
  return { github, repo, head };
}
