/**
 * A stateful fake of the GitHub API for one repository, behind persisting
 * nock interceptors; the gitops repository it starts from
 * (test/fixtures/fake-github/gitops) with readers of its promotions; and
 * replicas of the whole app, on a Redis queue, that work against it.
 *
 * The fake keeps what GitHub keeps: commits (each with its parent and every
 * file), branches, and pull requests with their labels and comments (listed
 * through the issues API too), and serves the tarball of any commit or
 * branch (through the 302 to codeload.github.com, a branch resolved to its
 * commit then; each starts with the pax header naming its commit). Writes
 * change that state as GitHub would: `createCommitOnBranch` refuses a stale
 * `expectedHeadOid`, creating an existing ref (REST, or GraphQL's `createRef`)
 * or a second open PR from one head is refused, the mutations of one GraphQL
 * document run in order (each whatever the other's outcome), and (as GitHub
 * does) an open PR whose head branch is
 * moved onto a commit its base already contains is closed. GET answers carry
 * an ETag and answer 304 to a matching `If-None-Match`.
 *
 * Faults: with probability `faults.rate` (a seeded PRNG, so a run can be
 * repeated), a call is answered 502 or with a secondary rate limit (403,
 * `retry-after`) without being applied. `holdNext` keeps the answer of one
 * request from ever arriving, before or after GitHub applied it (or only
 * the first of its mutations): the caller then kills the replica that sent it.
 *
 * Requests still go through the validating fetch of createTestProbot, so
 * each one is checked against GitHub's OpenAPI description or GraphQL schema.
 */
import { createHash } from "node:crypto";
import nock from "nock";
import type { Probot } from "probot";
import { readPromotionBody } from "../../src/engine/markdown/promotion-body.js";
import { signingFor } from "../../src/promote/promotion-record.js";
import type { RepoRef } from "../../src/github/github-client.js";
import type { HandlerApp } from "../../src/service/dispatcher.js";
import { queueOf } from "../../src/service/intake.js";
import type { RedisQueueOptions, WorkQueue } from "../../src/service/queue/index.js";
import { startService } from "../../src/service/start-service.js";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { FixtureRepo, repositoryNodeId } from "../handlers/fixture-repo.js";
import { CODELOAD, createTestProbot, GITHUB_API, OWN_APP, takeValidationProblems } from "./github-mock.js";
import { repositoryDispatchPayload } from "./payloads.js";
import { startRedis, type RedisServer } from "./redis.js";
import { codeloadPath, gzippedTarball, topDirectory } from "./tarball.js";
import { mulberry32 } from "./seeded-random.js";
import { registerHandlers } from "../../src/index.js";

/** A commit: its parent and every file of its tree. */
export interface FakeCommit {
  sha: string;
  parent: string | null;
  message: string;
  files: ReadonlyMap<string, string>;
}

/** A pull request. */
export interface FakePull {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  head: string;
  base: string;
  labels: string[];
  /** Why it is closed, when GitHub closed it by itself. */
  closedBecause?: string;
}

/** A request as the fake received it. */
export interface FakeRequest {
  method: string;
  /** Path and query (or the whole URL at codeload.github.com). */
  path: string;
  /** What the fake took it for, e.g. `POST /repos/{owner}/{repo}/pulls` or `graphql createCommitOnBranch`. */
  route: string;
  body: unknown;
}

/** A request and how it was answered. */
export interface FakeCall extends FakeRequest {
  status: number;
  fault?: Fault;
  /** Its answer never came (holdNext). */
  held?: boolean;
}

export type Fault = "502" | "secondary-rate-limit";

export interface FakeGitHubOptions {
  /** The files of the default branch's first commit. */
  files: ReadonlyMap<string, string>;
  repo?: RepoRef;
  defaultBranch?: string;
  /** Share of calls (the installation token's aside) answered with a fault, from a PRNG seeded with `seed`. */
  faults?: { rate: number; seed: number; retryAfterSeconds?: number };
  /**
   * Close an open PR once its head branch points at a commit the base branch
   * contains (no commit ahead), as GitHub does; default true.
   */
  closeEmptyPulls?: boolean;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How much of a held request GitHub applied: none, all, or only the first mutation of a GraphQL document (the branch of createRef+createCommitOnBranch, not its commit). */
export type Applied = boolean | "first mutation";

interface Hold {
  matches: (request: FakeRequest) => boolean;
  applied: Applied;
  reached: (request: FakeRequest) => void;
}

type Route = (request: FakeRequest, match: RegExpExecArray) => Answer | Promise<Answer>;

interface RouteEntry {
  origin: string;
  method: string;
  pattern: RegExp;
  /** What the fake calls the request; `graphql` is completed with the operation's root field. */
  name: string;
  route: Route;
}

const NEVER = new Promise<never>(() => undefined);
const SECONDARY_RATE_LIMIT =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.";

function sha1(text: string | Buffer): string {
  return createHash("sha1").update(text).digest("hex");
}

function validationFailed(message: string): Answer {
  return { status: 422, body: { message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message }] } };
}

function notFound(): Answer {
  return { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
}

/** A GraphQL error of the mutation `field`. */
interface GraphqlError {
  type: string;
  path: string[];
  message: string;
}

function graphqlError(field: string, type: string, message: string): GraphqlError {
  return { type, path: [field], message };
}

/** A GraphQL answer of `data`, with `errors` when there are any. */
function graphqlAnswer(data: Record<string, unknown>, errors: GraphqlError[]): Answer {
  return { status: 200, body: errors.length === 0 ? { data } : { data, errors } };
}

/** What the fake calls a GraphQL request: by the mutation or query it makes. */
function graphqlRoute(query: string): string {
  if (query.includes("createRef(")) return "graphql createRef+createCommitOnBranch";
  return `graphql ${/createCommitOnBranch|defaultBranchRef|promenadeIssuesByAuthor/.exec(query)?.[0] ?? "?"}`;
}

/** A stateful fake of GitHub for one repository; `install()` puts it behind nock. */
export class FakeGitHub {
  readonly repo: RepoRef;
  readonly defaultBranch: string;
  /** The repository's GraphQL node id. */
  readonly repositoryId: string;
  readonly commits = new Map<string, FakeCommit>();
  readonly branches = new Map<string, string>();
  readonly pulls: FakePull[] = [];
  readonly comments: { issue: number; body: string }[] = [];
  readonly calls: FakeCall[] = [];
  /** Requests the fake does not know, answered 501. */
  readonly unexpected: string[] = [];
  readonly faultsInjected: Record<Fault, number> = { "502": 0, "secondary-rate-limit": 0 };
  private readonly random: () => number;
  private readonly faultRate: number;
  private readonly retryAfter: string;
  private readonly closeEmptyPulls: boolean;
  private readonly holds: Hold[] = [];
  private readonly tarballs = new Map<string, Promise<Buffer>>();
  /** Trees written with POST git/trees (the tree of a commit is named `tree-<commit sha>`). */
  private readonly trees = new Map<string, Map<string, string>>();
  private readonly routes: RouteEntry[];
  private commitCount = 0;

  constructor(options: FakeGitHubOptions) {
    this.repo = options.repo ?? { owner: "acme", repo: "gitops" };
    this.defaultBranch = options.defaultBranch ?? "main";
    this.repositoryId = repositoryNodeId(this.repo);
    this.random = mulberry32(options.faults?.seed ?? 1);
    this.faultRate = options.faults?.rate ?? 0;
    this.retryAfter = String(options.faults?.retryAfterSeconds ?? 1);
    this.closeEmptyPulls = options.closeEmptyPulls ?? true;
    this.branches.set(this.defaultBranch, this.addCommit(null, "Initial commit", new Map(options.files)));
    const repo = `/repos/${this.repo.owner}/${this.repo.repo}`;
    const api = (method: string, path: string, name: string, route: Route): RouteEntry => ({
      origin: GITHUB_API,
      method,
      pattern: new RegExp(`^${path}(?:\\?.*)?$`),
      name,
      route,
    });
    this.routes = [
      api("POST", "/app/installations/\\d+/access_tokens", "POST /app/installations/{id}/access_tokens", () => ({
        status: 201,
        body: { token: "ghs_fake", expires_at: "2099-01-01T00:00:00Z", permissions: {}, repository_selection: "all" },
      })),
      api("GET", "/app", "GET /app", () => ({ status: 200, body: { id: OWN_APP.id, slug: OWN_APP.slug, name: "Promenade" } })),
      api("POST", "/graphql", "graphql", (request) => this.graphql(request)),
      api("GET", `${repo}/contents/([^?]+)`, "GET contents/{path}", (request, m) => this.contents(request, decodeURIComponent(m[1] as string))),
      api("GET", `${repo}/tarball/([^?]+)`, "GET tarball/{ref}", (_request, m) => this.tarballRedirect(decodeURIComponent(m[1] as string))),
      api("GET", `${repo}/issues`, "GET issues", (request) => this.listIssues(request)),
      api("POST", `${repo}/issues/(\\d+)/labels`, "POST issues/{n}/labels", (request, m) => this.addLabels(Number(m[1]), request.body)),
      api("POST", `${repo}/issues/(\\d+)/comments`, "POST issues/{n}/comments", (request, m) => this.comment(Number(m[1]), request.body)),
      api("POST", `${repo}/git/refs`, "POST git/refs", (request) => this.createRef(request.body)),
      api("GET", `${repo}/git/ref/(.+?)`, "GET git/ref/{ref}", (_request, m) => this.getRef(decodeURIComponent(m[1] as string))),
      api("PATCH", `${repo}/git/refs/(.+?)`, "PATCH git/refs/{ref}", (request, m) => this.updateRef(decodeURIComponent(m[1] as string), request.body)),
      api("GET", `${repo}/git/commits/([0-9a-f]{40})`, "GET git/commits/{sha}", (_request, m) => this.gitCommit(m[1] as string)),
      api("POST", `${repo}/git/trees`, "POST git/trees", (request) => this.createTree(request.body)),
      api("POST", `${repo}/git/commits`, "POST git/commits", (request) => this.createGitCommit(request.body)),
      api("GET", `${repo}/pulls`, "GET pulls", (request) => this.listPulls(request)),
      api("POST", `${repo}/pulls`, "POST pulls", (request) => this.createPull(request.body)),
      api("GET", `${repo}/pulls/(\\d+)`, "GET pulls/{n}", (_request, m) => this.getPull(Number(m[1]))),
      api("PATCH", `${repo}/pulls/(\\d+)`, "PATCH pulls/{n}", (request, m) => this.updatePull(Number(m[1]), request.body)),
      {
        origin: CODELOAD,
        method: "GET",
        pattern: new RegExp(`^${codeloadPath(this.repo, "")}([0-9a-f]{40})$`),
        name: "GET codeload tar.gz",
        route: (_request, m) => this.tarball(m[1] as string),
      },
    ];
  }

  /** Puts the fake behind nock for api.github.com and codeload.github.com (until nock.cleanAll()). */
  install(): this {
    const answer = (origin: string, method: string, path: string, body: unknown, headers: Record<string, string>) =>
      this.answer(origin, method, path, body, headers);
    let requests = 0;
    for (const origin of [GITHUB_API, CODELOAD]) {
      for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) {
        nock(origin)
          .persist()
          .intercept(() => true, method)
          .reply(async function (path, body) {
            const { status, body: sent = "", headers = {} } = await answer(origin, method, path, body, this.req.headers);
            return [status, sent as nock.ReplyBody, { "x-github-request-id": `FAKE:${++requests}`, ...headers }];
          });
      }
    }
    return this;
  }

  /**
   * Keeps the answer of the next request `matches` accepts from ever arriving:
   * before GitHub applied it (`applied: false`), after (`applied: true`), or
   * after GitHub created the branch of a createRef+createCommitOnBranch but
   * not its commit (`applied: "first mutation"`: its commit failed).
   * Resolves with the request once it has arrived.
   */
  holdNext(matches: (request: FakeRequest) => boolean, options: { applied: Applied }): Promise<FakeRequest> {
    return new Promise((reached) => this.holds.push({ matches, applied: options.applied, reached }));
  }

  /** The sha `branch` points at. */
  branchSha(branch: string): string | undefined {
    return this.branches.get(branch);
  }

  /** The commit `sha`; throws when there is none. */
  commit(sha: string): FakeCommit {
    const commit = this.commits.get(sha);
    if (commit === undefined) throw new Error(`no commit ${sha}`);
    return commit;
  }

  /** The commits of `branch` that its base `base` (default: the default branch) does not contain, newest first. */
  commitsAhead(branch: string, base: string = this.defaultBranch): FakeCommit[] {
    const contained = this.ancestors(this.branches.get(base));
    const ahead: FakeCommit[] = [];
    for (let sha = this.branches.get(branch) ?? null; sha !== null && !contained.has(sha); sha = this.commit(sha).parent) ahead.push(this.commit(sha));
    return ahead;
  }

  /** The files commit `sha` adds or changes against its parent, with their new text. */
  changedFiles(sha: string): Record<string, string> {
    const commit = this.commit(sha);
    const before = commit.parent === null ? new Map<string, string>() : this.commit(commit.parent).files;
    return Object.fromEntries([...commit.files].filter(([path, text]) => before.get(path) !== text));
  }

  /** The pull requests from `head`, or all of them. */
  pullsFrom(head?: string): FakePull[] {
    return this.pulls.filter((pull) => head === undefined || pull.head === head);
  }

  private async answer(origin: string, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
    const found = this.route(origin, method, path);
    const request: FakeRequest = { method, path: origin === CODELOAD ? `${CODELOAD}${path}` : path, route: found?.name ?? `${method} ?`, body };
    if (found?.name === "graphql") request.route = graphqlRoute((body as { query?: string }).query ?? "");
    const call: FakeCall = { ...request, status: 0 };
    this.calls.push(call);
    if (found === undefined) {
      this.unexpected.push(`${method} ${request.path}`);
      call.status = 501;
      return { status: 501, body: { message: `the fake GitHub does not answer ${method} ${request.path}` } };
    }
    const hold = this.holds.find((h) => h.matches(request));
    if (hold !== undefined) {
      this.holds.splice(this.holds.indexOf(hold), 1);
      if (hold.applied === true) await found.route(request, found.match);
      else if (hold.applied === "first mutation") this.createRefOf(request.body as { variables: { branch: RefInput } });
      call.held = true;
      hold.reached(request);
      return NEVER;
    }
    const fault = found.name.startsWith("POST /app/") ? null : this.nextFault();
    const answer = fault === null ? await found.route(request, found.match) : this.faultAnswer(fault);
    const sent = method === "GET" && origin === GITHUB_API ? this.withEtag(answer, headers) : answer;
    call.status = sent.status;
    if (fault !== null) call.fault = fault;
    return sent;
  }

  private route(origin: string, method: string, path: string): (RouteEntry & { match: RegExpExecArray }) | undefined {
    for (const entry of this.routes) {
      const match = entry.origin === origin && entry.method === method ? entry.pattern.exec(path) : null;
      if (match !== null) return { ...entry, match };
    }
    return undefined;
  }

  private faultAnswer(fault: Fault): Answer {
    if (fault === "502") return { status: 502, body: { message: "Server Error" } };
    const body = { message: SECONDARY_RATE_LIMIT, documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" };
    return { status: 403, body, headers: { "retry-after": this.retryAfter } };
  }

  private nextFault(): Fault | null {
    if (this.faultRate <= 0 || this.random() >= this.faultRate) return null;
    const fault: Fault = this.random() < 0.5 ? "502" : "secondary-rate-limit";
    this.faultsInjected[fault]++;
    return fault;
  }

  /** A 200 JSON answer with its ETag, or 304 when the request already holds it. */
  private withEtag(answer: Answer, headers: Record<string, string>): Answer {
    if (answer.status !== 200 || Buffer.isBuffer(answer.body)) return answer;
    const etag = `W/"${sha1(JSON.stringify(answer.body))}"`;
    const sent = Object.entries(headers).find(([name]) => name.toLowerCase() === "if-none-match")?.[1];
    if (sent === etag) return { status: 304, headers: { etag } };
    return { ...answer, headers: { ...answer.headers, etag } };
  }

  private addCommit(parent: string | null, message: string, files: Map<string, string>): string {
    const sha = sha1(`${parent ?? ""}\n${message}\n${++this.commitCount}\n${[...files].sort().join("\n")}`);
    this.commits.set(sha, { sha, parent, message, files });
    return sha;
  }

  /** A sha, or a branch name: the commit it names. */
  private resolve(ref: string): FakeCommit | undefined {
    const sha = this.branches.get(ref.replace(/^(refs\/)?heads\//, "")) ?? ref;
    return this.commits.get(sha);
  }

  private ancestors(sha: string | undefined): Set<string> {
    const seen = new Set<string>();
    for (let at = sha ?? null; at !== null; at = this.commit(at).parent) seen.add(at);
    return seen;
  }

  /** Moves `branch` to `sha`; GitHub then closes the open PRs from it that have no commit ahead of their base. */
  private moveBranch(branch: string, sha: string): void {
    this.branches.set(branch, sha);
    if (!this.closeEmptyPulls) return;
    for (const pull of this.pulls) {
      if (pull.state === "open" && pull.head === branch && this.commitsAhead(branch, pull.base).length === 0) {
        pull.state = "closed";
        pull.closedBecause = `its head ${branch} has no commit ahead of ${pull.base}`;
      }
    }
  }

  private graphql(request: FakeRequest): Answer {
    const { query = "", variables = {} } = request.body as { query?: string; variables?: Record<string, unknown> };
    if (query.includes("createRef(")) {
      // Mutations of one document run in order, each whatever the other's outcome.
      const ref = this.graphqlCreateRef(variables.branch as RefInput);
      const commit = this.createCommitOnBranch(variables.input as CommitInput);
      return graphqlAnswer({ createRef: ref.data, createCommitOnBranch: commit.data }, [...ref.errors, ...commit.errors]);
    }
    if (query.includes("createCommitOnBranch")) {
      const commit = this.createCommitOnBranch(variables.input as CommitInput);
      return graphqlAnswer({ createCommitOnBranch: commit.data }, commit.errors);
    }
    if (query.includes("defaultBranchRef")) {
      const oid = this.branches.get(this.defaultBranch) as string;
      if (typeof variables.path !== "string")
        return { status: 200, body: { data: { repository: { id: this.repositoryId, defaultBranchRef: { name: this.defaultBranch, target: { oid } } } } } };
      // With a file's text at the head (promenadeDefaultBranchFile), as GraphQL answers a regular file's blob.
      const text = this.commit(oid).files.get(variables.path);
      const object = text === undefined ? null : { text, byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false };
      const file = object === null ? null : { mode: 0o100644, object };
      return { status: 200, body: { data: { repository: { id: this.repositoryId, defaultBranchRef: { name: this.defaultBranch, target: { oid, file } } } } } };
    }
    if (query.includes("promenadeIssuesByAuthor")) {
      // The fake keeps no issue but pull requests, which GraphQL's issues leave out.
      const none = { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };
      return { status: 200, body: { data: { repository: { byAuthor: none, byLabel: none } } } };
    }
    this.unexpected.push(`graphql ${query.slice(0, 80)}`);
    return { status: 200, body: { data: null, errors: [{ message: "the fake GitHub does not answer this query" }] } };
  }

  /** The createRef of a createRef+createCommitOnBranch request, applied alone. */
  private createRefOf(body: { variables: { branch: RefInput } }): void {
    this.graphqlCreateRef(body.variables.branch);
  }

  /** GraphQL's createRef: a branch at a commit, in the repository of that node id; an existing ref is refused. */
  private graphqlCreateRef(input: RefInput): { data: object | null; errors: GraphqlError[] } {
    const fail = (type: string, message: string) => ({ data: null, errors: [graphqlError("createRef", type, message)] });
    if (input.repositoryId !== this.repositoryId) return fail("NOT_FOUND", `Could not resolve to a node with the global id of '${input.repositoryId}'`);
    const branch = input.name.replace(/^refs\/heads\//, "");
    if (this.branches.has(branch)) return fail("UNPROCESSABLE", `A ref named "${input.name}" already exists in the repository.`);
    if (!this.commits.has(input.oid)) return fail("UNPROCESSABLE", `Object does not exist: ${input.oid}`);
    this.moveBranch(branch, input.oid);
    return { data: { ref: { name: input.name } }, errors: [] };
  }

  private createCommitOnBranch(input: CommitInput): { data: object | null; errors: GraphqlError[] } {
    const fail = (type: string, message: string) => ({ data: null, errors: [graphqlError("createCommitOnBranch", type, message)] });
    const branch = input.branch.branchName;
    const head = this.branches.get(branch);
    if (head === undefined) return fail("NOT_FOUND", `Could not resolve to a ref named 'refs/heads/${branch}'.`);
    if (head !== input.expectedHeadOid) return fail("STALE_DATA", `Expected branch to point to "${input.expectedHeadOid}" but it did not. Pull and try again.`);
    const files = new Map(this.commit(head).files);
    for (const { path, contents } of input.fileChanges.additions ?? []) files.set(path, Buffer.from(contents, "base64").toString("utf8"));
    for (const { path } of input.fileChanges.deletions ?? []) files.delete(path);
    const message = [input.message.headline, input.message.body].filter(Boolean).join("\n\n");
    const oid = this.addCommit(head, message, files);
    this.moveBranch(branch, oid);
    return { data: { commit: { oid } }, errors: [] };
  }

  private contents(request: FakeRequest, path: string): Answer {
    const ref = new URL(request.path, GITHUB_API).searchParams.get("ref") ?? this.defaultBranch;
    const text = this.resolve(ref)?.files.get(path);
    if (text === undefined) return notFound();
    const name = path.split("/").pop() as string;
    const sha = sha1(`blob ${Buffer.byteLength(text)}\0${text}`);
    const content = Buffer.from(text).toString("base64");
    return { status: 200, body: { type: "file", encoding: "base64", size: Buffer.byteLength(text), name, path, sha, content } };
  }

  private tarballRedirect(ref: string): Answer {
    const commit = this.resolve(ref);
    if (commit === undefined) return notFound();
    return { status: 302, body: "", headers: { location: `${CODELOAD}${codeloadPath(this.repo, commit.sha)}` } };
  }

  private async tarball(sha: string): Promise<Answer> {
    const commit = this.commits.get(sha);
    if (commit === undefined) return notFound();
    let tarball = this.tarballs.get(sha);
    if (tarball === undefined) {
      tarball = gzippedTarball(
        topDirectory(this.repo, sha),
        [...commit.files].map(([path, content]) => ({ path, content })),
        sha,
      );
      this.tarballs.set(sha, tarball);
    }
    const headers = { "content-type": "application/x-gzip", "content-disposition": `attachment; filename=${topDirectory(this.repo, sha)}.tar.gz` };
    return { status: 200, body: await tarball, headers };
  }

  private gitCommit(sha: string): Answer {
    const commit = this.commits.get(sha);
    if (commit === undefined) return notFound();
    return {
      status: 200,
      body: {
        sha,
        node_id: `C_${sha}`,
        message: commit.message,
        tree: { sha: `tree-${sha}`, url: "" },
        parents: commit.parent === null ? [] : [{ sha: commit.parent, url: "", html_url: "" }],
      },
    };
  }

  /** The files of tree `id`: written by createTree, or a commit's (`tree-<sha>`). */
  private treeFiles(id: string): Map<string, string> | undefined {
    const written = this.trees.get(id);
    if (written !== undefined) return written;
    const commit = id.startsWith("tree-") ? this.commits.get(id.slice(5)) : undefined;
    return commit === undefined ? undefined : new Map(commit.files);
  }

  private createTree(body: unknown): Answer {
    const { base_tree: base, tree } = body as { base_tree?: string; tree: { path: string; content?: string }[] };
    const files = base === undefined ? new Map<string, string>() : this.treeFiles(base);
    if (files === undefined) return { status: 422, body: { message: "base_tree does not exist" } };
    for (const entry of tree) if (entry.content !== undefined) files.set(entry.path, entry.content);
    const id = sha1(`tree\n${this.trees.size}\n${[...files].sort().join("\n")}`);
    this.trees.set(id, files);
    return { status: 201, body: { sha: id, url: "", tree: [], truncated: false } };
  }

  private createGitCommit(body: unknown): Answer {
    const { message, tree, parents } = body as { message: string; tree: string; parents: string[] };
    const files = this.treeFiles(tree);
    const parent = parents[0];
    if (files === undefined || parent === undefined || !this.commits.has(parent)) return { status: 422, body: { message: "tree or parent does not exist" } };
    const sha = this.addCommit(parent, message, files);
    return {
      status: 201,
      body: {
        sha,
        node_id: `C_${sha}`,
        url: "",
        html_url: "",
        message,
        tree: { sha: tree, url: "" },
        parents: [{ sha: parent, url: "", html_url: "" }],
        author: {},
        committer: {},
        verification: { verified: false, reason: "unsigned", signature: null, payload: null },
      },
    };
  }

  private createRef(body: unknown): Answer {
    const { ref, sha } = body as { ref: string; sha: string };
    const branch = ref.replace(/^refs\/heads\//, "");
    if (this.branches.has(branch)) return { status: 422, body: { message: "Reference already exists" } };
    if (!this.commits.has(sha)) return { status: 422, body: { message: "Object does not exist" } };
    this.moveBranch(branch, sha);
    return { status: 201, body: this.refBody(branch) };
  }

  private updateRef(ref: string, body: unknown): Answer {
    const { sha, force = false } = body as { sha: string; force?: boolean };
    const branch = ref.replace(/^heads\//, "");
    const current = this.branches.get(branch);
    if (current === undefined) return { status: 422, body: { message: "Reference does not exist" } };
    if (!this.commits.has(sha)) return { status: 422, body: { message: "Object does not exist" } };
    if (!force && !this.ancestors(sha).has(current)) return { status: 422, body: { message: "Update is not a fast forward" } };
    this.moveBranch(branch, sha);
    return { status: 200, body: this.refBody(branch) };
  }

  private getRef(ref: string): Answer {
    const branch = ref.replace(/^heads\//, "");
    return this.branches.has(branch) ? { status: 200, body: this.refBody(branch) } : { status: 404, body: { message: "Not Found" } };
  }

  private refBody(branch: string): object {
    const sha = this.branches.get(branch) as string;
    return { ref: `refs/heads/${branch}`, node_id: `REF_${branch}`, url: "", object: { type: "commit", sha, url: "" } };
  }

  private listIssues(request: FakeRequest): Answer {
    const query = new URL(request.path, GITHUB_API).searchParams;
    const labels = (query.get("labels") ?? "").split(",").filter(Boolean);
    const state = query.get("state") ?? "open";
    const issues = this.pulls.filter((issue) => (state === "all" || issue.state === state) && labels.every((label) => issue.labels.includes(label)));
    return { status: 200, body: issues.map((issue) => this.issueBody(issue)) };
  }

  private addLabels(number: number, body: unknown): Answer {
    const issue = this.pulls.find((pull) => pull.number === number);
    if (issue === undefined) return notFound();
    for (const label of (body as { labels: string[] }).labels) if (!issue.labels.includes(label)) issue.labels.push(label);
    return { status: 200, body: issue.labels.map((name, id) => ({ id, name, color: "ededed", default: false })) };
  }

  private comment(number: number, body: unknown): Answer {
    if (!this.pulls.some((pull) => pull.number === number)) return notFound();
    const text = (body as { body: string }).body;
    this.comments.push({ issue: number, body: text });
    return { status: 201, body: { id: this.comments.length, body: text, html_url: `${this.htmlUrl()}/issues/${number}#issuecomment-${this.comments.length}` } };
  }

  private listPulls(request: FakeRequest): Answer {
    const query = new URL(request.path, GITHUB_API).searchParams;
    const state = query.get("state") ?? "open";
    const head = query.get("head");
    const pulls = this.pullsFrom().filter((pull) => (state === "all" || pull.state === state) && (head === null || `${this.repo.owner}:${pull.head}` === head));
    const perPage = Number(query.get("per_page") ?? 30);
    return { status: 200, body: pulls.slice(0, perPage).map((pull) => this.pullBody(pull)) };
  }

  private createPull(body: unknown): Answer {
    const { title, body: text = "", head, base } = body as { title: string; body?: string; head: string; base: string };
    const branch = head.replace(new RegExp(`^${this.repo.owner}:`), "");
    if (!this.branches.has(branch)) return validationFailed(`head: ${head} does not exist`);
    if (this.pullsFrom(branch).some((pull) => pull.state === "open" && pull.base === base)) {
      return validationFailed(`A pull request already exists for ${this.repo.owner}:${branch}.`);
    }
    if (this.commitsAhead(branch, base).length === 0) return validationFailed(`No commits between ${base} and ${branch}`);
    const pull: FakePull = { number: this.pulls.length + 1, title, body: text, state: "open", head: branch, base, labels: [] };
    this.pulls.push(pull);
    return { status: 201, body: this.pullBody(pull) };
  }

  private getPull(number: number): Answer {
    const pull = this.pullsFrom().find((p) => p.number === number);
    return pull === undefined ? notFound() : { status: 200, body: this.pullBody(pull) };
  }

  private updatePull(number: number, body: unknown): Answer {
    const pull = this.pullsFrom().find((p) => p.number === number);
    if (pull === undefined) return notFound();
    const update = body as { title?: string; body?: string; state?: "open" | "closed" };
    if (update.title !== undefined) pull.title = update.title;
    if (update.body !== undefined) pull.body = update.body;
    if (update.state !== undefined) pull.state = update.state;
    return { status: 200, body: this.pullBody(pull) };
  }

  private htmlUrl(): string {
    return `https://github.com/${this.repo.owner}/${this.repo.repo}`;
  }

  /** A pull request as the issues API lists it. */
  private issueBody(pull: FakePull): object {
    const url = `${GITHUB_API}/repos/${this.repo.owner}/${this.repo.repo}/pulls/${pull.number}`;
    return { ...this.fieldsOf(pull), html_url: `${this.htmlUrl()}/issues/${pull.number}`, pull_request: { url } };
  }

  /** A pull request as the pulls API answers it. */
  private pullBody(pull: FakePull): object {
    const fullName = `${this.repo.owner}/${this.repo.repo}`;
    const side = (ref: string) => ({ ref, label: `${this.repo.owner}:${ref}`, sha: this.branches.get(ref) ?? "0".repeat(40), repo: { full_name: fullName } });
    return {
      ...this.fieldsOf(pull),
      html_url: `${this.htmlUrl()}/pull/${pull.number}`,
      draft: false,
      head: side(pull.head),
      base: side(pull.base),
      user: { login: "promenade[bot]", type: "Bot" },
      merged_at: null,
    };
  }

  /** What the issues and the pulls API answer alike. */
  private fieldsOf(pull: FakePull): object {
    const { number, title, body, state } = pull;
    return { number, title, body, state, labels: pull.labels.map((name, id) => ({ id, name })) };
  }
}

interface RefInput {
  repositoryId: string;
  name: string;
  oid: string;
}

interface CommitInput {
  branch: { repositoryNameWithOwner: string; branchName: string };
  expectedHeadOid: string;
  message: { headline: string; body?: string };
  fileChanges: { additions?: { path: string; contents: string }[]; deletions?: { path: string }[] };
}

/** The files of test/fixtures/fake-github/gitops: ten services whose images all run 1.0.0 in dev. */
export const GITOPS_FILES: ReadonlyMap<string, string> = new FixtureRepo("../fake-github/gitops").files;

/** The `promenade-image` dispatch (delivery `id`) announcing `ghcr.io/acme/<service>:<tag>` in the gitops repository. */
export function imagePush(id: string, service: string, tag: string) {
  const payload = repositoryDispatchPayload({
    repo: { owner: "acme", repo: "gitops", defaultBranch: "main" },
    eventType: "promenade-image",
    clientPayload: { image: `ghcr.io/acme/${service}`, tag },
  });
  return { id, name: "repository_dispatch" as const, payload };
}

/** How the promotion of `service` into dev stands on `fake`: its PRs, and the commits of its branch. */
export function promotionOf(fake: FakeGitHub, service: string) {
  const branch = `promenade/dev/${service}`;
  const ahead = fake.commitsAhead(branch);
  return {
    pulls: fake.pullsFrom(branch).map((pull) => ({
      state: pull.state,
      title: pull.title,
      labels: pull.labels,
      proposes: proposedTags(fake, pull.body),
    })),
    commitsAhead: ahead.length,
    onTopOfMain: ahead.at(-1)?.parent === fake.branchSha(fake.defaultBranch),
    changedFiles: ahead[0] === undefined ? {} : fake.changedFiles(ahead[0].sha),
  };
}

/** The tags a promotion PR's signed data proposes; undefined when its body holds no data Promenade signed. */
function proposedTags(fake: FakeGitHub, body: string): (string | null)[] | undefined {
  const reading = readPromotionBody(body, signingFor(fake.repo));
  return reading.status === "valid" ? reading.data.images.map((image) => image.toVersion.tag) : undefined;
}

/** promotionOf a finished promotion of `service` to `tag`: one open PR, labelled, and one commit on top of main that changes the tag. */
export function promoted(service: string, tag: string): ReturnType<typeof promotionOf> {
  const path = `deploy/dev/${service}/values.yaml`;
  return {
    pulls: [{ state: "open", title: `Promote ${service} ${tag} to dev`, labels: ["promotion", "automated"], proposes: [tag] }],
    commitsAhead: 1,
    onTopOfMain: true,
    changedFiles: { [path]: (GITOPS_FILES.get(path) as string).replace("1.0.0", tag) },
  };
}

/** What one replica's handlers did with each delivery. */
export interface HandlerRun {
  replica: string;
  id: string;
  ok: boolean;
}

/** One running instance of the app. */
export interface Replica {
  name: string;
  probot: Probot;
  queue: WorkQueue;
}

type AnyHandler = (context: { id: string }) => Promise<void>;

/** `handlers`, with every handler's outcome on each delivery pushed to `runs`. */
function recording(handlers: HandlerApp, replica: string, runs: HandlerRun[]): HandlerApp {
  const on = handlers.on as unknown as (event: unknown, handler: AnyHandler) => void;
  const watched = (event: unknown, handler: AnyHandler) =>
    on(event, async (context) => {
      try {
        await handler(context);
        runs.push({ replica, id: context.id, ok: true });
      } catch (error) {
        runs.push({ replica, id: context.id, ok: false });
        throw error;
      }
    });
  return { ...handlers, on: watched as unknown as HandlerApp["on"] };
}

/**
 * Starts an instance of the whole app (the handlers of src/index.ts) on the
 * Redis queue at `redisUrl`, as `npm start` would with REDIS_URL set and
 * PROMENADE_QUEUE_ATTEMPTS=`attempts`, without touching process.env; `queue`
 * sets the queue's timings and prefix. Its logger only reports errors:
 * retried failures are expected. Every handler outcome is pushed to `runs`.
 */
export async function startReplica(
  name: string,
  redisUrl: string,
  runs: HandlerRun[],
  { attempts, ...queue }: RedisQueueOptions & { attempts: number },
): Promise<Replica> {
  // GitHub's 5xx answers are retried by Probot's retry plugin, as in production; the rest by the queue.
  const { probot } = createTestProbot({ retry: true });
  const env = {
    REDIS_URL: redisUrl,
    PROMENADE_QUEUE_ATTEMPTS: String(attempts),
    PROMENADE_STARTUP: "off",
    PROMENADE_RENDER: "off",
    PROMENADE_WRITES_PER_MINUTE: "100000",
    WEBHOOK_SECRET: "test-webhook-secret",
  };
  await probot.load((app: Probot) => {
    app.log.level = "error";
    startService(app, undefined, (handlers, timers) => registerHandlers(recording(handlers, name, runs), timers), env, queue);
  });
  const started = queueOf(probot);
  if (started === undefined) throw new Error("startService started no queue");
  return { name, probot, queue: started };
}

/** Replicas of the app on one redis-server, for the tests of one file (see useReplicas). */
export interface Replicas {
  /** A fresh queue prefix: the replicas started with it share one queue, apart from other tests' replicas. */
  prefix(): string;
  /** startReplica on the file's redis-server; closed after the test. */
  start(name: string, runs: HandlerRun[], queue: RedisQueueOptions & { attempts: number }): Promise<Replica>;
}

/**
 * Registers hooks for the calling test file (call it inside a
 * `describe.skipIf(!hasRedisServer())`): a redis-server for the file, no real
 * network, and after each test the replicas closed, the fake GitHub removed
 * and no request left that GitHub would reject.
 */
export function useReplicas(): Replicas {
  let redis: RedisServer | undefined;
  let prefixes = 0;
  const started: Replica[] = [];
  beforeAll(async () => {
    nock.disableNetConnect();
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((replica) => replica.queue.close({ timeoutMs: 1000 })));
    nock.cleanAll();
    expect(takeValidationProblems(), "requests GitHub would reject").toEqual([]);
  });
  afterAll(async () => {
    await redis?.stop();
    nock.enableNetConnect();
  });
  return {
    prefix: () => `replicas${++prefixes}`,
    start: async (name, runs, queue) => {
      if (redis === undefined) throw new Error("no redis-server: call useReplicas() in a describe block");
      const replica = await startReplica(name, redis.url, runs, queue);
      started.push(replica);
      return replica;
    },
  };
}
