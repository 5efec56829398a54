/**
 * What planning produces: the promotions that follow from an event, each one
 * branch, one commit and one PR, and the ones it
 * did not make, with why.
 */
import type { Refusal } from "./admit-version.js";

/** A version of an image as written in the repository: a tag, a digest, or both. */
export interface Version {
  tag: string | null;
  digest: string | null;
}

/** How big a version change is, by semver; `other` when a tag is not a semantic version or only the digest changes. */
export type Bump = "major" | "minor" | "patch" | "other";

/** One image of a promotion: the version the environment runs now and the version it will run. */
export interface ImageChange {
  /** Docker-normalised image name, e.g. `ghcr.io/acme/api`, `docker.io/library/redis`. */
  image: string;
  /** What the target environment runs now; null when it does not run the image yet. */
  fromVersion: Version | null;
  toVersion: Version;
  bump: Bump;
}

/** A new image version arrived from a registry (`registry_package`, `package`, `repository_dispatch`). */
export interface ImagePush {
  /** The image name as the event gives it; matched after Docker normalisation. */
  image: string;
  tag: string;
  digest?: string | null;
}

/** What caused a promotion. */
export type Trigger =
  /** A push of `image:tag[@digest]` (image Docker-normalised). */
  | { kind: "push"; image: string; tag: string; digest: string | null }
  /** A change to the files of `environment`, the source of the promotion. */
  | { kind: "environment-change"; environment: string }
  /** A `/rollback` command. */
  | { kind: "rollback" };

/** Making `environment` run new versions of one image (or, grouped, of several). */
export interface Promotion {
  /** The target environment. */
  environment: string;
  /** The environment whose versions are promoted; absent for a push into a root environment. */
  from?: string;
  /** Sorted by image name. */
  images: ImageChange[];
  /** `promenade/<env>/<image-slug>`, or `promenade/<env>` when grouped by environment. */
  branch: string;
  /** `Promote api 1.4.2 to staging`, `Promote 3 images to staging`, or `Downgrade api 2.0 in production`. */
  title: string;
  trigger: Trigger;
  /** Images (sorted) this promotion moves to an older version than the environment runs: only `/promote` and `/rollback` do. Absent when none. */
  downgrades?: string[];
  /** Images (sorted) whose new version cannot be told newer or older than the running one (compareVersions): the PR says so. Absent when none. */
  unordered?: string[];
}

/**
 * Why no promotion of an image into an environment was made: the config
 * refuses the version (Refusal), the version is older than the one running
 * there (a downgrade) or the same, the environment (or, for an environment
 * change, its source) does not reference the image, the config's `images`
 * does not list it, the environment is held, or the version is blocked there
 * (rolled back from, until `/unblock`).
 */
export type SkipReason = Refusal["reason"] | "older" | "same" | "not-referenced" | "not-listed" | "held" | "blocked";

/** A promotion that was not made. */
export interface SkippedPromotion {
  environment: string;
  /** Docker-normalised image name. */
  image: string;
  /** The version that was offered; null when there was none (the source does not run the image). */
  version: Version | null;
  reason: SkipReason;
  /** For people: `2.0 is older than 3.0, which runs there`. */
  message: string;
}

/** What planning an event gives: the promotions to make, and the ones skipped with why. */
export interface Plan {
  promotions: Promotion[];
  skipped: SkippedPromotion[];
}
