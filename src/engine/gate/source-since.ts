/**
 * Which versions the soak of a pull request into an environment waits on,
 * before anything is read: none (soak does not apply), unknowable, the
 * versions its signed promotion data names, or those its changed files move
 * (which the caller reads).
 */
import type { Config } from "../config/schema.js";
import type { Version } from "../plan/promotion.js";
import type { PromotionTrust } from "./promotion-trust.js";
import type { BroughtVersion } from "./soak-start.js";

/**
 * What soak needs for `environment`:
 *
 * - `none`: soak does not apply (no soak, which the config allows only with `from`; a rollback; no image version moves);
 * - `unknown`: it cannot be told (a promotion PR changed by hand, whose data is not believed);
 * - `brought`: when `versions` started running in `from`;
 * - `moved`: when the versions the changed files move into the environment started running in `from`.
 */
export type SoakSubject =
  { kind: "none" } | { kind: "unknown" } | { kind: "brought"; from: string; versions: BroughtVersion[] } | { kind: "moved"; from: string };

/**
 * What soak needs for `environment` of a pull request Promenade believes
 * `trust` of, given how many image versions its policy review found moved
 * (`movedImages`; null when not reviewed yet).
 */
export function soakSubject(config: Config, environment: string, trust: PromotionTrust, movedImages: number | null): SoakSubject {
  const settings = config.environments[environment];
  const data = trust.kind === "promotion" && trust.data.environment === environment ? trust.data : null;
  const from = settings?.from;
  if (settings?.requires?.soak === undefined || from === undefined || data?.trigger.kind === "rollback") return { kind: "none" };
  if (trust.kind === "changed") return { kind: "unknown" };
  if (data !== null) {
    return {
      kind: "brought",
      from,
      versions: data.images.map((image) => ({ image: image.image, version: image.toVersion, signedSince: signedTime(image.since) })),
    };
  }
  if (movedImages === 0) return { kind: "none" };
  return { kind: "moved", from };
}

/** The versions a pull request made by hand moves (`moved`, by image), none of them with a signed time; null when it moves none (soak does not apply). */
export function movedVersions(moved: ReadonlyMap<string, Version>): BroughtVersion[] | null {
  if (moved.size === 0) return null;
  return [...moved].map(([image, version]) => ({ image, version, signedSince: null }));
}

/** A `since` of signed promotion data as a time; null when absent or not a time. */
export function signedTime(since: string | undefined): Date | null {
  const time = since === undefined ? Number.NaN : Date.parse(since);
  return Number.isNaN(time) ? null : new Date(time);
}
