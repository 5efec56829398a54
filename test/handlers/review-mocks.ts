/**
 * nock answers for the review of a pull request (the files it changes, the
 * config at its base, the archives of base and head, the comment and the
 * check runs) and readers of what was sent.
 */
import nock from "nock";
import { REVIEW_MARKER } from "../../src/engine/markdown/review-comment.js";
import { GITHUB_API, OWN_APP, type RequestRecorder } from "../helpers/github-mock.js";
import { listedHoldsIssue, mockHoldsIssues } from "../helpers/holds-issue.js";
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
  const comments =
    existing === null
      ? []
      : [
          {
            id: 400,
            body: "Looks good to me",
            user: { login: "alice", type: "User" },
            html_url: `https://github.com/acme/gitops/pull/${number}#issuecomment-400`,
          },
          {
            id: existing.id,
            body: existing.body,
            user: { login: "promenade[bot]", type: "Bot" },
            html_url: `https://github.com/acme/gitops/pull/${number}#issuecomment-${existing.id}`,
          },
        ];
  const scope = nock(GITHUB_API).get(`${REPO_PATH}/issues/${number}/comments`).query({ per_page: "100" }).reply(200, comments);
  if (existing === null)
    scope.post(`${REPO_PATH}/issues/${number}/comments`).reply(201, { id: 901, html_url: `https://github.com/acme/gitops/pull/${number}#issuecomment-901` });
  else scope.patch(`${REPO_PATH}/issues/comments/${existing.id}`).reply(200, { id: existing.id });
}

/** `count` check run creations (and, for annotations past 50, their updates). */
export function mockCheckRuns(count = 1, updates = 0): void {
  nock(GITHUB_API).post(`${REPO_PATH}/check-runs`).times(count).reply(201, { id: 77 });
  if (updates > 0) nock(GITHUB_API).patch(`${REPO_PATH}/check-runs/77`).times(updates).reply(200, { id: 77 });
}

/** The body of the review comment that was created or edited. */
export function reviewComment(recorder: RequestRecorder): string {
  const sent = recorder.requests.filter(
    (r) => (r.method === "POST" && r.path.endsWith("/comments")) || (r.method === "PATCH" && r.path.includes("/issues/comments/")),
  );
  const last = sent.at(-1);
  if (last === undefined) throw new Error("no comment was written");
  return (last.body as { body: string }).body;
}

/** The body of the `promenade/policy` check run created. */
export function policyCheck(recorder: RequestRecorder): Record<string, unknown> {
  const sent = recorder.requests.find(
    (r) => r.method === "POST" && r.path.endsWith("/check-runs") && (r.body as { name?: string }).name === "promenade/policy",
  );
  if (sent === undefined) throw new Error("no promenade/policy check run was created");
  return sent.body as Record<string, unknown>;
}

/** A delivery of `pull_request.<action>` for pull request `number` of acme/gitops from `branch` at `headSha` into main at BASE_SHA. */
export function pullRequestEvent(
  action: "opened" | "synchronize" | "reopened" | "edited",
  number: number,
  branch: string,
  headSha: string,
  extra: { forkOwner?: string; base?: string; previousBase?: string; before?: string; sender?: string; author?: string } = {},
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
  return {
    id: `pr-${number}-${action}-${headSha.slice(0, 6)}${extra.previousBase === undefined ? "" : `-from-${extra.previousBase}`}`,
    name: "pull_request" as const,
    payload,
  };
}

/** What the gate of a pull request reads, as GitHub would answer it. */
export interface GateFacts {
  reviews?: { login: string; state: string; commitId: string; submittedAt?: string }[];
  /** Other check runs on the head, newest first; by default `promenade/*` runs are Promenade's own (OWN_APP), the others another app's. */
  checkRuns?: { name: string; status: string; conclusion: string | null; externalId?: string; title?: string; appId?: number }[];
  /** The body of the open holds issue Promenade opened, if any (signedHoldsBody). */
  holdsBody?: string | null;
  /** The author and committer logins of each commit of the pull request (default: one commit by Promenade). */
  commits?: [string | null, string | null][];
}

/** The gate's reads for pull request `number` at `headSha`. */
export function mockGateReads(number: number, headSha: string, facts: GateFacts = {}): void {
  const api = nock(GITHUB_API);
  api
    .get(`${REPO_PATH}/pulls/${number}/reviews`)
    .query({ per_page: "100" })
    .reply(
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
  mockHeadCheckRuns(headSha, facts.checkRuns);
  const holds = facts.holdsBody ?? null;
  mockHoldsIssues(holds === null ? [] : [listedHoldsIssue([], { body: holds })]);
  mockPullRequestCommits(number, headSha, facts.commits);
}

/** The check runs on `headSha` (default: none), as settling a pull request reads them. */
export function mockHeadCheckRuns(headSha: string, runs: NonNullable<GateFacts["checkRuns"]> = []): void {
  nock(GITHUB_API)
    .get(`${REPO_PATH}/commits/${headSha}/check-runs`)
    .query({ filter: "latest", per_page: "100" })
    .reply(200, {
      total_count: runs.length,
      check_runs: runs.map((run, i) => ({
        id: 500 + i,
        name: run.name,
        status: run.status,
        conclusion: run.conclusion,
        external_id: run.externalId ?? null,
        output: { title: run.title ?? null },
        app: { id: run.appId ?? (run.name.startsWith("promenade/") ? OWN_APP.id : OTHER_APP_ID), slug: "some-app" },
      })),
    });
}

/** Another GitHub App's id: the author of check runs that are not Promenade's. */
export const OTHER_APP_ID = 2000;

/** The commits of pull request `number` (the last one `headSha`), with their author and committer logins (null: no account matched). */
export function mockPullRequestCommits(
  number: number,
  headSha: string,
  commits: [string | null, string | null][] = [["promenade[bot]", "promenade[bot]"]],
): void {
  nock(GITHUB_API)
    .get(`${REPO_PATH}/pulls/${number}/commits`)
    .query({ per_page: "100" })
    .reply(
      200,
      commits.map(([author, committer], i) => ({
        sha: i === commits.length - 1 ? headSha : String(i).repeat(40),
        author: author === null ? null : { login: author },
        committer: committer === null ? null : { login: committer },
        commit: { message: "change" },
      })),
    );
}

/** The body of the `promenade/gate` check run created last. */
export function gateCheck(recorder: RequestRecorder): Record<string, unknown> {
  const sent = recorder.requests
    .filter((r) => r.method === "POST" && r.path.endsWith("/check-runs") && (r.body as { name?: string }).name === "promenade/gate")
    .at(-1);
  if (sent === undefined) throw new Error("no promenade/gate check run was created");
  return sent.body as Record<string, unknown>;
}

/** `login`'s membership of the team @acme/sre: active, or none. */
export function mockTeam(login: string, member: boolean): void {
  const scope = nock(GITHUB_API).get(`/orgs/acme/teams/sre/memberships/${login}`);
  if (member) scope.reply(200, { state: "active", role: "member", url: `${GITHUB_API}/orgs/acme/teams/sre/memberships/${login}` });
  else scope.reply(404, { message: "Not Found" });
}

/** The Promenade comment of pull request `number` with a production gate section, found and edited; answers what it was edited to. */
export function mockGateCommentEdit(number: number): { body?: string } {
  const edited: { body?: string } = {};
  const body = `${REVIEW_MARKER}\n\n### production\n\n<!-- promenade:gate production -->\nold\n<!-- /promenade:gate -->\n`;
  nock(GITHUB_API)
    .get(`${REPO_PATH}/issues/${number}/comments`)
    .query({ per_page: "100" })
    .reply(200, [{ id: 700, body, user: { login: "promenade[bot]", type: "Bot" }, html_url: `https://github.com/acme/gitops/pull/${number}#issuecomment-700` }])
    .patch(`${REPO_PATH}/issues/comments/700`)
    .reply(200, (_uri, sent) => {
      edited.body = (sent as { body: string }).body;
      return { id: 700 };
    });
  return edited;
}

/** The one directory query of the `promenade/config` check: `types` answers each directory asked about (`<sha>:<dir>`), in order; answers the variables it was asked with. */
export function mockDirectories(...types: (string | null)[]): unknown[] {
  const asked: unknown[] = [];
  nock(GITHUB_API)
    .post("/graphql", (body: { query?: string; variables?: Record<string, unknown> }) => {
      asked.push(body.variables);
      return body.query?.includes("promenadeDirectories") === true;
    })
    .reply(200, { data: { repository: Object.fromEntries(types.map((type, i) => [`d${i}`, type === null ? null : { __typename: type }])) } });
  return asked;
}
