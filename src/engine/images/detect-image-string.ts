/** References written as one string: `name[:tag][@digest]`, or Argo CD's `name=newName:tag`. */
import type { Scalar } from "yaml";
import { nextVersion } from "./found-reference.js";
import type { FoundReference } from "./found-reference.js";
import { normalizeImageName, parseImage } from "./image-name.js";
import type { ReferenceShape } from "./reference.js";
import { rewriteScalar, verbatimOffset } from "./scalar-edit.js";
import type { YamlSource } from "./yaml-source.js";

/**
 * The reference held by a string scalar, or null when the string is not an
 * image. With `renames`, a leading `name=` (Argo CD kustomize images) names the
 * image being replaced.
 */
export function imageStringReference(source: YamlSource, node: Scalar, shape: ReferenceShape, renames = false): FoundReference | null {
  if (typeof node.value !== "string") return null;
  const value = node.value;
  const equals = renames ? value.indexOf("=") : -1;
  const prefix = equals === -1 ? "" : value.slice(0, equals + 1);
  const parsed = parseImage(value.slice(prefix.length));
  if (!parsed || (prefix !== "" && !parseImage(prefix.slice(0, -1)))) return null;
  const image = normalizeImageName(parsed.name);
  const names = prefix === "" ? [image] : [image, normalizeImageName(prefix.slice(0, -1))];
  // An image string has no spaces, so it stands on one line: the line where its text starts.
  const at = verbatimOffset(source, node, value) ?? node.range?.[0] ?? 0;
  return {
    ref: { file: source.file, line: source.lineOf(at), shape, image, tag: parsed.tag, digest: parsed.digest },
    names,
    anchor: node.range?.[0] ?? 0,
    edit(target) {
      const next = nextVersion(parsed, target);
      const tag = next.tag === null ? "" : `:${next.tag}`;
      const digest = next.digest === null ? "" : `@${next.digest}`;
      return rewriteScalar(source, node, value, `${prefix}${parsed.name}${tag}${digest}`);
    },
  };
}
