/**
 * Loading `.github/promenade.yml`: read at one commit, merged over an
 * organisation-wide base named by `_extends` (only ever in the owner's
 * `.github` repository), and validated. `loadConfig` reads the default
 * branch's head, the only version promotions follow, and keeps the "Action
 * required" issue in step with it.
 */
import { deepMerge } from "../engine/config/deep-merge.js";
import { environmentDirectories } from "../engine/config/environment-directories.js";
import { EXTENDS_REPOSITORY, extendsTarget } from "../engine/config/extends-target.js";
import { withLines } from "../engine/config/issue-lines.js";
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

/** Those of the directories asked about that the repository has. */
export type FindDirectories = (dirs: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * The config of `repo` at `ref`, following `_extends`. A file that is not
 * YAML, not valid or cannot be read as text is `invalid`; GitHub failures
 * throw. With `findDirectories`, asked once for every environment's
 * directory, an environment whose directory is not there is invalid too.
 */
export async function readConfigAt(github: ConfigFiles, repo: RepoRef, ref: string, findDirectories?: FindDirectories): Promise<ConfigReading> {
  try {
    const text = await github.readFile(repo, ref, CONFIG_PATH);
    if (text === null) return { status: "missing" };
    // Problems at `_extends` get their line in the file, as validation's problems do.
    const input = await withBase(github, repo, readConfigYaml(text, CONFIG_PATH)).catch((error: unknown) => {
      throw error instanceof ConfigError ? new ConfigError(error.file, withLines(text, error.issues)) : error;
    });
    const existing = findDirectories === undefined ? undefined : await findDirectories(environmentDirectories(input));
    return { status: "valid", config: validateConfigText(input, text, CONFIG_PATH, existing && ((dir) => existing.has(dir))) };
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

/**
 * `input` without `_extends`, deep-merged over the base config it names
 * (keys of `input` win, lists are replaced), as Probot's `_extends` does,
 * but only from the owner's `.github` repository, read at its default
 * branch, at the same path unless `:path` says otherwise. One level only.
 * An `_extends` naming anything else is a problem at `_extends`, found
 * before anything is read. Problems about the base never quote it.
 */
async function withBase(github: ConfigFiles, repo: RepoRef, input: unknown): Promise<unknown> {
  if (!isMapping(input) || !Object.hasOwn(input, "_extends")) return input;
  const { _extends: value, ...own } = input;
  const target = extendsTarget(value, repo.owner);
  if ("problem" in target) throw extendsError(target.problem);
  const base: RepoRef = { owner: repo.owner, repo: EXTENDS_REPOSITORY };
  const where = `${base.owner}/${base.repo}`;
  const text = await readBase(github, base, target.path ?? CONFIG_PATH, where);
  if (text === null) throw extendsError(`the base config is not in ${where} (no such file, or Promenade is not installed on ${where})`);
  const baseInput = readBaseYaml(text, where);
  if (isMapping(baseInput) && Object.hasOwn(baseInput, "_extends")) {
    throw extendsError(`the base config in ${where} has _extends itself; expected a base without one (Promenade follows one level)`);
  }
  return deepMerge(baseInput, own);
}

function extendsError(message: string): ConfigError {
  return new ConfigError(CONFIG_PATH, [{ path: "_extends", message, keys: ["_extends"] }]);
}

/** The data of the base config's YAML `text`; a problem at `_extends` when it is not YAML. */
function readBaseYaml(text: string, where: string): unknown {
  try {
    return readConfigYaml(text);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw extendsError(`the base config in ${where} is not valid YAML (${error.issues.map((issue) => issue.message).join("; ")})`);
  }
}

/**
 * The text of the base config at its repository's default branch, or null
 * when the repository or file is not there; a problem at `_extends` when it
 * is there but not a text file.
 */
async function readBase(github: ConfigFiles, base: RepoRef, path: string, where: string): Promise<string | null> {
  try {
    const head = await github.defaultBranchHead(base);
    return await github.readFile(base, head.sha, path);
  } catch (error) {
    if (error instanceof GitHubError && /NOT_FOUND/.test(error.detail)) return null;
    if (error instanceof InputError) throw extendsError(`the base config in ${where} cannot be read (${error.reason})`);
    throw error;
  }
}
