/**
 * nock answers for the review of a pull request (the files it changes, the
 * config at its base, the archives of base and head, the comment and the
 * check runs) and readers of what was sent.
 */
import nock from "nock";
import { GITHUB_API, type RequestRecorder } from "../helpers/github-mock.js";
import { pullRequestPayload } from "../helpers/payloads.js";
import { type FixtureRepo, HEAD_SHA, REPO } from "./fixture-repo.js";

const REPO_PATH = `/repos/${REPO.owner}/${REPO.repo}`;

/** The commit of main the reviewed pull requests start from. */
export const BASE_SHA = HEAD_SHA;

/** The Promenade comment already on a pull request. */
export interface ExistingComment {
  id: number;
  body: string;
}

/** A file of the pull request files API. */
interface PullRequestFile {
  filename: string;
  status: "added" | "modified" | "removed" | "renamed";
  previous_filename?: string;
}

/** The files pull request `number` changes, found by comparing `base` and `head`. */
export function changedFiles(base: FixtureRepo, head: FixtureRepo): PullRequestFile[] {
  const paths = [...new Set([...base.files.keys(), ...head.files.keys()])].sort();
  return paths.flatMap((filename): PullRequestFile[] => {
    const before = base.files.get(filename);
    const after = head.files.get(filename);
    if (before === after) return [];
    return [{ filename, status: before === undefined ? "added" : after === undefined ? "removed" : "modified" }];
  });
}

/** Everything a review reads: the files list, the config at the base, both archives. */
export function serveReview(number: number, base: FixtureRepo, head: FixtureRepo): void {
  const files = changedFiles(base, head).map((file, i) => ({ sha: String(i % 10).repeat(40), additions: 1, deletions: 1, changes: 2, ...file }));
  nock(GITHUB_API).get(`${REPO_PATH}/pulls/${number}/files`).query({ per_page: "100" }).reply(200, files);
  base.serveConfigFile();
  base.serveArchive();
  head.serveArchive();
}

/** The comment look-up (answering `existing`) and its creation or edit. */
export function mockReviewComment(number: number, existing: ExistingComment | null = null): void {
  const comments = existing === null ? [] : [
    { id: 400, body: "Looks good to me", user: { login: "alice", type: "User" }, html_url: `https://github.com/acme/gitops/pull/${number}#issuecomment-400` },
    { id: existing.id, body: existing.body, user: { login: "promenade[bot]", type: "Bot" }, html_url: `https://github.com/acme/gitops/pull/${number}#issuecomment-${existing.id}` },
  ];
  const scope = nock(GITHUB_API).get(`${REPO_PATH}/issues/${number}/comments`).query({ per_page: "100" }).reply(200, comments);
  if (existing === null) scope.post(`${REPO_PATH}/issues/${number}/comments`).reply(201, { id: 901, html_url: `https://github.com/acme/gitops/pull/${number}#issuecomment-901` });
  else scope.patch(`${REPO_PATH}/issues/comments/${existing.id}`).reply(200, { id: existing.id });
}

/** `count` check run creations (and, for annotations past 50, their updates). */
export function mockCheckRuns(count = 1, updates = 0): void {
  nock(GITHUB_API).post(`${REPO_PATH}/check-runs`).times(count).reply(201, { id: 77 });
  if (updates > 0) nock(GITHUB_API).patch(`${REPO_PATH}/check-runs/77`).times(updates).reply(200, { id: 77 });
}

/** The body of the review comment that was created or edited. */
export function reviewComment(recorder: RequestRecorder): string {
  const sent = recorder.requests.filter((r) => (r.method === "POST" && r.path.endsWith("/comments")) || (r.method === "PATCH" && r.path.includes("/issues/comments/")));
  const last = sent.at(-1);
  if (last === undefined) throw new Error("no comment was written");
  return (last.body as { body: string }).body;
}

/** The body of the `promenade/policy` check run created. */
export function policyCheck(recorder: RequestRecorder): Record<string, unknown> {
  const sent = recorder.requests.find((r) => r.method === "POST" && r.path.endsWith("/check-runs") && (r.body as { name?: string }).name === "promenade/policy");
  if (sent === undefined) throw new Error("no promenade/policy check run was created");
  return sent.body as Record<string, unknown>;
}

/** A delivery of `pull_request.<action>` for pull request `number` of acme/gitops from `branch` at `headSha` into main at BASE_SHA. */
export function pullRequestEvent(
  action: "opened" | "synchronize" | "reopened" | "edited",
  number: number,
  branch: string,
  headSha: string,
  extra: { forkOwner?: string; base?: string; previousBase?: string } = {},
) {
  const payload = pullRequestPayload({
    action,
    repo: { owner: REPO.owner, repo: REPO.repo, defaultBranch: "main" },
    number,
    head: branch,
    headSha,
    baseSha: BASE_SHA,
    ...extra,
  });
  return { id: `pr-${number}-${action}-${headSha.slice(0, 6)}${extra.previousBase === undefined ? "" : `-from-${extra.previousBase}`}`, name: "pull_request" as const, payload };
}

/** What the gate of a pull request reads, as GitHub would answer it. */
export interface GateFacts {
  reviews?: { login: string; state: string; commitId: string; submittedAt?: string }[];
  /** Other check runs on the head, newest first. */
  checkRuns?: { name: string; status: string; conclusion: string | null; externalId?: string }[];
  /** The body of the open holds issue, if any. */
  holdsBody?: string | null;
  /** The author and committer logins of the head commit. */
  authors?: [string, string];
}

/** The gate's reads for pull request `number` at `headSha`. */
export function mockGateReads(number: number, headSha: string, facts: GateFacts = {}): void {
  const api = nock(GITHUB_API);
  api.get(`${REPO_PATH}/pulls/${number}/reviews`).query({ per_page: "100" }).reply(
    200,
    (facts.reviews ?? []).map((review, i) => ({
      id: 100 + i,
      user: { login: review.login, type: "User" },
      state: review.state,
      commit_id: review.commitId,
      submitted_at: review.submittedAt ?? "2026-11-23T10:00:00Z",
      body: "",
    })),
  );
  api.get(`${REPO_PATH}/commits/${headSha}/check-runs`).query({ filter: "latest", per_page: "100" }).reply(200, {
    total_count: facts.checkRuns?.length ?? 0,
    check_runs: (facts.checkRuns ?? []).map((run, i) => ({ id: 500 + i, name: run.name, status: run.status, conclusion: run.conclusion, external_id: run.externalId ?? null })),
  });
  const holds = facts.holdsBody ?? null;
  api.get(`${REPO_PATH}/issues`).query({ state: "open", labels: "promenade", per_page: "100" }).reply(
    200,
    holds === null ? [] : [{ number: 90, title: "Promenade: held environments", body: holds, html_url: "https://github.com/acme/gitops/issues/90", labels: [{ name: "promenade" }] }],
  );
  const [author, committer] = facts.authors ?? ["promenade[bot]", "promenade[bot]"];
  api.get(`${REPO_PATH}/commits/${headSha}`).query({ per_page: "1" }).reply(200, { sha: headSha, author: { login: author }, committer: { login: committer }, commit: { message: "change" } });
}

/** The body of the `promenade/gate` check run created last. */
export function gateCheck(recorder: RequestRecorder): Record<string, unknown> {
  const sent = recorder.requests.filter((r) => r.method === "POST" && r.path.endsWith("/check-runs") && (r.body as { name?: string }).name === "promenade/gate").at(-1);
  if (sent === undefined) throw new Error("no promenade/gate check run was created");
  return sent.body as Record<string, unknown>;
}
