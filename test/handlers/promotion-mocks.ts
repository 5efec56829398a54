/**
 * nock answers for the writes and look-ups of a promotion, and readers of
 * what was sent: the files of a createCommitOnBranch, the PR bodies.
 */
import nock from "nock";
import type { Promotion } from "../../src/engine/plan/promotion.js";
import { promotionBodyMarkdown, type PromotionBodyOptions } from "../../src/engine/markdown/promotion-body.js";
import { signingFor } from "../../src/promote/promotion-record.js";
import type { RepoRef } from "../../src/github/github-client.js";
import { GITHUB_API, type RecordedRequest, type RequestRecorder } from "../helpers/github-mock.js";
import { REPO, repositoryNodeId } from "./fixture-repo.js";

const PULLS = `/repos/${REPO.owner}/${REPO.repo}/pulls`;

/** The pulls path of `repo`. */
function pullsOf(repo: RepoRef): string {
  return `/repos/${repo.owner}/${repo.repo}/pulls`;
}

/** The promotion of api 1.3.0 → 1.4.0 from staging into production, as the gate and command tests use it. */
export const API_TO_PRODUCTION: Promotion = {
  environment: "production",
  from: "staging",
  images: [{ image: "ghcr.io/acme/api", fromVersion: { tag: "1.3.0", digest: null }, toVersion: { tag: "1.4.0", digest: null }, bump: "minor" }],
  branch: "promenade/production/api",
  title: "Promote api 1.4.0 to production",
  trigger: { kind: "environment-change", environment: "staging" },
};

/** The body Promenade writes for `promotion` in acme/gitops, signed as the app signs it, its data describing commit `commit` (the PR's head) that changes `files`. */
export function signedPromotionBody(promotion: Promotion, commit: string, files: readonly string[], options: PromotionBodyOptions = {}): string {
  return promotionBodyMarkdown(promotion, { ...options, commit: { sha: commit, files }, signing: signingFor(REPO) });
}

/** A pull request as GitHub's REST API answers it (the fields the adapter reads). */
export interface PullRequestResponse {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
  state: "open" | "closed";
  head: { ref: string; sha: string; repo: { full_name: string } | null };
  base: { ref: string; sha: string; repo: { full_name: string } };
  labels: { name: string }[];
  user: { login: string; type: string };
  merged_at: string | null;
}

/** An open promotion PR from `branch` into main. */
export function pullRequest(number: number, branch: string, fields: Partial<PullRequestResponse> = {}, repo: RepoRef = REPO): PullRequestResponse {
  return {
    number,
    html_url: `https://github.com/${repo.owner}/${repo.repo}/pull/${number}`,
    title: `Promotion on ${branch}`,
    body: null,
    state: "open",
    head: { ref: branch, sha: "e".repeat(40), repo: { full_name: `${repo.owner}/${repo.repo}` } },
    base: { ref: "main", sha: "c0ffee".padEnd(40, "0"), repo: { full_name: `${repo.owner}/${repo.repo}` } },
    labels: [],
    user: { login: "promenade[bot]", type: "Bot" },
    merged_at: null,
    ...fields,
  };
}

/** The look-up of the open PR from `branch`: `open` or none. */
export function mockOpenPullRequest(branch: string, open: PullRequestResponse | null = null, repo: RepoRef = REPO): void {
  nock(GITHUB_API)
    .get(pullsOf(repo))
    .query({ state: "open", head: `${repo.owner}:${branch}`, per_page: "1" })
    .reply(200, open === null ? [] : [open]);
}

/** The list of every open pull request: `open`. */
export function mockOpenPullRequests(open: PullRequestResponse[] = []): void {
  nock(GITHUB_API).get(PULLS).query({ state: "open", per_page: "100" }).reply(200, open);
}

/**
 * Creating the branch `branch` (it did not exist) with one commit on it, in
 * one GraphQL request (createRef, then createCommitOnBranch); the commit
 * gets `oid`.
 */
export function mockCreateBranchWithCommit(branch: string, oid = "d".repeat(40), repo: RepoRef = REPO): void {
  type Sent = { query?: string; variables?: { branch?: { repositoryId?: string; name?: string }; input?: { branch?: { branchName?: string } } } };
  nock(GITHUB_API)
    .post("/graphql", (body: Sent) => {
      const { branch: ref, input } = body.variables ?? {};
      return (
        body.query?.includes("createRef") === true &&
        ref?.repositoryId === repositoryNodeId(repo) &&
        ref.name === `refs/heads/${branch}` &&
        input?.branch?.branchName === branch
      );
    })
    .reply(200, { data: { createRef: { ref: { name: `refs/heads/${branch}` } }, createCommitOnBranch: { commit: { oid } } } });
}

/** Replacing the commit of `branch` (it has an open PR) by one on top of `baseSha`: the base's tree read, a tree, a commit, the forced move. */
export function mockReplaceCommit(branch: string, baseSha: string): void {
  const repo = `/repos/${REPO.owner}/${REPO.repo}`;
  nock(GITHUB_API)
    .get(`${repo}/git/commits/${baseSha}`)
    .reply(200, { sha: baseSha, tree: { sha: "7".repeat(40), url: "" }, parents: [], message: "base" })
    .post(`${repo}/git/trees`)
    .reply(201, { sha: "8".repeat(40), url: "", tree: [], truncated: false })
    .post(`${repo}/git/commits`)
    .reply(201, { sha: "9".repeat(40), message: "promotion", tree: { sha: "8".repeat(40), url: "" }, parents: [{ sha: baseSha, url: "" }] })
    .patch(`${repo}/git/refs/${encodeURIComponent(`heads/${branch}`)}`)
    .reply(200, { ref: `refs/heads/${branch}`, node_id: "REF_1", url: "", object: { type: "commit", sha: "9".repeat(40), url: "" } });
}

/** The files of the trees written (POST git/trees) for replaced commits, in order. */
export function replacedFiles(recorder: RequestRecorder): { path: string; content: string }[] {
  return recorder.requests
    .filter((request) => request.method === "POST" && request.path.endsWith("/git/trees"))
    .flatMap((request) => (request.body as { tree: { path: string; content: string }[] }).tree.map(({ path, content }) => ({ path, content })));
}

/** Opening PR `number`; answers with the title, body and head that were sent, the head at `headSha` (the commit made for it). Returns the answers given, for a later look-up. */
export function mockCreatePullRequest(number: number, headSha = "d".repeat(40), repo: RepoRef = REPO): PullRequestResponse[] {
  const created: PullRequestResponse[] = [];
  nock(GITHUB_API)
    .post(pullsOf(repo))
    .reply(201, (_uri, body) => {
      const sent = body as { title: string; body: string; head: string };
      const head = { ref: sent.head, sha: headSha, repo: { full_name: `${repo.owner}/${repo.repo}` } };
      const pr = pullRequest(number, sent.head, { title: sent.title, body: sent.body, head }, repo);
      created.push(pr);
      return pr;
    });
  return created;
}

/** Updating PR `existing`; answers with the fields that were sent applied. */
export function mockUpdatePullRequest(existing: PullRequestResponse): void {
  nock(GITHUB_API)
    .patch(`${PULLS}/${existing.number}`)
    .reply(200, (_uri, body) => ({ ...existing, ...(body as object) }));
}

/** Adding labels to #`number`. */
export function mockAddLabels(number: number, repo: RepoRef = REPO): void {
  nock(GITHUB_API)
    .post(`/repos/${repo.owner}/${repo.repo}/issues/${number}/labels`)
    .reply(200, (_uri, body) => (body as { labels: string[] }).labels.map((name, id) => ({ id, name })));
}

/** Every branch opening in `repo`: create the branch with its commit, open PR `number`, label it. Returns the created PRs. */
export function mockNewPromotion(branch: string, number: number, repo: RepoRef = REPO): PullRequestResponse[] {
  mockOpenPullRequest(branch, null, repo);
  mockCreateBranchWithCommit(branch, undefined, repo);
  const created = mockCreatePullRequest(number, undefined, repo);
  mockAddLabels(number, repo);
  return created;
}

/** A committed file: the branch it went to, its path and its decoded new text. */
export interface CommittedFile {
  branch: string;
  path: string;
  content: string;
}

function isCommit(request: RecordedRequest): boolean {
  return (request.body as { query?: string } | undefined)?.query?.includes("createCommitOnBranch") === true;
}

/** Every file of every createCommitOnBranch sent, its contents base64-decoded. */
export function committedFiles(recorder: RequestRecorder): CommittedFile[] {
  return recorder.requests.filter(isCommit).flatMap((request) => {
    const { input } = (request.body as { variables: { input: CommitInput } }).variables;
    return input.fileChanges.additions.map(({ path, contents }) => ({
      branch: input.branch.branchName,
      path,
      content: Buffer.from(contents, "base64").toString("utf8"),
    }));
  });
}

interface CommitInput {
  branch: { branchName: string };
  expectedHeadOid: string;
  fileChanges: { additions: { path: string; contents: string }[] };
}

/** The createRef input of every branch created with its commit (createBranchWithCommit), in order. */
export function branchesCreated(recorder: RequestRecorder): unknown[] {
  return recorder.requests
    .filter((request) => (request.body as { query?: string } | undefined)?.query?.includes("createRef(") === true)
    .map((request) => (request.body as { variables: { branch: unknown } }).variables.branch);
}

/** The number of createCommitOnBranch mutations sent. */
export function commitCount(recorder: RequestRecorder): number {
  return recorder.requests.filter(isCommit).length;
}

/** The bodies of the requests sent to `METHOD path` (e.g. `POST /repos/acme/gitops/pulls`). */
export function sentBodies(recorder: RequestRecorder, method: string, path: string): unknown[] {
  return recorder.requests.filter((r) => r.method === method && r.path === path).map((r) => r.body);
}
