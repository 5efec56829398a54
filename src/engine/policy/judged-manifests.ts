/**
 * What the policies of an environment judge: the environment as it will
 * run. Rendered by kustomize when a renderer rendered it, findings then moved
 * to the source files a person edits; otherwise the environment's files,
 * kustomize patches left out as objects (a patch holding only `replicas` is
 * not a whole Deployment).
 */
import { parseYamlSource } from "../images/yaml-source.js";
import { InputError } from "../errors.js";
import type { RepoReader } from "../repo/reader.js";
import { yamlFilesUnder } from "../repo/scan.js";
import { contentsOf, type EnvironmentFiles, readEnvironmentFiles } from "./environment-files.js";
import type { KustomizeSources } from "./kustomize-sources.js";
import type { NotJudged, PolicyReport, RuleOutcome } from "./policy-report.js";
import { locate, readSourceIndex } from "./source-location.js";

/** The environment's manifests as a renderer printed them (the head side of a pull request). */
export interface RenderedManifests {
  /** The program that rendered them, e.g. `kubectl kustomize (Kustomize v5.5.0)`. */
  tool: string;
  output: string;
}

/** What the rules run on, how their findings are placed, and what the report says about it. */
export interface Judged {
  files: EnvironmentFiles;
  place(outcome: RuleOutcome): RuleOutcome;
  about: Pick<PolicyReport, "renderedBy" | "notJudged">;
}

/**
 * The rendered manifests when `rendered` is given and they parse (else the
 * files, as without a renderer); each finding at the source file and line
 * that defines what it points at (locate).
 */
export async function judgedManifests(
  reader: RepoReader,
  dir: string,
  sources: KustomizeSources,
  rendered: RenderedManifests | undefined,
  unreadable: ReadonlySet<string> = new Set(),
): Promise<Judged> {
  if (rendered === undefined) return judgedFiles(reader, dir, sources, unreadable);
  let files: EnvironmentFiles;
  try {
    files = contentsOf(parseYamlSource(`${dir} (rendered)`, rendered.output));
  } catch (error) {
    if (error instanceof InputError) return judgedFiles(reader, dir, sources, unreadable);
    throw error;
  }
  const index = await readSourceIndex(reader, sources, dir);
  const references = files.references.map(({ ref }) => ref);
  return {
    files,
    // Only the image rules report at a reference: a container's entry can share the line of its image.
    place: (outcome) => {
      const at = outcome.checkedUnit === "reference" ? references : [];
      return { ...outcome, violations: outcome.violations.map((violation) => locate(violation, files.manifests, at, index)) };
    },
    about: { renderedBy: rendered.tool },
  };
}

/**
 * The environment's files, its kustomize patch files judged for their image
 * references only, and a note naming each of them (with the first
 * kustomization that names it); the files of `unreadable` left out.
 */
async function judgedFiles(reader: RepoReader, dir: string, sources: KustomizeSources, unreadable: ReadonlySet<string>): Promise<Judged> {
  const patches = new Map(sources.patches.toReversed().map((patch) => [patch.file, patch]));
  const files = await readEnvironmentFiles(reader, dir, new Set(patches.keys()), unreadable);
  const read = new Set(await yamlFilesUnder(reader, dir));
  const notJudged: NotJudged[] = [...patches.values()]
    .filter((patch) => read.has(patch.file))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map(({ file, field, kustomization }) => ({
      file,
      reason: `kustomize patch named in ${field} of ${kustomization}: not a whole object, so its objects are judged only on the rendered manifests (its image references are judged)`,
    }));
  return { files, place: (outcome) => outcome, about: notJudged.length === 0 ? {} : { notJudged } };
}
