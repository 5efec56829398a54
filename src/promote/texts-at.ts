/** The texts of some files at one commit, for a bounded number of calls whatever their number. */
import { InputError } from "../engine/errors.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";

/** Up to this many files are read one by one; more, from the commit's archive (one download). */
export const MAX_FILE_READS = 10;

/**
 * The text of each of `paths` (YAML files) at commit `sha`, null where the
 * file does not exist there or cannot be read as YAML text (over 1 MiB,
 * binary): one read per file, or one archive download when there are more
 * than MAX_FILE_READS.
 */
export async function textsAt(
  github: Pick<GitHubClient, "readFile" | "repoReader">,
  repo: RepoRef,
  sha: string,
  paths: readonly string[],
): Promise<Map<string, string | null>> {
  if (paths.length <= MAX_FILE_READS) {
    return new Map(await Promise.all(paths.map(async (path) => [path, await readable(github.readFile(repo, sha, path))] as const)));
  }
  const reader = github.repoReader(repo, sha);
  const present = new Set(await reader.listFiles(""));
  return new Map(await Promise.all(paths.map(async (path) => [path, present.has(path) ? await readable(reader.readFile(path)) : null] as const)));
}

/** The text `reading` gives; null when it is not YAML text Promenade reads. */
async function readable(reading: Promise<string | null>): Promise<string | null> {
  try {
    return await reading;
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}
