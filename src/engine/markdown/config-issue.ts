/**
 * What Promenade writes about `.github/promenade.yml`: the
 * one issue it keeps open while the file on the default branch is invalid,
 * the comment that closes it, and the output of the `promenade/config` check
 * run on pull requests that change the file. Deterministic: the same
 * problems give the same text, so an unchanged issue is not edited.
 */
import { CONFIG_PATH } from "../config/parse-config.js";
import type { Config } from "../config/schema.js";
import type { ConfigError, ConfigIssue } from "../errors.js";
import { writeDataBlock } from "./data-block.js";
import { codeSpan, tableCell } from "./syntax.js";

/** The title of the issue Promenade keeps open while the config is invalid; it finds the issue by it. */
export const CONFIG_ISSUE_TITLE = `Action required: fix ${CONFIG_PATH}`;

/** The label of that issue, by which it is found (listing only labelled issues keeps the lookup one read). */
export const CONFIG_ISSUE_LABEL = "promenade";

/** The name of the check run on pull requests that change the config. */
export const CONFIG_CHECK_NAME = "promenade/config";

/** The title and summary of a check run. */
export interface CheckOutput {
  title: string;
  summary: string;
}

/** A key path as code inside a table cell. */
function keyCell(path: string): string {
  if (path === "") return "(whole file)";
  const text = path.replace(/\|/g, "\\|");
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** The problems as a table: key path and what was expected. */
function problemTable(issues: readonly ConfigIssue[]): string {
  const rows = issues.map((issue) => `| ${keyCell(issue.path)} | ${tableCell(issue.message)} |`);
  return ["| Key | Problem |", "| --- | --- |", ...rows].join("\n");
}

function problems(count: number): string {
  return `${count} problem${count === 1 ? "" : "s"}`;
}

/**
 * The body of the config issue: every problem of `error` in a table, how to
 * fix them, and that promotions wait until then. `branch` is the default
 * branch the config was read from.
 */
export function configIssueBodyMarkdown(error: ConfigError, branch: string): string {
  return [
    `Promenade found ${problems(error.issues.length)} in ${codeSpan(error.file)} on the default branch ${codeSpan(branch)}. ` +
      "**Promotions are paused in this repository until the file is valid.**",
    problemTable(error.issues),
    `To fix: correct the keys above in \`${CONFIG_PATH}\` and merge the change into ${codeSpan(branch)}. ` +
      "To check a change before merging, open it as a pull request: the `promenade/config` check validates it, " +
      "or run `promenade validate` in a checkout. Promenade closes this issue by itself once the file is valid.",
    writeDataBlock({ issue: "config" }),
  ]
    .join("\n\n")
    .concat("\n");
}

/** The comment Promenade leaves when it closes the config issue: the file is valid again at `sha`. */
export function configFixedCommentMarkdown(branch: string, sha: string): string {
  return `\`${CONFIG_PATH}\` on ${codeSpan(branch)} is valid again (${sha.slice(0, 7)}); promotions resume.\n`;
}

/** `valid: 3 environments`: what `promenade validate` prints and the title of a passing `promenade/config` check. */
export function configValidTitle(config: Config): string {
  const count = Object.keys(config.environments).length;
  return `valid: ${count} environment${count === 1 ? "" : "s"}`;
}

/** The check output for a valid config. */
export function configCheckSuccess(config: Config): CheckOutput {
  const names = Object.keys(config.environments);
  return { title: configValidTitle(config), summary: `\`${CONFIG_PATH}\` is valid. Environments: ${names.map(codeSpan).join(", ")}.` };
}

/** The check output for an invalid config: every problem, and what merging it would do. */
export function configCheckFailure(error: ConfigError): CheckOutput {
  return {
    title: `${problems(error.issues.length)} in ${error.file}`,
    summary: [`Merging this change would pause all promotions in this repository until \`${CONFIG_PATH}\` is valid again.`, problemTable(error.issues)].join(
      "\n\n",
    ),
  };
}

/** The check output for a pull request that deletes the config. */
export function configCheckRemoved(): CheckOutput {
  return {
    title: "removed",
    summary: `This change deletes \`${CONFIG_PATH}\`: once it is merged, Promenade stops promoting in this repository.`,
  };
}
