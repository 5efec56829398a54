/**
 * Loading `.github/promenade.yml`: read at one commit, merged over an
 * organisation-wide base named by `_extends` (only ever in the owner's
 * `.github` repository), and validated. `loadConfig` reads the default
 * branch's head, the only version promotions follow, and keeps the "Action
 * required" issue in step with it.
 */
import { environmentDirectories } from "../engine/config/environment-directories.js";
import { extendsError, extendsRequest, mergeOverBase } from "../engine/config/extends-base.js";
import { withLines } from "../engine/config/issue-lines.js";
import { CONFIG_PATH, readConfigYaml, validateConfigText } from "../engine/config/parse-config.js";
import type { Config } from "../engine/config/schema.js";
import { ConfigError, InputError } from "../engine/errors.js";
import { CONFIG_ISSUE_LABEL, CONFIG_ISSUE_TITLE, configFixedCommentMarkdown, configIssueBodyMarkdown } from "../engine/markdown/config-issue.js";
import { GitHubError } from "../github/errors.js";
import type { BranchHead, GitHubClient, RepoRef } from "../github/github-client.js";

/** The config at one commit: absent, valid, or invalid with every problem. */
export type ConfigReading = { status: "missing" } | { status: "valid"; config: Config } | { status: "invalid"; error: ConfigError };

/** What reading a config needs from GitHub. */
export type ConfigFiles = Pick<GitHubClient, "defaultBranchHead" | "readFile">;

/** Those of the directories asked about that the repository has. */
export type FindDirectories = (dirs: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * The config of `repo` at `ref`, following `_extends`. A file that is not
 * YAML, not valid or cannot be read as text is `invalid`; GitHub failures
 * throw. With `findDirectories`, asked once for every environment's
 * directory, an environment whose directory is not there is invalid too.
 * `known` is the file's text at `ref` when it was already read (null: no file).
 */
export async function readConfigAt(
  github: ConfigFiles,
  repo: RepoRef,
  ref: string,
  findDirectories?: FindDirectories,
  known?: string | null,
): Promise<ConfigReading> {
  try {
    const text = known !== undefined ? known : await github.readFile(repo, ref, CONFIG_PATH);
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
 * 1. Read and validate the file at `head.sha` (its text `known.text` when already read), and tell `known.whenValid` a valid config.
 * 2. No file: the repository does not use Promenade; touch nothing, answer null.
 * 3. Find the open "Action required" issue.
 * 4. Invalid: open that issue, or update its body when the problems changed; answer null.
 * 5. Valid: close the issue, if open, with a comment; answer the config.
 */
export async function loadConfig(
  github: GitHubClient,
  repo: RepoRef,
  head: BranchHead,
  known: { text?: string | null; whenValid?: (config: Config) => void } = {},
): Promise<Config | null> {
  const reading = await readConfigAt(github, repo, head.sha, undefined, known.text);
  if (reading.status === "missing") return null;
  if (reading.status === "valid") known.whenValid?.(reading.config);
  const issue = await github.findOpenIssueByTitle(repo, CONFIG_ISSUE_TITLE, CONFIG_ISSUE_LABEL);
  if (reading.status === "invalid") {
    const body = configIssueBodyMarkdown(reading.error, head.branch);
    if (!issue) await github.createIssue(repo, { title: CONFIG_ISSUE_TITLE, body, labels: [CONFIG_ISSUE_LABEL] });
    else if (issue.body !== body) await github.updateIssue(repo, issue.number, { body });
    return null;
  }
  if (issue) {
    await github.comment(repo, issue.number, configFixedCommentMarkdown(head.branch, head.sha));
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
 * (extendsRequest, mergeOverBase): only from the owner's `.github`
 * repository, read at its default branch, at the same path unless `:path`
 * says otherwise. One level only.
 */
async function withBase(github: ConfigFiles, repo: RepoRef, input: unknown): Promise<unknown> {
  const request = extendsRequest(input, repo.owner);
  if (request.kind === "none") return input;
  const base = request.repository;
  const where = `${base.owner}/${base.repo}`;
  return mergeOverBase(request.own, await readBase(github, base, request.path, where), where);
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
