/** What the policies of an environment look at: its image references and Kubernetes objects, read once per file. */
import { discoverReferences } from "../images/discover-references.js";
import type { YamlSource } from "../images/yaml-source.js";
import type { RepoReader } from "../repo/reader.js";
import { mapInOrder, READ_CONCURRENCY, yamlFilesUnder } from "../repo/scan.js";
import { parseUnlessTemplate } from "../repo/skipped-files.js";
import { loadManifests, type Manifest } from "./manifests.js";
import type { LocatedReference } from "./reference-rule.js";

/** The image references and objects of every YAML file under an environment's directory, in path order, then line order. */
export interface EnvironmentFiles {
  references: LocatedReference[];
  manifests: Manifest[];
}

/**
 * Reads and parses every `*.yaml`/`*.yml` under `dir` once, for both image
 * discovery (the same as the scan's) and the objects; the files of
 * `notObjects` (kustomize patches) give their image references only; Go
 * templates that do not parse as YAML (and Helm charts' templates/, which
 * are not listed) give nothing, nor do the files of `unreadable` (known
 * not to parse, reported by the caller). Throws InputError for the first
 * other file (in path order) that cannot be read or parsed.
 */
export async function readEnvironmentFiles(
  reader: RepoReader,
  dir: string,
  notObjects: ReadonlySet<string> = new Set(),
  unreadable: ReadonlySet<string> = new Set(),
): Promise<EnvironmentFiles> {
  const files = (await yamlFilesUnder(reader, dir)).filter((file) => !unreadable.has(file));
  const perFile = await mapInOrder(files, READ_CONCURRENCY, async (file) => {
    const source = parseUnlessTemplate(file, await reader.readFile(file));
    if (source === null) return { references: [], manifests: [] };
    const found = contentsOf(source);
    return notObjects.has(file) ? { ...found, manifests: [] } : found;
  });
  return { references: perFile.flatMap((f) => f.references), manifests: perFile.flatMap((f) => f.manifests) };
}

/** The image references and objects of one parsed file. */
export function contentsOf(source: YamlSource): EnvironmentFiles {
  const manifests = loadManifests(source);
  const references = discoverReferences(source).map(({ ref }) => ({ ref, object: objectAt(manifests, ref.line) }));
  return { references, manifests };
}

/** The label of the object of one file that holds `line`, or null when the line is outside every object. */
function objectAt(manifests: readonly Manifest[], line: number): string | null {
  return manifests.findLast((manifest) => manifest.line <= line && line <= manifest.endLine)?.label ?? null;
}
