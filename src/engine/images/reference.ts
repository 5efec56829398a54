/**
 * What discovery reports for each image reference, and what `set-image` is
 * asked to write.
 */
import type { DETECTORS } from "./detectors.js";

/**
 * Where an image reference lives; one value per shape the README lists. The
 * shapes are those the detectors of `DETECTORS` report, each described by its detector.
 */
export type ReferenceShape = (typeof DETECTORS)[number]["shapes"][number];

/** One image reference found in a YAML file. */
export interface ImageReference {
  /** Path of the file, relative to the repository root, with `/` separators. */
  file: string;
  /** 1-based line holding the tag (or, without a tag, the digest; without either, the name) text. */
  line: number;
  shape: ReferenceShape;
  /** Docker-normalised image name (`docker.io/library/nginx`); null when the file does not name the image. */
  image: string | null;
  /** The tag, or null when there is none (absent, `""` or `null`). */
  tag: string | null;
  /** The digest (`sha256:…`), or null. */
  digest: string | null;
}

/** The version `set-image` writes into every reference of `image`. */
export interface ImageTarget {
  /** Image name as the user wrote it; matched after Docker normalisation. */
  image: string;
  tag: string | null;
  digest: string | null;
  /**
   * Also write `digest` into references that have none (`pullRequests.pinDigests`,
   * `set-image --pin`). Without it a tag-only reference stays tag-only, unless
   * the target has no tag (the digest is then the whole version).
   */
  pinDigests?: boolean;
}
