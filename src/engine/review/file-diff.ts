import { maskSecrets } from "../diff/mask-secrets.js";
import { unifiedDiff } from "../render/file-diff.js";
import type { ChangedFile, FileDiff, FileStatus } from "./review.js";

/**
 * The diff of one changed file as a pull request comment shows it: Secret
 * and SOPS values masked on both sides first, so no value reaches the diff.
 * A file without text on either side (not YAML, or too large) is listed as
 * not shown.
 */
export function fileDiff(change: ChangedFile): FileDiff {
  const status = statusOf(change);
  if (status === "not shown") return { path: change.path, status, diff: "", added: 0, removed: 0, masked: 0 };
  const masked = maskSecrets(change.path, change.before, change.after);
  const diff = unifiedDiff(change.path, masked.before ?? "", masked.after ?? "");
  let added = 0;
  let removed = 0;
  // After the `--- a/…` and `+++ b/…` header, so that a line `-- x` removed or `++ x` added counts too.
  for (const line of diff.split("\n").slice(2)) {
    if (line.startsWith("+")) added++;
    else if (line.startsWith("-")) removed++;
  }
  return { path: change.path, status, diff, added, removed, masked: masked.masked };
}

function statusOf({ before, after }: ChangedFile): FileStatus {
  if (before === null && after === null) return "not shown";
  if (before === null) return "added";
  if (after === null) return "removed";
  return "modified";
}
