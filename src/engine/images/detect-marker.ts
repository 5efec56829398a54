/**
 * `# promenade: <image>` markers: the scalar before the comment on that line
 * holds the image's tag (or the whole `name:tag` string).
 */
import type { Scalar } from "yaml";
import { imageStringReference } from "./detect-image-string.js";
import { nextVersion, splitTagDigest, versionString } from "./found-reference.js";
import type { Detector } from "./detectors.js";
import type { FoundReference } from "./found-reference.js";
import { normalizeImageName, parseImage } from "./image-name.js";
import { rewriteScalar } from "./scalar-edit.js";
import { scalarText, type YamlSource } from "./yaml-source.js";

const MARKER = /#[ \t]*promenade:[ \t]*([^\s#]+)/g;

/**
 * The marked references of a file. A marker counts only as a comment after a
 * value (a scalar of `scalarsByEnd` ends there), never inside a string or on a
 * line of its own.
 */
function markerReferences(source: YamlSource, scalarsByEnd: ReadonlyMap<number, Scalar>): FoundReference[] {
  const found: FoundReference[] = [];
  if (!source.text.includes("promenade:")) return found;
  for (const match of source.text.matchAll(MARKER)) {
    let end = match.index;
    while (end > 0 && (source.text[end - 1] === " " || source.text[end - 1] === "\t")) end--;
    const node = end < match.index ? scalarsByEnd.get(end) : undefined;
    const marked = parseImage(match[1] ?? "");
    if (!node || !marked) continue;
    const image = normalizeImageName(marked.name);
    // A whole `name:tag` string (possibly a mirror of the marked image): only its tag and digest change.
    const whole = imageStringReference(source, node, "marker");
    if (whole && whole.ref.tag !== null) {
      found.push({ ...whole, ref: { ...whole.ref, image }, names: [image] });
      continue;
    }
    const text = scalarText(node);
    const current = splitTagDigest(text);
    const at = node.range?.[0] ?? 0;
    found.push({
      ref: { file: source.file, line: source.lineOf(at), shape: "marker", image, ...current },
      names: [image],
      anchor: at,
      edit: (target) => rewriteScalar(source, node, text, versionString(nextVersion(current, target))),
    });
  }
  return found;
}

/** `# promenade: <image>` markers, anywhere in the file. */
export const marker = {
  /** A scalar on a line marked `# promenade: <image>`. */
  shapes: ["marker"],
  level: "file",
  detect: markerReferences,
} as const satisfies Detector;
