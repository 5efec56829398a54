/**
 * Docker image names: normalisation and parsing of `name[:tag][@digest]`
 * strings, following the rules of the Docker reference grammar
 * (github.com/distribution/reference): a first path component is a registry
 * when it holds a `.` or a `:` or is `localhost`; otherwise the image lives on
 * Docker Hub, whose single-component names are under `library/`.
 */

const DOCKER_HUB = "docker.io";
const DOCKER_HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/** `name[:tag][@digest]` split into its parts. */
export interface ParsedImage {
  /** The name as written, without tag and digest. */
  name: string;
  tag: string | null;
  digest: string | null;
}

/** True when `component` (the first path component of a name) is a registry host. */
function isRegistryHost(component: string): boolean {
  return component.includes(".") || component.includes(":") || component === "localhost";
}

/**
 * The fully qualified form of an image name, so that `nginx`,
 * `library/nginx`, `docker.io/nginx` and `index.docker.io/library/nginx` all
 * compare equal (`docker.io/library/nginx`). A tag or digest must already be
 * removed. Registry hosts are case-insensitive and lower-cased.
 */
export function normalizeImageName(name: string): string {
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  if (slash !== -1 && isRegistryHost(first)) {
    const host = first.toLowerCase();
    const rest = name.slice(slash + 1);
    if (DOCKER_HUB_ALIASES.has(host)) {
      return rest.includes("/") ? `${DOCKER_HUB}/${rest}` : `${DOCKER_HUB}/library/${rest}`;
    }
    return `${host}/${rest}`;
  }
  return name.includes("/") ? `${DOCKER_HUB}/${name}` : `${DOCKER_HUB}/library/${name}`;
}

/** Docker's limit on the length of a tag; longer text is refused before any other check reads it. */
export const MAX_TAG_LENGTH = 128;

const TAG_PATTERN = /^[\w][\w.-]*$/;

/**
 * Splits `name[:tag][@digest]`. The tag is what follows the last `:` after the
 * last `/`, so a registry port (`localhost:5000/app`) is never taken for a tag.
 * Returns null for text that cannot be an image reference (empty, spaces,
 * template syntax, a URL with a scheme, a tag longer than MAX_TAG_LENGTH).
 */
export function parseImage(text: string): ParsedImage | null {
  const value = text.trim();
  const { name, tag, digest } = splitReference(value);
  if (tag !== null && !isTag(tag)) return null;
  if (name === "" || /\s/.test(value) || value.includes("://") || /[{}$<>]/.test(value)) return null;
  if (digest !== null && !/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/.test(digest)) return null;
  if (!isImageName(name)) return null;
  return { name, tag, digest };
}

/** `name[:tag][@digest]` cut at its `@` and its tag's `:`, with string operations only: no part is checked. */
function splitReference(value: string): ParsedImage {
  const at = value.indexOf("@");
  const rest = at === -1 ? value : value.slice(0, at);
  const digest = at === -1 ? null : value.slice(at + 1);
  const colon = rest.lastIndexOf(":");
  if (colon <= rest.lastIndexOf("/")) return { name: rest, tag: null, digest };
  return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
}

/**
 * Why `text` cannot be an image tag, in one line, or null when it can be one.
 * The length is checked first, so a long text costs nothing more.
 */
export function tagProblem(text: string): string | null {
  if (text.length > MAX_TAG_LENGTH) return `a tag is at most ${MAX_TAG_LENGTH} characters, this one has ${text.length}`;
  if (!TAG_PATTERN.test(text)) return "a tag is letters, digits, _, . and - and does not start with . or -";
  return null;
}

/**
 * Why the tag of the image reference `text` (`name:tag[@digest]`) is
 * refused, in one line, or null when it has no tag or a good one. For
 * messages of entry points that read a reference with parseImage.
 */
export function referenceTagProblem(text: string): string | null {
  const { tag } = splitReference(text.trim());
  return tag === null ? null : tagProblem(tag);
}

/** True when `text` has the shape of an image tag (not a template such as `{{ .Values.tag }}` or `${TAG}`), at most MAX_TAG_LENGTH characters. */
export function isTag(text: string): boolean {
  return tagProblem(text) === null;
}

/** True when `name` has the shape of an image name (no tag, no digest). */
export function isImageName(name: string): boolean {
  const parts = name.split("/");
  const first = parts[0] ?? "";
  const pathParts = parts.length > 1 && isRegistryHost(first) ? parts.slice(1) : parts;
  if (parts.length > 1 && isRegistryHost(first) && !/^[A-Za-z0-9.-]+(?::[0-9]+)?$/.test(first)) return false;
  return pathParts.length > 0 && pathParts.every((p) => /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(p));
}

/** `name:tag@digest`, leaving out the parts that are null. */
export function formatImage(image: ParsedImage): string {
  return `${image.name}${image.tag === null ? "" : `:${image.tag}`}${image.digest === null ? "" : `@${image.digest}`}`;
}
