/** What the policies of an environment look at: its image references and Kubernetes objects, read once per file. */
import { discoverReferences } from "../images/discover-references.js";
import { parseYamlSource } from "../images/yaml-source.js";
import type { RepoReader } from "../repo/reader.js";
import { mapInOrder, READ_CONCURRENCY, yamlFilesUnder } from "../repo/scan.js";
import { loadManifests, type Manifest } from "./manifests.js";
import type { LocatedReference } from "./reference-rule.js";

/** The image references and objects of every YAML file under an environment's directory, in path order, then line order. */
export interface EnvironmentFiles {
  references: LocatedReference[];
  manifests: Manifest[];
}

/**
 * Reads and parses every `*.yaml`/`*.yml` under `dir` once, for both image
 * discovery (the same as the scan's) and the objects. Throws
 * InputError for the first file (in path order) that cannot be read or
 * parsed, as the scan does.
 */
export async function readEnvironmentFiles(reader: RepoReader, dir: string): Promise<EnvironmentFiles> {
  const files = await yamlFilesUnder(reader, dir);
  const perFile = await mapInOrder(files, READ_CONCURRENCY, async (file) => {
    const source = parseYamlSource(file, await reader.readFile(file));
    const manifests = loadManifests(source);
    const references = discoverReferences(source).map(({ ref }) => ({ ref, object: objectAt(manifests, ref.line) }));
    return { references, manifests };
  });
  return { references: perFile.flatMap((f) => f.references), manifests: perFile.flatMap((f) => f.manifests) };
}

/** The label of the object of one file that holds `line`, or null when the line is outside every object. */
function objectAt(manifests: readonly Manifest[], line: number): string | null {
  return manifests.findLast((manifest) => manifest.line <= line && line <= manifest.endLine)?.label ?? null;
}
