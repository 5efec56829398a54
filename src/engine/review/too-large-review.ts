import type { Config } from "../config/schema.js";
import { fileStatus } from "./file-diff.js";
import type { ChangedFile, EnvironmentReview, FileDiff } from "./review.js";

/**
 * The review of an environment whose review ran out of time (after
 * `seconds`): its changed files listed without diffs and one problem, on
 * the largest of them, so that the `promenade/policy` check, and with it the
 * gate, fails rather than passes changes nobody reviewed.
 */
export function tooLargeReview(input: { config: Config; environment: string; files: readonly ChangedFile[] }, seconds: number): EnvironmentReview {
  const { config, environment, files } = input;
  const settings = config.environments[environment];
  const reason = `too large to review here: reviewing it took longer than ${seconds} s`;
  const largest = [...files].sort((a, b) => size(b) - size(a))[0]?.path ?? settings?.path ?? environment;
  return {
    environment,
    ...(settings?.from === undefined ? {} : { from: settings.from }),
    gated: settings?.requires !== undefined,
    files: files.map(listed),
    images: [],
    drift: [],
    policy: null,
    problems: [{ file: largest, message: `${reason}; split the change into smaller pull requests` }],
    rendered: { status: "skipped", reason },
    incomplete: reason,
  };
}

function listed(change: ChangedFile): FileDiff {
  const status = fileStatus(change);
  return { path: change.path, status, diff: "", added: 0, removed: 0, masked: 0, ...(status === "not shown" ? {} : { tooLarge: true as const }) };
}

function size(change: ChangedFile): number {
  return (change.before?.length ?? 0) + (change.after?.length ?? 0);
}
