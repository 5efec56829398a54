/**
 * Where a person edits what a finding on the rendered manifests points at:
 * for an image, the kustomization `images` entry that gives its version;
 * else the file and line, among the files kustomize built the environment
 * from, that defines the object's field (a patch that sets it, else the
 * resource); else the object's line; else the environment's kustomization.
 */
import type { ImageReference } from "../images/reference.js";
import { parseYamlSource } from "../images/yaml-source.js";
import { InputError } from "../errors.js";
import type { RepoReader } from "../repo/reader.js";
import { isYamlPath } from "../repo/yaml-files.js";
import { contentsOf } from "./environment-files.js";
import { lineOfPath, pathAtLine } from "./field-path.js";
import type { KustomizeSources } from "./kustomize-sources.js";
import type { Manifest } from "./manifests.js";
import type { Violation } from "./policy-report.js";

/** An object of the source files, and whether its file is a patch. */
interface SourceObject {
  manifest: Manifest;
  patch: boolean;
}

/** The objects and image references of the files an environment is built from, in the order of precedence. */
export interface SourceIndex {
  objects: SourceObject[];
  /** The image references of the kustomizations: their `images` entries set the versions that run. */
  images: ImageReference[];
  /** Where a finding goes when nothing else tells: the environment's kustomization (or directory). */
  fallback: string;
}

/**
 * Reads the YAML kustomizations and files of `sources` (the files a review
 * reads ahead); files that cannot be read or parsed are passed over
 * (rendering read them).
 */
export async function readSourceIndex(reader: RepoReader, sources: KustomizeSources, dir: string): Promise<SourceIndex> {
  const index: SourceIndex = { objects: [], images: [], fallback: sources.kustomization ?? dir };
  for (const file of sources.kustomizations.filter(isYamlPath)) index.images.push(...((await parsed(reader, file))?.references.map(({ ref }) => ref) ?? []));
  for (const { file, patch } of sources.files.filter(({ file }) => isYamlPath(file))) {
    const contents = await parsed(reader, file);
    if (contents === null) continue;
    index.objects.push(...contents.manifests.map((manifest) => ({ manifest, patch })));
  }
  return index;
}

async function parsed(reader: RepoReader, file: string): Promise<ReturnType<typeof contentsOf> | null> {
  try {
    return contentsOf(parseYamlSource(file, await reader.readFile(file)));
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}

/** `violation`, found on the rendered manifests `rendered` (at one of `references`, for an image rule), moved to the source file and line that `index` tells. */
export function locate(violation: Violation, rendered: readonly Manifest[], references: readonly ImageReference[], index: SourceIndex): Violation {
  const manifest = rendered.findLast((m) => m.line <= violation.line && violation.line <= m.endLine);
  const at = (file: string, line: number): Violation => ({ ...violation, file, line });
  if (manifest === undefined) return at(index.fallback, 1);
  const ref = references.find((r) => r.line === violation.line);
  const source = ref === undefined ? undefined : index.images.find((r) => r.image === ref.image && r.tag === ref.tag && r.digest === ref.digest);
  if (source !== undefined) return at(source.file, source.line);
  const candidates = sameObject(manifest, index.objects);
  const path = pathAtLine(manifest, violation.line);
  if (path.length > 0) {
    const fields = candidates.flatMap(({ manifest: m, patch }) => {
      const field = lineOfPath(m, path);
      return field === null ? [] : [{ file: m.file, patch, ...field }];
    });
    // A value is set by the first file that has it (patches before what they patch); a list item or mapping is defined by the resource.
    const field = fields.find((f) => f.scalar) ?? fields.find((f) => !f.patch) ?? fields[0];
    if (field !== undefined) return at(field.file, field.line);
  }
  const object = candidates.find((c) => !c.patch) ?? candidates[0];
  return object === undefined ? at(index.fallback, 1) : at(object.manifest.file, object.manifest.line);
}

/**
 * The source objects that are `manifest` before kustomize built it: the
 * same kind and name, in its namespace or none (kustomize sets it); failing
 * that, the same kind and a name it contains (a `namePrefix` or
 * `nameSuffix` added to it).
 */
function sameObject(manifest: Manifest, objects: readonly SourceObject[]): SourceObject[] {
  const kind = objects.filter(({ manifest: m }) => m.kind === manifest.kind && (m.namespace === null || m.namespace === manifest.namespace));
  const named = kind.filter(({ manifest: m }) => m.name === manifest.name);
  if (named.length > 0 || manifest.name === null) return named;
  const name = manifest.name;
  return kind.filter(({ manifest: m }) => m.name !== null && name.includes(m.name));
}
