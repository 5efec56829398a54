/**
 * The `promenade/config` check: a pull request that changes
 * `.github/promenade.yml` gets a check run on its head commit saying whether
 * the version it proposes is valid. Here the head is right, unlike for
 * promotions: the check judges the change itself.
 */
import { CONFIG_PATH } from "../engine/config/parse-config.js";
import { CONFIG_CHECK_NAME, configCheckFailure, configCheckRemoved, configCheckSuccess, type CheckOutput } from "../engine/markdown/config-issue.js";
import type { ConfigError } from "../engine/errors.js";
import type { CheckAnnotation, CheckRunRequest, GitHubClient, RepoRef } from "../github/github-client.js";
import { readConfigAt, type ConfigFiles, type ConfigReading } from "./load-config.js";

/** What the check needs from GitHub. */
export type ConfigCheckGitHub = ConfigFiles & Pick<GitHubClient, "createCheckRun" | "existingDirectories">;

/**
 * Checks the config a pull request proposes, when `files` (the files it
 * changes) include it. Steps:
 *
 * 1. Read and validate the config at the pull request's head commit `headSha`, each environment's directory included (one more read).
 * 2. Create the `promenade/config` check run on that commit: success, failure with every problem, or neutral when the file is deleted.
 */
export async function checkConfigChange(github: ConfigCheckGitHub, repo: RepoRef, headSha: string, files: readonly string[]): Promise<void> {
  if (!files.includes(CONFIG_PATH)) return;
  const reading = await readConfigAt(github, repo, headSha, (dirs) => github.existingDirectories(repo, headSha, dirs));
  await github.createCheckRun(repo, { name: CONFIG_CHECK_NAME, headSha, ...verdict(reading) });
}

/** The conclusion and output of the check for `reading`. */
function verdict(reading: ConfigReading): Pick<CheckRunRequest, "conclusion" | "annotations"> & CheckOutput {
  if (reading.status === "missing") return { conclusion: "neutral", ...configCheckRemoved() };
  if (reading.status === "invalid") {
    return { conclusion: "failure", ...configCheckFailure(reading.error), annotations: annotations(reading.error) };
  }
  return { conclusion: "success", ...configCheckSuccess(reading.config) };
}

/** One failure annotation per problem whose line is known, on that line of the config file. */
function annotations(error: ConfigError): CheckAnnotation[] {
  return error.issues.flatMap(({ path, message, line }) =>
    line === undefined
      ? []
      : [{ path: CONFIG_PATH, startLine: line, endLine: line, level: "failure" as const, message: path ? `${path}: ${message}` : message }],
  );
}
