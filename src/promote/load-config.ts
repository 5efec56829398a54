/**
 * Loading `.github/promenade.yml` (SPEC section 2): read at one commit,
 * merged over an organisation-wide base named by Probot's `_extends`, and
 * validated. `loadConfig` reads the default branch's head, the only version
 * promotions follow, and keeps the "Action required" issue in step with it.
 */
import { CONFIG_PATH, readConfigYaml, validateConfigText } from "../engine/config/parse-config.js";
import type { Config } from "../engine/config/schema.js";
import { ConfigError, InputError } from "../engine/errors.js";
import { CONFIG_ISSUE_LABEL, CONFIG_ISSUE_TITLE, renderConfigFixedComment, renderConfigIssueBody } from "../engine/render/config-issue.js";
import { GitHubError } from "../github/errors.js";
import type { BranchHead, GitHubClient, RepoRef } from "../github/github-client.js";
import { isMapping } from "../engine/config/mapping.js";

/** The config at one commit: absent, valid, or invalid with every problem. */
export type ConfigReading =
  | { status: "missing" }
  | { status: "valid"; config: Config }
  | { status: "invalid"; error: ConfigError };

/** What reading a config needs from GitHub. */
export type ConfigFiles = Pick<GitHubClient, "defaultBranchHead" | "readFile">;

/**
 * The config of `repo` at `ref`, following `_extends`. A file that is not
 * YAML, not valid or cannot be read as text is `invalid`; GitHub failures
 * throw.
 */
export async function readConfigAt(github: ConfigFiles, repo: RepoRef, ref: string): Promise<ConfigReading> {
  try {
    const text = await github.readFile(repo, ref, CONFIG_PATH);
    if (text === null) return { status: "missing" };
    const input = await withBase(github, repo, readConfigYaml(text, CONFIG_PATH));
    return { status: "valid", config: validateConfigText(input, text, CONFIG_PATH) };
  } catch (error) {
    if (error instanceof ConfigError) return { status: "invalid", error };
    if (error instanceof InputError) return { status: "invalid", error: asConfigError(error) };
    throw error;
  }
}

/**
 * The config promotions in `repo` follow: the one at `head`, the default
 * branch's head commit. Steps:
 *
 * 1. Read and validate the file at `head.sha`.
 * 2. No file: the repository does not use Promenade; touch nothing, answer null.
 * 3. Find the open "Action required" issue.
 * 4. Invalid: open that issue, or update its body when the problems changed; answer null.
 * 5. Valid: close the issue, if open, with a comment; answer the config.
 */
export async function loadConfig(github: GitHubClient, repo: RepoRef, head: BranchHead): Promise<Config | null> {
  const reading = await readConfigAt(github, repo, head.sha);
  if (reading.status === "missing") return null;
  const issue = await github.findOpenIssueByTitle(repo, CONFIG_ISSUE_TITLE, CONFIG_ISSUE_LABEL);
  if (reading.status === "invalid") {
    const body = renderConfigIssueBody(reading.error, head.branch);
    if (!issue) await github.createIssue(repo, { title: CONFIG_ISSUE_TITLE, body, labels: [CONFIG_ISSUE_LABEL] });
    else if (issue.body !== body) await github.updateIssue(repo, issue.number, { body });
    return null;
  }
  if (issue) {
    await github.comment(repo, issue.number, renderConfigFixedComment(head.branch, head.sha));
    await github.closeIssue(repo, issue.number);
  }
  return reading.config;
}

function asConfigError(error: InputError): ConfigError {
  const message = error.line === undefined ? error.reason : `line ${error.line}: ${error.reason}`;
  return new ConfigError(error.file, [{ path: "", message }]);
}



/** Probot's `_extends`: `repo`, `owner/repo` or `owner/repo:path/to/file.yml`. */
const EXTENDS = /^(?:([\w.-]+)\/)?([\w.-]+)(?::([\w./-]+))?$/;

/**
 * `input` without `_extends`, deep-merged over the base config it names
 * (keys of `input` win, lists are replaced), as Probot's `_extends` does:
 * `.github` is the organisation's `.github` repository, read at its default
 * branch, at the same path unless `:path` says otherwise. One level only.
 */
async function withBase(github: ConfigFiles, repo: RepoRef, input: unknown): Promise<unknown> {
  if (!isMapping(input) || !Object.hasOwn(input, "_extends")) return input;
  const { _extends: target, ...own } = input;
  const match = typeof target === "string" ? EXTENDS.exec(target) : null;
  if (!match) {
    throw extendsError(`expected a repository like .github, owner/repo or owner/repo:path/to/file.yml, got ${JSON.stringify(target)}`);
  }
  const base = { owner: match[1] ?? repo.owner, repo: match[2] as string };
  const path = match[3] ?? CONFIG_PATH;
  const file = `${base.owner}/${base.repo}:${path}`;
  const text = await readBase(github, base, path);
  if (text === null) throw extendsError(`${file} not found (or Promenade is not installed on ${base.owner}/${base.repo})`);
  const baseInput = readConfigYaml(text, file);
  if (isMapping(baseInput) && Object.hasOwn(baseInput, "_extends")) {
    throw extendsError(`${file} has _extends itself; expected a base without one (Promenade follows one level)`);
  }
  return deepMerge(baseInput, own);
}

function extendsError(message: string): ConfigError {
  return new ConfigError(CONFIG_PATH, [{ path: "_extends", message }]);
}

/** The text of the base config at its repository's default branch, or null when the repository or file is not there. */
async function readBase(github: ConfigFiles, base: RepoRef, path: string): Promise<string | null> {
  try {
    const head = await github.defaultBranchHead(base);
    return await github.readFile(base, head.sha, path);
  } catch (error) {
    if (error instanceof GitHubError && /NOT_FOUND/.test(error.detail)) return null;
    throw error;
  }
}

/** `own` over `base`: mappings merged key by key, anything else (lists too) taken from `own`. */
function deepMerge(base: unknown, own: unknown): unknown {
  if (!isMapping(base) || !isMapping(own)) return own;
  const keys = [...new Set([...Object.keys(base), ...Object.keys(own)])];
  return Object.fromEntries(
    keys.map((key) => [key, Object.hasOwn(own, key) ? deepMerge(base[key], own[key]) : base[key]]),
  );
}
