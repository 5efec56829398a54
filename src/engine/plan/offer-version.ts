import type { ImagePolicy } from "../config/schema.js";
import { findBlock } from "../holds/blocked-versions.js";
import type { BlockedVersion } from "../markdown/holds.js";
import { utcText } from "../utc-text.js";
import { admitVersion } from "./admit-version.js";
import type { RunningVersion } from "./environment-versions.js";
import { formatVersion } from "./format-version.js";
import type { SkippedPromotion, Version } from "./promotion.js";
import { replacement, type ReplacementOrder } from "./replacement.js";

/** A version of an image offered to an environment, which runs `running` of it (undefined: it does not reference the image). */
export interface VersionOffer {
  environment: string;
  image: string;
  policy: ImagePolicy | undefined;
  version: Version;
  running: RunningVersion | undefined;
  /** A command may move the environment back to an older version. */
  allowOlder?: boolean;
  /** The blocked versions (the holds issue's): a blocked version is not proposed. None when absent (an explicit `/promote`, the CLI). */
  blocks?: readonly BlockedVersion[];
}

/** The version to write and how it relates to the running one, or the skipped promotion saying why there is none. */
export type OfferDecision = { toVersion: Version; order: ReplacementOrder } | { skipped: SkippedPromotion };

/**
 * Whether the offered version is promoted into the environment: the
 * environment must reference the image (Promenade edits references, it never
 * adds them), the image's config must admit the version (admitVersion), the
 * version must replace the running one (replacement: never older, unless
 * `allowOlder`), and it must not be blocked there (`blocks`).
 */
export function offerVersion(offer: VersionOffer): OfferDecision {
  const { environment, image, policy, running } = offer;
  const version = { tag: offer.version.tag, digest: offer.version.digest };
  const skip = (reason: SkippedPromotion["reason"], message: string): OfferDecision => ({ skipped: { environment, image, version, reason, message } });
  if (running === undefined) return skip("not-referenced", `${environment} does not reference the image (Promenade changes existing references only)`);
  const refusal = admitVersion(policy, version);
  if (refusal !== null) return skip(refusal.reason, refusal.message);
  const decided = replacement(policy, version, running, offer.allowOlder);
  if ("version" in decided) {
    const block = findBlock(offer.blocks ?? [], environment, image, version);
    if (block === undefined) return { toVersion: decided.version, order: decided.order };
    return skip("blocked", blockedMessage(block, formatVersion(version)));
  }
  if (decided.skip === "same") return skip("same", `${environment} already runs ${formatVersion(running)}`);
  return skip("older", `${formatVersion(version)} is older than ${formatVersion(running)}, which ${environment} runs: only /promote and /rollback go back`);
}

/** `1.5.0 is blocked in dev by @alice since 2026-03-02 10:00 UTC (rolled back; /unblock ghcr.io/acme/api 1.5.0 allows it again)`. */
function blockedMessage(block: BlockedVersion, version: string): string {
  return `${version} is blocked in ${block.environment} by @${block.by} since ${utcText(new Date(block.at))} (rolled back; /unblock ${block.image} ${version} allows it again)`;
}
