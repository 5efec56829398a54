/**
 * Blocked versions: `/rollback` blocks the version it rolls back from, for
 * that image, in the environment and in every environment promoted from it
 * (along `from`, at any depth). No automatic promotion proposes a blocked
 * version there again, and the gate of a pull request that brings it there
 * fails, until `/unblock <image> <version>`. A block concerns that version
 * only: a newer version is proposed as usual, and once it runs there the
 * blocked one is older, which automatic promotion never proposes anyway.
 * Blocks are recorded in the holds issue, beside the holds.
 */
import { nextEnvironments } from "../config/environment-graph.js";
import type { Config } from "../config/schema.js";
import { sortedBlocks, type BlockedVersion } from "../markdown/holds.js";
import type { Version } from "../plan/promotion.js";
import type { HeldEnvironments } from "./held-environments.js";

export type { BlockedVersion } from "../markdown/holds.js";

/** Every blocked version of `state` (the holds as read), one entry per image, version and environment, sorted by image, version, environment. */
export function blockedVersions(state: Pick<HeldEnvironments, "blocks">): BlockedVersion[] {
  return sortedBlocks(state.blocks);
}

/**
 * Whether `version` is `blocked`: the same digest when both have one (the
 * same image content, whatever its tag), else the same tag.
 */
export function isBlockedVersion(blocked: Version, version: Version): boolean {
  if (blocked.digest !== null && version.digest !== null) return blocked.digest === version.digest;
  return blocked.tag !== null && blocked.tag === version.tag;
}

/** The block of `version` of `image` in `environment`; undefined when it is not blocked there. */
export function findBlock(blocks: readonly BlockedVersion[], environment: string, image: string, version: Version): BlockedVersion | undefined {
  return blocks.find((block) => block.environment === environment && block.image === image && isBlockedVersion(block.version, version));
}

/** `environment` and every environment promoted from it, directly or not, in that order (then config order). */
export function environmentAndDescendants(config: Config, environment: string): string[] {
  const found = [environment];
  for (let i = 0; i < found.length; i += 1) {
    for (const next of nextEnvironments(config, found[i] as string)) if (!found.includes(next)) found.push(next);
  }
  return found;
}

/** The blocks `/rollback` of `image` in `environment` from `version` adds: one per environment from it down, by `by` at `at`. */
export function rollbackBlocks(config: Config, input: { environment: string; image: string; version: Version; by: string; at: string }): BlockedVersion[] {
  const version = { tag: input.version.tag, digest: input.version.digest };
  return environmentAndDescendants(config, input.environment).map((environment) => ({ image: input.image, version, environment, by: input.by, at: input.at }));
}

/** `blocks` with `added`: an added block replaces one of the same image, version and environment. */
export function withBlocks(blocks: readonly BlockedVersion[], added: readonly BlockedVersion[]): BlockedVersion[] {
  return [...withoutBlocks(blocks, added), ...added];
}

/** `blocks` without those of the image, version and environment of any of `removed`. */
export function withoutBlocks(blocks: readonly BlockedVersion[], removed: readonly BlockedVersion[]): BlockedVersion[] {
  return blocks.filter((block) => !removed.some((gone) => sameBlock(block, gone)));
}

/** The blocks of `version` of `image`, in every environment (what `/unblock <image> <version>` lifts). */
export function blocksOf(blocks: readonly BlockedVersion[], image: string, version: Version): BlockedVersion[] {
  return blocks.filter((block) => block.image === image && isBlockedVersion(block.version, version));
}

function sameBlock(a: BlockedVersion, b: BlockedVersion): boolean {
  return a.image === b.image && a.environment === b.environment && a.version.tag === b.version.tag && a.version.digest === b.version.digest;
}
