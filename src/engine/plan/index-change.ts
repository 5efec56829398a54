/** What a push to a default branch means for the index of which repositories take which images. */
import { CONFIG_PATH } from "../config/parse-config.js";
import { EXTENDS_REPOSITORY } from "../config/extends-target.js";

/**
 * `none`: the push changed nothing the index knows (no config, no YAML);
 * `repository`: this repository must be read again (its config or YAML files
 * changed, or the files changed are not known); `installation`: every
 * repository must (the owner's shared base config changed). `files` is null
 * when the push does not list them.
 */
export function indexChangeOfPush(repoName: string, files: readonly string[] | null): "none" | "repository" | "installation" {
  if (files === null) return repoName === EXTENDS_REPOSITORY ? "installation" : "repository";
  if (repoName === EXTENDS_REPOSITORY && files.includes(CONFIG_PATH)) return "installation";
  return files.some((file) => file === CONFIG_PATH || /\.ya?ml$/i.test(file)) ? "repository" : "none";
}
