/** Reading one file through the contents API. */
import { InputError } from "../engine/errors.js";
import { checkYamlSize, decodeYamlBytes } from "../engine/repo/yaml-files.js";
import { callGitHubOrNull } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const GET_CONTENT = "GET /repos/{owner}/{repo}/contents/{path}";

/**
 * The text of `path` at `ref` (a branch, tag or sha), or null when it does
 * not exist. Throws InputError for a directory, a symlink or a submodule, and
 * for what `decodeYamlBytes` refuses (over 1 MiB, binary, not UTF-8).
 */
export async function readFile(octokit: Octokit, repo: RepoRef, ref: string, path: string): Promise<string | null> {
  const response = await callGitHubOrNull(`read ${path} at ${ref} in ${repoName(repo)}`, GET_CONTENT, () =>
    octokit.request(GET_CONTENT, { ...repo, path, ref }),
  );
  if (!response) return null;
  const entry = response.data;
  if (Array.isArray(entry)) throw new InputError(path, "is a directory, not a file");
  if (entry.type !== "file" || !("content" in entry)) throw new InputError(path, `is a ${entry.type}, not a file`);
  checkYamlSize(path, entry.size);
  return decodeYamlBytes(path, Buffer.from(entry.content, "base64"));
}
