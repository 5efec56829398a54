/**
 * What planning produces: the promotions that follow from an event, each one
 * branch, one commit and one PR (SPEC sections 1 and 4).
 */

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
  /** `Promote api 1.4.2 to staging`, or `Promote 3 images to staging`. */
  title: string;
  trigger: Trigger;
}
