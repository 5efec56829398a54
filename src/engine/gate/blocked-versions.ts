/** The blocked-versions requirement: a pull request may not bring into an environment a version `/rollback` blocked there. */
import { findBlock } from "../holds/blocked-versions.js";
import type { BlockedVersion } from "../markdown/holds.js";
import { formatVersion } from "../plan/format-version.js";
import type { Version } from "../plan/promotion.js";
import { mention, utcText } from "./format.js";
import type { GateBlockedVersion, RequirementStatus } from "./types.js";

/**
 * The versions `brought` (image → the version a pull request moves it to in
 * `environment`) that are blocked there (`blocks`: the holds issue's), as the
 * gate takes them, sorted by image.
 */
export function blockedBrought(environment: string, brought: ReadonlyMap<string, Version>, blocks: readonly BlockedVersion[]): GateBlockedVersion[] {
  return [...brought]
    .flatMap(([image, version]) => {
      const block = findBlock(blocks, environment, image, version);
      return block === undefined ? [] : [{ image, version: formatVersion(version), by: block.by, at: new Date(block.at) }];
    })
    .sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : 0));
}

/**
 * Not met when the pull request brings a blocked version into `environment`,
 * naming who blocked it, since when and the `/unblock` that lifts it; null
 * (it does not apply) when it brings none, so the gate of every other pull
 * request reads as before.
 */
export function blockedStatus(environment: string, blocked: readonly GateBlockedVersion[] | undefined): RequirementStatus | null {
  if (blocked === undefined || blocked.length === 0) return null;
  const lines = blocked.map(
    (entry) =>
      `${entry.image} ${entry.version} is blocked in ${environment} by ${mention(entry.by)} since ${utcText(entry.at)} (\`/unblock ${entry.image} ${entry.version}\` lifts it)`,
  );
  const names = blocked.map((entry) => `${entry.image} ${entry.version}`).join(", ");
  return { kind: "blocked", met: false, detail: lines.join("; "), missing: `blocked: ${names}` };
}
