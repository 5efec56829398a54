import { closestMatch } from "../config/suggest.js";
import { normalizeImageName } from "../images/image-name.js";
import { shortImageName } from "./image-slug.js";

/** A name a person typed, resolved among the known ones, or why not (with the nearest one when there is a likely typo). */
export type Resolved = { ok: true; name: string } | { ok: false; reason: string; suggestion?: string };

/** The environment `text` names (exactly, then case-insensitively) among `environments`. */
export function resolveEnvironment(text: string, environments: readonly string[]): Resolved {
  const found = environments.find((name) => name === text) ?? environments.find((name) => name.toLowerCase() === text.toLowerCase());
  if (found !== undefined) return { ok: true, name: found };
  const suggestion = closestMatch(text, environments);
  return { ok: false, reason: `unknown environment ${text} (known: ${environments.join(", ")})`, ...(suggestion === undefined ? {} : { suggestion }) };
}

/**
 * The image `text` names among `images` (Docker-normalised names): its full
 * name after normalisation (`nginx` = `docker.io/library/nginx`), or the last
 * path component when only one image has it (`api` for `ghcr.io/acme/api`).
 */
export function resolveImage(text: string, images: readonly string[]): Resolved {
  const wanted = text.toLowerCase();
  const full = images.find((image) => image === normalizeImageName(wanted));
  if (full !== undefined) return { ok: true, name: full };
  const short = images.filter((image) => shortImageName(image) === wanted);
  if (short.length === 1) return { ok: true, name: short[0] as string };
  if (short.length > 1) return { ok: false, reason: `${text} could be ${short.join(" or ")}: write the whole name` };
  const suggestion = closestMatch(wanted, images.map(shortImageName));
  return { ok: false, reason: `unknown image ${text} (known: ${images.join(", ") || "none"})`, ...(suggestion === undefined ? {} : { suggestion }) };
}
