/**
 * Webhook payloads for tests: recorded examples from
 * `@octokit/webhooks-examples`, plus hand-made payloads for what the package
 * lacks (`registry_package` and `package` for a container, a merged pull
 * request). Every payload is validated against GitHub's official webhook
 * schemas (`@octokit/openapi-webhooks`) before use and throws when invalid.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Context } from "probot";

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`.
const addFormats = addFormatsModule.default;

/** The installation id the builders put in payloads. */
export const INSTALLATION_ID = 4242;

/** The repository of the recorded examples, which the builders keep unless told otherwise. */
export const EXAMPLE_REPO = { owner: "Codertocat", repo: "Hello-World" } as const;

/** A repository for payloads: `owner/repo` and its default branch. */
export interface PayloadRepo {
  owner: string;
  repo: string;
  defaultBranch?: string;
}

type JsonObject = Record<string, unknown>;

interface ExampleDefinition {
  name: string;
  examples: JsonObject[];
}

interface WebhookDocument {
  webhooks: Record<string, { post: { operationId: string } }>;
}

const require = createRequire(import.meta.url);

let examples: ExampleDefinition[] | undefined;
let webhooks: { doc: WebhookDocument; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined;

function loadExamples(): ExampleDefinition[] {
  examples ??= JSON.parse(readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8")) as ExampleDefinition[];
  return examples;
}

function loadWebhooks(): NonNullable<typeof webhooks> {
  if (!webhooks) {
    const file = require.resolve("@octokit/openapi-webhooks/generated/api.github.com.json");
    const doc = JSON.parse(readFileSync(file, "utf8")) as WebhookDocument;
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    ajv.addFormat("int64", { type: "number", validate: Number.isInteger });
    ajv.addSchema(doc as object, "github-webhooks");
    webhooks = { doc, ajv, validators: new Map() };
  }
  return webhooks;
}

/**
 * Problems GitHub's webhook schema finds in a payload of `event` (e.g.
 * `pull_request`); the action is read from the payload. Empty when valid.
 */
export function validatePayload(event: string, payload: JsonObject): string[] {
  const state = loadWebhooks();
  const action = typeof payload.action === "string" ? payload.action : undefined;
  const base = event.replace(/_/g, "-");
  const operations = Object.entries(state.doc.webhooks);
  // repository_dispatch has one schema whatever its (user-chosen) action.
  const entry =
    operations.find(([, w]) => w.post.operationId === (action ? `${base}/${action}` : base)) ??
    operations.find(([, w]) => w.post.operationId === base || (w.post.operationId.startsWith(`${base}/`) && event === "repository_dispatch"));
  if (!entry) return [`no webhook schema for ${event}${action ? `.${action}` : ""}`];
  const key = entry[0];
  let validate = state.validators.get(key);
  if (!validate) {
    validate = state.ajv.compile({ $ref: `github-webhooks#/webhooks/${key}/post/requestBody/content/application~1json/schema` });
    state.validators.set(key, validate);
  }
  if (validate(payload)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}

/** Returns `payload` after checking it against the webhook schema; throws with every problem otherwise. */
function checked<T>(event: string, payload: JsonObject): T {
  const problems = validatePayload(event, payload);
  if (problems.length > 0) {
    throw new Error(`Invalid ${event} payload:\n  ${[...new Set(problems)].join("\n  ")}`);
  }
  return payload as T;
}

/**
 * Fields GitHub added to its payloads after the examples were recorded and
 * that the schemas now require, filled with neutral values so the examples
 * validate; and an empty `homepage`, which the schema wants as a URI or null.
 */
function modernise(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(modernise);
  if (typeof value !== "object" || value === null) return;
  const object = value as JsonObject;
  if ("has_issues" in object && "full_name" in object) {
    object.has_discussions ??= false;
    object.topics ??= [];
    object.visibility ??= object.private ? "private" : "public";
    object.disabled ??= false;
    if (object.homepage === "") object.homepage = null;
  }
  if ("merge_commit_sha" in object && "head" in object) {
    object.auto_merge ??= null;
    object.draft ??= false;
  }
  if ("number" in object && "labels" in object && "state" in object) {
    object.active_lock_reason ??= null;
    if (!("head" in object)) object.reactions ??= noReactions(object.url);
  }
  if ("author_association" in object && "issue_url" in object && "body" in object) {
    object.performed_via_github_app ??= null;
    object.reactions ??= noReactions(object.url);
  }
  if ("color" in object && "default" in object) object.description ??= null;
  if ("verified" in object && "reason" in object && "signature" in object) object.verified_at ??= null;
  if ("app_id" in object && "target_type" in object) {
    object.app_slug ??= "promenade";
    for (const key of ["created_at", "updated_at"]) {
      if (typeof object[key] === "number") object[key] = new Date((object[key] as number) * 1000).toISOString();
    }
  }
  Object.values(object).forEach(modernise);
}

function noReactions(url: unknown): JsonObject {
  const counts = ["+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket"];
  return { url: `${String(url)}/reactions`, total_count: 0, ...Object.fromEntries(counts.map((c) => [c, 0])) };
}

/**
 * A deep copy of the recorded example of `event` (with `action`, when
 * given), for installation INSTALLATION_ID, brought up to date with
 * the current schema and validated against it.
 */
export function examplePayload(event: string, action?: string, index = 0): JsonObject {
  const definition = loadExamples().find((d) => d.name === event);
  const matching = definition?.examples.filter((e) => action === undefined || e.action === action) ?? [];
  const example = matching[index];
  if (!example) throw new Error(`@octokit/webhooks-examples has no example ${index} of ${event}${action ? `.${action}` : ""}`);
  const payload = structuredClone(example);
  const installation = (payload.installation ??= { node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" }) as JsonObject;
  installation.id = INSTALLATION_ID;
  modernise(payload);
  return checked<JsonObject>(event, payload);
}

/** Points a payload's `repository` at `repo`. */
function setRepository(payload: JsonObject, repo: PayloadRepo | undefined): void {
  if (!repo) return;
  const repository = payload.repository as JsonObject & { owner: JsonObject };
  repository.name = repo.repo;
  repository.full_name = `${repo.owner}/${repo.repo}`;
  repository.html_url = `https://github.com/${repo.owner}/${repo.repo}`;
  repository.owner.login = repo.owner;
  if (repo.defaultBranch) repository.default_branch = repo.defaultBranch;
}

/** Which files a pushed commit added, modified and removed. */
export interface PushedFiles {
  added?: string[];
  modified?: string[];
  removed?: string[];
}

/** A `push` of one commit `after` on top of `before` to `ref` (default: the repository's default branch). */
export function pushPayload(options: {
  repo?: PayloadRepo;
  ref?: string;
  before: string;
  after: string;
  message?: string;
  files: PushedFiles;
}): Context<"push">["payload"] {
  const payload = examplePayload("push", undefined, 4);
  setRepository(payload, options.repo);
  const repository = payload.repository as { default_branch: string; full_name: string };
  const commit = {
    ...(payload.head_commit as JsonObject),
    id: options.after,
    message: options.message ?? "Change environment files",
    url: `https://github.com/${repository.full_name}/commit/${options.after}`,
    added: options.files.added ?? [],
    modified: options.files.modified ?? [],
    removed: options.files.removed ?? [],
  };
  Object.assign(payload, {
    ref: options.ref ?? `refs/heads/${repository.default_branch}`,
    before: options.before,
    after: options.after,
    compare: `https://github.com/${repository.full_name}/compare/${options.before.slice(0, 12)}...${options.after.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
  });
  return checked("push", payload);
}

/** A `pull_request.closed` for a merged pull request from `head` into `base`. */
export function mergedPullRequestPayload(options: {
  repo?: PayloadRepo;
  number: number;
  head: string;
  base?: string;
  mergeCommitSha: string;
  title?: string;
  body?: string;
  mergedAt?: string;
}): Context<"pull_request.closed">["payload"] {
  const payload = examplePayload("pull_request", "closed");
  setRepository(payload, options.repo);
  const repository = payload.repository as JsonObject & { default_branch: string };
  const pr = payload.pull_request as JsonObject & { head: JsonObject; base: JsonObject };
  const mergedAt = options.mergedAt ?? "2024-05-01T12:00:00Z";
  Object.assign(pr, {
    number: options.number,
    title: options.title ?? pr.title,
    body: options.body ?? null,
    state: "closed",
    merged: true,
    merged_at: mergedAt,
    closed_at: mergedAt,
    merge_commit_sha: options.mergeCommitSha,
    merged_by: payload.sender,
  });
  Object.assign(pr.head, { ref: options.head, repo: repository });
  Object.assign(pr.base, { ref: options.base ?? repository.default_branch, repo: repository });
  payload.number = options.number;
  return checked("pull_request", payload);
}

/** A `pull_request.<action>` of pull request `number` from `head` (at `headSha`) into `base` (at `baseSha`), from a fork of `forkOwner` when given. */
export function pullRequestPayload<A extends "opened" | "synchronize" | "reopened" | "edited">(options: {
  action: A;
  repo?: PayloadRepo;
  number: number;
  head: string;
  headSha: string;
  baseSha: string;
  base?: string;
  title?: string;
  body?: string;
  forkOwner?: string;
  /** For `edited`: the previous base branch, when the edit retargeted the pull request. */
  previousBase?: string;
  /** For `synchronize`: the head before the push. */
  before?: string;
  /** Who sent the event (for `synchronize`, who pushed). */
  sender?: string;
  /** Who opened the pull request. */
  author?: string;
}): Context<`pull_request.${A}`>["payload"] {
  // The examples have no `edited`: it is an `opened` with `changes`, checked against the official schema below.
  const payload = examplePayload("pull_request", options.action === "edited" ? "opened" : options.action);
  payload.action = options.action;
  setRepository(payload, options.repo);
  const repository = payload.repository as JsonObject & { default_branch: string; name: string; owner: JsonObject & { login: string } };
  const pr = payload.pull_request as JsonObject & { head: JsonObject; base: JsonObject };
  Object.assign(pr, { number: options.number, title: options.title ?? pr.title, body: options.body ?? null, state: "open" });
  const headRepo =
    options.forkOwner === undefined
      ? repository
      : {
          ...structuredClone(repository),
          full_name: `${options.forkOwner}/${repository.name}`,
          fork: true,
          owner: { ...repository.owner, login: options.forkOwner },
        };
  Object.assign(pr.head, { ref: options.head, sha: options.headSha, repo: headRepo, label: `${(headRepo.owner as { login: string }).login}:${options.head}` });
  Object.assign(pr.base, { ref: options.base ?? repository.default_branch, sha: options.baseSha, repo: repository });
  payload.number = options.number;
  if (options.before !== undefined) payload.before = options.before;
  if (options.sender !== undefined) (payload.sender as JsonObject).login = options.sender;
  if (options.author !== undefined) (pr.user as JsonObject).login = options.author;
  if (options.action === "edited")
    payload.changes =
      options.previousBase === undefined ? { title: { from: "before" } } : { base: { ref: { from: options.previousBase }, sha: { from: "0".repeat(40) } } };
  return checked("pull_request", payload) as Context<`pull_request.${A}`>["payload"];
}

/** The pull request a review or check event is about: number, head and base commits, body, author. */
export interface PullRequestRef {
  number: number;
  head: string;
  headSha: string;
  baseSha: string;
  body?: string;
  author?: string;
}

/** Points `pr` (a pull request of a payload) at `ref` in `repository`. */
function setPullRequest(
  pr: JsonObject & { head: JsonObject; base: JsonObject; user: JsonObject },
  ref: PullRequestRef,
  repository: JsonObject & { default_branch: string },
): void {
  Object.assign(pr, { number: ref.number, body: ref.body ?? null, state: "open" });
  Object.assign(pr.head, { ref: ref.head, sha: ref.headSha, repo: repository });
  Object.assign(pr.base, { ref: repository.default_branch, sha: ref.baseSha, repo: repository });
  if (ref.author !== undefined) pr.user.login = ref.author;
}

/** A `pull_request_review.<action>` by `reviewer` in `state` on commit `commitId` of pull request `pr`. */
export function pullRequestReviewPayload(options: {
  action: "submitted" | "dismissed" | "edited";
  repo?: PayloadRepo;
  pr: PullRequestRef;
  reviewer: string;
  state: "approved" | "changes_requested" | "commented" | "dismissed";
  commitId: string;
}): Context<"pull_request_review.submitted">["payload"] {
  // The examples have no `edited`: it is a `submitted` with `changes`, checked against the official schema below.
  const payload = examplePayload("pull_request_review", options.action === "dismissed" ? "dismissed" : "submitted");
  payload.action = options.action;
  setRepository(payload, options.repo);
  const repository = payload.repository as JsonObject & { default_branch: string };
  setPullRequest(payload.pull_request as JsonObject & { head: JsonObject; base: JsonObject; user: JsonObject }, options.pr, repository);
  const review = payload.review as JsonObject & { user: JsonObject };
  Object.assign(review, { state: options.state, commit_id: options.commitId });
  review.user.login = options.reviewer;
  if (options.action === "edited") payload.changes = { body: { from: "" } };
  return checked("pull_request_review", payload);
}

/** A `check_run.completed` of another tool's check `name` on `headSha`, for the pull requests `numbers`. */
export function checkRunCompletedPayload(options: {
  repo?: PayloadRepo;
  name: string;
  conclusion: "success" | "failure" | "neutral" | "skipped";
  headSha: string;
  numbers: number[];
}): Context<"check_run.completed">["payload"] {
  const payload = examplePayload("check_run", "completed");
  setRepository(payload, options.repo);
  const run = payload.check_run as JsonObject & { pull_requests: (JsonObject & { head: JsonObject })[] };
  const template = run.pull_requests[0] as JsonObject & { head: JsonObject; base: JsonObject };
  Object.assign(run, { name: options.name, status: "completed", conclusion: options.conclusion, head_sha: options.headSha });
  run.pull_requests = options.numbers.map((number) => ({ ...structuredClone(template), number, head: { ...template.head, sha: options.headSha } }));
  return checked("check_run", payload);
}

/** An `issue_comment.created` by `author` (a bot when `bot`) with `body`, on issue or pull request `number`. */
export function issueCommentPayload(options: {
  repo?: PayloadRepo;
  number: number;
  pullRequest?: boolean;
  body: string;
  author: string;
  bot?: boolean;
  commentId?: number;
}): Context<"issue_comment.created">["payload"] {
  const payload = examplePayload("issue_comment", "created");
  setRepository(payload, options.repo);
  const issue = payload.issue as JsonObject;
  issue.number = options.number;
  if (options.pullRequest === true) {
    const base = `https://api.github.com/repos/${options.repo?.owner ?? EXAMPLE_REPO.owner}/${options.repo?.repo ?? EXAMPLE_REPO.repo}`;
    const page = `https://github.com/${options.repo?.owner ?? EXAMPLE_REPO.owner}/${options.repo?.repo ?? EXAMPLE_REPO.repo}/pull/${options.number}`;
    issue.pull_request = { url: `${base}/pulls/${options.number}`, html_url: page, diff_url: `${page}.diff`, patch_url: `${page}.patch`, merged_at: null };
  } else {
    delete issue.pull_request;
  }
  const comment = payload.comment as JsonObject & { user: JsonObject };
  Object.assign(comment, { id: options.commentId ?? 1_000 + options.number, body: options.body });
  Object.assign(comment.user, { login: options.author, type: options.bot === true ? "Bot" : "User" });
  return checked("issue_comment", payload);
}

/** A `repository_dispatch` with `event_type` and `client_payload`, as `POST /repos/{o}/{r}/dispatches` sends it. */
export function repositoryDispatchPayload(options: {
  repo?: PayloadRepo;
  eventType: string;
  clientPayload: JsonObject;
}): Context<"repository_dispatch">["payload"] {
  const payload = examplePayload("repository_dispatch");
  setRepository(payload, options.repo);
  payload.action = options.eventType;
  payload.client_payload = options.clientPayload;
  payload.branch = (payload.repository as { default_branch: string }).default_branch;
  return checked("repository_dispatch", payload);
}

/** A container image pushed to ghcr.io: `ghcr.io/<owner>/<name>:<tag>`. */
export interface ContainerPush {
  repo?: PayloadRepo;
  name: string;
  tag: string;
  digest?: string;
}

function containerVersion(push: ContainerPush, owner: string, sender: unknown): JsonObject {
  const digest = push.digest ?? `sha256:${"0".repeat(64)}`;
  const image = `ghcr.io/${owner.toLowerCase()}/${push.name}`;
  return {
    id: 101,
    version: digest,
    name: digest,
    description: "",
    summary: "",
    body: "",
    body_html: "",
    html_url: `https://github.com/${owner}/${push.repo?.repo ?? EXAMPLE_REPO.repo}/pkgs/container/${push.name}/101`,
    target_commitish: "main",
    target_oid: "1111111111111111111111111111111111111111",
    created_at: "2024-05-01T12:00:00Z",
    updated_at: "2024-05-01T12:00:00Z",
    metadata: [],
    container_metadata: { tag: { name: push.tag, digest }, labels: {}, manifest: {} },
    package_files: [],
    author: sender,
    installation_command: `docker pull ${image}:${push.tag}`,
    package_url: `${image}:${push.tag}`,
  };
}

/** Hand-made: `registry_package.published` for a container tag (the example package has none). */
export function registryPackagePublishedPayload(push: ContainerPush): Context<"registry_package.published">["payload"] {
  // Not the push example: its repository carries Unix timestamps, which only push payloads use.
  const base = examplePayload("pull_request", "closed");
  setRepository(base, push.repo);
  const owner = (base.repository as { owner: JsonObject & { login: string } }).owner;
  const payload: JsonObject = {
    action: "published",
    registry_package: {
      id: 55,
      name: push.name,
      namespace: owner.login,
      description: null,
      ecosystem: "CONTAINER",
      package_type: "CONTAINER",
      html_url: `https://github.com/orgs/${owner.login}/packages/container/package/${push.name}`,
      created_at: "2024-01-01T00:00:00Z",
      updated_at: "2024-05-01T12:00:00Z",
      owner: base.sender,
      package_version: containerVersion(push, owner.login, base.sender),
      registry: {
        about_url: "https://docs.github.com/packages/working-with-a-github-packages-registry/working-with-the-container-registry",
        name: "GitHub CONTAINER registry",
        type: "CONTAINER",
        url: `https://ghcr.io/${owner.login.toLowerCase()}`,
        vendor: "GitHub Inc",
      },
    },
    repository: base.repository,
    sender: base.sender,
    installation: base.installation,
  };
  return checked("registry_package", payload);
}

/** `package.published` for a container tag, from the recorded npm example turned into a container. */
export function packagePublishedPayload(push: ContainerPush): Context<"package.published">["payload"] {
  const payload = examplePayload("package", "published");
  setRepository(payload, push.repo);
  const owner = (payload.repository as { owner: { login: string } }).owner.login;
  const pkg = payload.package as JsonObject;
  Object.assign(pkg, {
    name: push.name,
    namespace: owner,
    ecosystem: "CONTAINER",
    package_type: "CONTAINER",
    html_url: `https://github.com/orgs/${owner}/packages/container/package/${push.name}`,
    package_version: containerVersion(push, owner, payload.sender),
    registry: { ...(pkg.registry as JsonObject), name: "GitHub CONTAINER registry", type: "CONTAINER", url: `https://ghcr.io/${owner.toLowerCase()}` },
  });
  return checked("package", payload);
}

/** A `deployment_status.created` of a deployment of `environment` on `sha`, made as `task` (Argo CD notifications: `deploy`) through app `appId` (null: none), its latest state `state`. */
export function deploymentStatusPayload(options: {
  repo?: PayloadRepo;
  environment: string;
  sha: string;
  state: "success" | "failure" | "error" | "pending" | "in_progress" | "queued" | "inactive";
  task?: string;
  deploymentId?: number;
  appId?: number | null;
}): Context<"deployment_status.created">["payload"] {
  const payload = examplePayload("deployment_status", "created");
  setRepository(payload, options.repo);
  const deployment = payload.deployment as JsonObject;
  Object.assign(deployment, {
    sha: options.sha,
    ref: options.sha,
    environment: options.environment,
    original_environment: options.environment,
    task: options.task ?? "deploy",
  });
  if (options.deploymentId !== undefined) deployment.id = options.deploymentId;
  if (options.appId !== undefined && options.appId !== null)
    deployment.performed_via_github_app = appOf(options.appId, (payload.repository as JsonObject).owner as JsonObject);
  Object.assign(payload.deployment_status as JsonObject, { state: options.state, environment: options.environment });
  return checked("deployment_status", payload);
}

/** A GitHub App as payloads name it (performed_via_github_app), owned by `owner`. */
function appOf(id: number, owner: JsonObject): JsonObject {
  return {
    id,
    slug: "some-app",
    node_id: `A_${id}`,
    owner: structuredClone(owner),
    name: "Some App",
    description: null,
    external_url: "https://example.com",
    html_url: "https://github.com/apps/some-app",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    permissions: {},
    events: [],
  };
}

/** A `status` event: commit status `context` on `sha` now `state`. */
export function statusPayload(options: {
  repo?: PayloadRepo;
  sha: string;
  context: string;
  state: "success" | "failure" | "error" | "pending";
}): Context<"status">["payload"] {
  const payload = examplePayload("status");
  setRepository(payload, options.repo);
  Object.assign(payload, { sha: options.sha, context: options.context, state: options.state });
  (payload.commit as JsonObject).sha = options.sha;
  return checked("status", payload);
}
