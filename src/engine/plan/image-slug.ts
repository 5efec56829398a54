import { createHash } from "node:crypto";

/** The last path component of a Docker-normalised image name: `api` for `ghcr.io/acme/api`, `redis` for `docker.io/library/redis`. */
export function shortImageName(image: string): string {
  return image.slice(image.lastIndexOf("/") + 1);
}

/**
 * The branch component of each image in `images` (Docker-normalised names),
 * unique among them and the same on every run for the same list: the last
 * path component (`api`), or, for images whose last components give the
 * same slug, the whole name (`ghcr-io-acme-api`, `docker-io-acme-api`), with
 * the first 8 hex digits of the name's SHA-256 appended in the unlikely case
 * that those collide too. Slugs hold only `a-z`, `0-9` and inner `-`, so they
 * are always valid in a git ref. Pass the same list every time (the config's
 * promoted images) so that an image keeps its branch.
 */
export function imageSlugs(images: readonly string[]): Map<string, string> {
  const unique = [...new Set(images)];
  const short = withCollisions(unique, (image) => slugify(shortImageName(image)));
  const slugs = new Map<string, string>();
  for (const image of unique) {
    const slug = short.get(image) as { slug: string; shared: boolean };
    slugs.set(image, slug.shared ? slugify(image) : slug.slug);
  }
  const full = withCollisions(unique, (image) => slugs.get(image) as string);
  for (const [image, { slug, shared }] of full) {
    if (shared) slugs.set(image, `${slug}-${createHash("sha256").update(image).digest("hex").slice(0, 8)}`);
  }
  return slugs;
}

/** Each image's slug under `slugOf`, and whether another image has the same one. */
function withCollisions(images: readonly string[], slugOf: (image: string) => string): Map<string, { slug: string; shared: boolean }> {
  const count = new Map<string, number>();
  for (const image of images) count.set(slugOf(image), (count.get(slugOf(image)) ?? 0) + 1);
  return new Map(images.map((image) => [image, { slug: slugOf(image), shared: (count.get(slugOf(image)) ?? 0) > 1 }]));
}

/** Lower case, every run of other characters than `a-z0-9` as one `-`, none at the ends. */
function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "image"
  );
}
