import { maskSecrets } from "../diff/mask-secrets.js";
import { boundedDiff } from "../markdown/bounded-diff.js";
import type { ChangedFile, FileDiff, FileStatus } from "./review.js";

/**
 * The diff of one changed file as a pull request comment shows it: Secret
 * and SOPS values masked on both sides first, so no value reaches the diff.
 * A file without text on either side (not YAML, or too large) is listed as
 * not shown; a change too large to diff line by line is marked `tooLarge`
 * (boundedDiff).
 */
export function fileDiff(change: ChangedFile): FileDiff {
  const status = fileStatus(change);
  if (status === "not shown") return { path: change.path, status, diff: "", added: 0, removed: 0, masked: 0 };
  const masked = maskSecrets(change.path, change.before, change.after);
  const { diff, added, removed, tooLarge } = boundedDiff(change.path, masked.before ?? "", masked.after ?? "");
  return { path: change.path, status, diff, added, removed, masked: masked.masked, ...(tooLarge ? { tooLarge } : {}) };
}

/** How a file changes, from its text on both sides. */
export function fileStatus({ before, after }: ChangedFile): FileStatus {
  if (before === null && after === null) return "not shown";
  if (before === null) return "added";
  if (after === null) return "removed";
  return "modified";
}
