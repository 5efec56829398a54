/** The image versions a pull request brings into an environment, read from the files it changes. */
import type { Config } from "../engine/config/schema.js";
import type { Version } from "../engine/plan/promotion.js";
import { isYamlPath } from "../engine/repo/yaml-files.js";
import { imageVersionChanges } from "../engine/review/image-version-changes.js";
import type { ImageVersionChange } from "../engine/review/review.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { filesByEnvironment } from "./changed-environments.js";
import { textsAt } from "./texts-at.js";

/**
 * The version of each image that pull request `pr` (changing `files`) moves
 * to in `environment`, as its review reads it (imageVersionChanges of the
 * environment's changed YAML files); images it removes are left out. Reads
 * those files on both sides: two reads each, or two archives past
 * MAX_FILE_READS.
 */
export async function broughtVersions(
  github: Pick<GitHubClient, "readFile" | "repoReader">,
  repo: RepoRef,
  config: Config,
  environment: string,
  pr: { baseSha: string; headSha: string },
  files: readonly string[],
): Promise<Map<string, Version>> {
  const paths = filesByEnvironment(config, files.filter(isYamlPath)).get(environment) ?? [];
  const [base, head] = await Promise.all([textsAt(github, repo, pr.baseSha, paths), textsAt(github, repo, pr.headSha, paths)]);
  return versionsBrought(
    imageVersionChanges(
      config,
      paths.map((path) => ({ path, before: base.get(path) ?? null, after: head.get(path) ?? null })),
    ),
  );
}

/** The version each of `changes` moves an image to (images removed left out). */
export function versionsBrought(changes: readonly ImageVersionChange[]): Map<string, Version> {
  return new Map(changes.flatMap((change) => (change.to === null ? [] : [[change.image, change.to] as const])));
}
