/**
 * `/rollback <env> [<image>] [to <version>]`: a PR that puts an earlier
 * version back (soak skipped, every other requirement kept), and the version
 * rolled back from blocked in the environment and those promoted from it.
 */
import { environmentDirectory } from "../../engine/config/environment-graph.js";
import { rollbackBlocks } from "../../engine/holds/blocked-versions.js";
import { findImageReferences } from "../../engine/images/find-references.js";
import { parseImage, referenceTagProblem } from "../../engine/images/image-name.js";
import { environmentReferences } from "../../engine/plan/environment-references.js";
import { environmentVersions } from "../../engine/plan/environment-versions.js";
import { imageSlugs } from "../../engine/plan/image-slug.js";
import { planRollback } from "../../engine/plan/plan-rollback.js";
import type { Version } from "../../engine/plan/promotion.js";
import { resolveImage } from "../../engine/plan/resolve-name.js";
import { sameVersion } from "../../engine/plan/same-version.js";
import { InputError } from "../../engine/errors.js";
import { changeHolds } from "../holds.js";
import { openPromotions } from "../open-promotions.js";
import { type CommandContext, type CommandResult, unresolved } from "./command-context.js";
import { environmentArgument } from "./environment-argument.js";
import { settleOpenPromotionsInto } from "./settle-open-promotions.js";

/** How many of the environment's latest commits are searched for an earlier version. */
export const ROLLBACK_HISTORY = 20;

/**
 * Steps:
 *
 * 1. A named version whose tag is too long (or no tag) is refused before anything is read.
 * 2. The environment (known, the commenter among its reviewers) and the version of each image it runs.
 * 3. The image: the one named, or the only one it runs.
 * 4. The version: the one named, or the previous one in the history of the files that name the image.
 * 5. Open the rollback PR (also into a held environment: its gate keeps failing until the hold is lifted).
 * 6. Block the version rolled back from, for the image, in the environment and every environment promoted from it
 *    (recorded in the holds issue): no automatic promotion proposes it there again until `/unblock <image> <version>`.
 * 7. Settle the open promotion PRs into those environments: the gate of one that brings the blocked version now fails.
 */
export async function rollbackCommand(
  context: CommandContext,
  environmentText: string,
  imageText: string | null,
  versionText: string | null,
): Promise<CommandResult> {
  const tagProblem = versionText === null ? null : referenceTagProblem(`image:${versionText}`);
  if (tagProblem !== null) return { kind: "version-not-a-tag", problem: tagProblem };
  const argument = await environmentArgument(context, environmentText);
  if ("refusal" in argument) return argument.refusal;
  const { environment } = argument;
  const { at } = context;
  const refs = (await environmentReferences(at.reader, at.config, [environment])).get(environment) ?? [];
  const running = environmentVersions(at.config, refs);
  const images = [...running.keys()].sort();
  const image = imageText !== null ? resolveImage(imageText, images) : images.length === 1 ? { ok: true as const, name: images[0] as string } : null;
  if (image === null) return { kind: "name-an-image", environment, images };
  if (!image.ok) return unresolved(image);
  const current = running.get(image.name) as Version;
  const target =
    versionText !== null
      ? namedVersion(versionText)
      : await previousVersion(
          context,
          environment,
          image.name,
          current,
          refs.filter((ref) => ref.image === image.name).map((ref) => ref.file),
        );
  if (target === null) {
    return versionText !== null
      ? { kind: "not-a-version", text: versionText }
      : { kind: "no-earlier-version", environment, image: image.name, imageText, history: ROLLBACK_HISTORY };
  }
  if (sameVersion(target, current)) return { kind: "already-runs", environment, image: image.name, version: current };
  const slug = imageSlugs(images).get(image.name) as string;
  const promotion = planRollback(at.config, { environment, image: image.name, slug, current, target });
  const [outcome] = await openPromotions(at, [promotion], { actor: context.commenter, whileHeld: true });
  const blocks = rollbackBlocks(at.config, { environment, image: image.name, version: current, by: context.commenter, at: context.now.toISOString() });
  await changeHolds(context.github, context.repo, { block: blocks }, Object.keys(at.config.environments));
  const blockedIn = blocks.map((block) => block.environment);
  await settleOpenPromotionsInto(context, blockedIn);
  const blocked = { image: image.name, version: current, environments: blockedIn };
  return { kind: "rollback-opened", title: promotion.title, url: outcome?.pullRequest?.url ?? null, blocked };
}

/** `1.4.0`, `sha256:…` or `1.4.0@sha256:…` as a version; null when it is none of those. */
export function namedVersion(text: string): Version | null {
  if (/^sha256:[0-9a-f]{64}$/.test(text)) return { tag: null, digest: text };
  const parsed = parseImage(`image:${text}`);
  return parsed === null || parsed.tag === null ? null : { tag: parsed.tag, digest: parsed.digest };
}

/**
 * The latest version of `image` other than `current` in the history of
 * `files` (the environment's files that name it), searching the last
 * ROLLBACK_HISTORY commits that touched the environment (one read for the
 * list, one per file per commit).
 */
async function previousVersion(
  context: CommandContext,
  environment: string,
  image: string,
  current: Version,
  files: readonly string[],
): Promise<Version | null> {
  const { github, repo, at } = context;
  const commits = await github.commitsTouching(repo, at.head.sha, environmentDirectory(at.config, environment), ROLLBACK_HISTORY);
  for (const sha of commits) {
    for (const file of [...new Set(files)]) {
      const text = await github.readFile(repo, sha, file);
      const version = text === null ? null : versionIn(file, text, image);
      if (version !== null && !sameVersion(version, current)) return version;
    }
  }
  return null;
}

function versionIn(file: string, text: string, image: string): Version | null {
  try {
    const ref = findImageReferences(file, text).find((candidate) => candidate.image === image);
    return ref === undefined ? null : { tag: ref.tag, digest: ref.digest };
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}
