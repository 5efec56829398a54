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

/**
 * Splits `name[:tag][@digest]`. The tag is what follows the last `:` after the
 * last `/`, so a registry port (`localhost:5000/app`) is never taken for a tag.
 * Returns null for text that cannot be an image reference (empty, spaces,
 * template syntax, a URL with a scheme).
 */
export function parseImage(text: string): ParsedImage | null {
  const value = text.trim();
  if (value === "" || /\s/.test(value) || value.includes("://") || /[{}$<>]/.test(value)) return null;
  let rest = value;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/.test(digest)) return null;
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!isTag(tag)) return null;
  }
  if (!isImageName(rest)) return null;
  return { name: rest, tag, digest };
}

/** True when `text` has the shape of an image tag (not a template such as `{{ .Values.tag }}` or `${TAG}`). */
export function isTag(text: string): boolean {
  return /^[\w][\w.-]{0,127}$/.test(text);
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
