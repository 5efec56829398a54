/** One entry of a kustomization that names a file or directory, checked to be a path inside the repository. */
import type { RenderRefusal } from "../engine/review/review.js";
import type { Entry } from "./kustomization-yaml.js";
import { localPath } from "./local-path.js";

/** Where entries are checked: the file holding them, and the directory of the kustomization they are read from (paths are relative to it). */
export interface Place {
  file: string;
  dir: string;
}

/** The most characters of an entry shown in a refusal. */
const MAX_ENTRY_LENGTH = 200;

/** A refusal of `at`'s file for `problem`, naming `entry` (shortened) when given. */
export function refusalAt(at: Place, problem: string, entry?: string): RenderRefusal {
  if (entry === undefined) return { file: at.file, problem };
  return { file: at.file, problem, entry: entry.length > MAX_ENTRY_LENGTH ? `${entry.slice(0, MAX_ENTRY_LENGTH - 1)}…` : entry };
}

/** The repository-relative path of `entry` of `field`, or the refusal of it: not a plain string, a remote location, an absolute path, or out of the repository. */
export function checkedEntry(at: Place, field: string, entry: Entry): { path: string } | { refusal: RenderRefusal } {
  if (!entry.plain) return { refusal: refusalAt(at, `\`${field}\` entry is not a plain string`, entry.value) };
  const local = localPath(at.dir, entry.value);
  return "problem" in local ? { refusal: refusalAt(at, `\`${field}\` entry ${local.problem}`, entry.value) } : local;
}
