/**
 * What a promotion PR remembers for later runs, kept in the hidden block of
 * its body: the target, the images with their versions, the trigger, and the
 * versions this PR superseded while it was open.
 */
import { z } from "zod";
import type { ImageChange, Promotion, Trigger, Version } from "../plan/promotion.js";
import { sameVersion } from "../plan/same-version.js";

/** The format of the data; a body holding another version is not read. */
export const PROMOTION_DATA_VERSION = 1;

/** At most this many superseded versions are remembered, the most recent first. */
export const SUPERSEDED_LIMIT = 20;

/** A version of an image that an open promotion PR proposed before it was updated. */
export interface SupersededVersion extends Version {
  image: string;
}

/** An image of a promotion PR, with when its new version started running in the source environment, when known (ISO 8601). */
export interface PromotedImage extends ImageChange {
  since?: string;
}

/** The hidden data of a promotion PR. */
export interface PromotionData {
  version: typeof PROMOTION_DATA_VERSION;
  environment: string;
  from?: string;
  branch: string;
  images: PromotedImage[];
  trigger: Trigger;
  /** Who triggered the promotion (the pusher of the source change, the commenter of a command): their approval never counts. */
  actor?: string;
  superseded: SupersededVersion[];
  /** The commit Promenade made on the branch for this promotion: the data describes the pull request while its head is this commit. */
  commit?: string;
  /** The files that commit changes: a pull request changing any other is not Promenade's to merge. */
  files?: string[];
}

/** What an event knows beyond the plan: when each image's version reached the source (by image), who caused it, and the commit made for it. */
export interface PromotionContext {
  since?: ReadonlyMap<string, Date | null | undefined>;
  actor?: string | null;
  commit?: { sha: string; files: readonly string[] };
}

const versionSchema = z.object({ tag: z.string().nullable(), digest: z.string().nullable() });

/** The schema a parsed block must meet; unknown keys (from newer versions of Promenade) are dropped. */
export const promotionDataSchema: z.ZodType<PromotionData> = z.object({
  version: z.literal(PROMOTION_DATA_VERSION),
  environment: z.string(),
  from: z.string().optional(),
  branch: z.string(),
  images: z.array(
    z.object({
      image: z.string(),
      fromVersion: versionSchema.nullable(),
      toVersion: versionSchema,
      bump: z.enum(["major", "minor", "patch", "other"]),
      since: z.string().optional(),
    }),
  ),
  actor: z.string().optional(),
  trigger: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("push"), image: z.string(), tag: z.string(), digest: z.string().nullable() }),
    z.object({ kind: z.literal("environment-change"), environment: z.string() }),
    z.object({ kind: z.literal("rollback") }),
  ]),
  superseded: z.array(z.object({ image: z.string(), tag: z.string().nullable(), digest: z.string().nullable() })),
  commit: z.string().optional(),
  files: z.array(z.string()).optional(),
});

/**
 * The data of `promotion`. With `previous`, the data of the open PR it
 * updates, the versions that PR proposed for images this promotion moves to
 * another version are added, most recent first, to those it had already
 * superseded (at most SUPERSEDED_LIMIT; none equal to a version proposed now).
 * An image whose version the previous data already proposed keeps its
 * `since`, and when no image changed version the `actor` stays too: both
 * belong to the versions, not to the event that revisited them.
 */
export function promotionData(promotion: Promotion, previous?: PromotionData | null, context: PromotionContext = {}): PromotionData {
  const proposed = (image: string, version: Version): boolean =>
    promotion.images.some((change) => change.image === image && sameVersion(change.toVersion, version));
  const replaced = (previous?.images ?? [])
    .filter((old) => promotion.images.some((change) => change.image === old.image) && !proposed(old.image, old.toVersion))
    .map((old): SupersededVersion => ({ image: old.image, tag: old.toVersion.tag, digest: old.toVersion.digest }));
  const superseded: SupersededVersion[] = [];
  for (const entry of [...replaced, ...(previous?.superseded ?? [])]) {
    if (proposed(entry.image, entry) || superseded.some((seen) => seen.image === entry.image && sameVersion(seen, entry))) continue;
    superseded.push(entry);
  }
  const kept = (change: ImageChange) => previous?.images.find((old) => old.image === change.image && sameVersion(old.toVersion, change.toVersion));
  const images = promotion.images.map((change): PromotedImage => {
    const since = kept(change)?.since ?? context.since?.get(change.image)?.toISOString();
    return since === undefined ? change : { ...change, since };
  });
  const actor = previous && promotion.images.every(kept) ? (previous.actor ?? context.actor) : context.actor;
  return {
    version: PROMOTION_DATA_VERSION,
    environment: promotion.environment,
    ...(promotion.from === undefined ? {} : { from: promotion.from }),
    branch: promotion.branch,
    images,
    trigger: promotion.trigger,
    ...(actor == null ? {} : { actor }),
    superseded: superseded.slice(0, SUPERSEDED_LIMIT),
    ...(context.commit === undefined ? {} : { commit: context.commit.sha, files: [...context.commit.files].sort() }),
  };
}
