/**
 * Checking, before rendering, every kustomization that rendering a directory
 * would read: the directory's own and, in turn, those of the local
 * directories it names as resources, bases and components. Rendering is
 * refused when one of them names a remote location (a URL, a git
 * repository), an absolute path or a path out of the repository in a field
 * kustomize reads from, or inflates a Helm chart: kustomize would fetch it
 * from the app's host, and what it fetched would land in the pull request's
 * comment.
 */
import type { RenderRefusal } from "../engine/review/review.js";
import { checkedEntry, type Place, refusalAt } from "./kustomization-entry.js";
import { type Entry, entriesIn, fieldValues, inlineMappings, isPresent, type Mapping, mappingsIn, readMappings } from "./kustomization-yaml.js";
import { pluginConfigRefusal } from "./plugin-config.js";

/** The file names that make a directory a Kustomize directory. */
export const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/** The repository's files as the tool will see them, by repository-relative path. */
export interface CheckedFiles {
  isFile(file: string): boolean;
  /** Whether any file is under `dir` ("" is the repository root). */
  isDirectory(dir: string): boolean;
  /** The text of `file`; null when it cannot be read as text (it is then not given to the tool either). */
  read(file: string): Promise<string | null>;
}

/** Fields whose entries are directories (kustomizations, checked in turn) or resource files: both must be in the repository. */
const RESOURCE_FIELDS = ["resources", "bases", "components"];
/** Fields whose entries are files that kustomize loads (fetching `http(s)://` ones). */
const FILE_FIELDS = ["crds", "configurations"];
/** Fields whose items name a file in `path`. */
const ITEM_PATH_FIELDS = ["patches", "patchesJson6902", "replacements"];
/** Generators whose items name files in `files` (`path` or `key=path`), `envs` and `env`. */
const GENERATOR_FIELDS = ["configMapGenerator", "secretGenerator"];
/** Fields whose entries are generator, transformer or validator configs, inline or in a file. */
const PLUGIN_FIELDS = ["generators", "transformers", "validators"];
/** Fields that inflate Helm charts (with `helm`, from a chart repository). */
const HELM_FIELDS = ["helmCharts", "helmChartInflationGenerator"];

/** A `patchesStrategicMerge` entry that kustomize fetches (an http(s) URL) before it could take it for an inline patch. */
const HTTP_URL = /^\s*https?:/i;

/** The refusal of the first problem in the kustomizations that rendering directory `root` reads; null when there is none. */
export async function kustomizationRefusal(root: string, files: CheckedFiles): Promise<RenderRefusal | null> {
  const pending = [root];
  const seen = new Set(pending);
  for (let dir = pending.shift(); dir !== undefined; dir = pending.shift()) {
    for (const name of KUSTOMIZATION_FILES) {
      const file = dir === "" ? name : `${dir}/${name}`;
      const text = files.isFile(file) ? await files.read(file) : null;
      if (text === null) continue;
      const directories: string[] = [];
      const refusal = await kustomizationProblem({ file, dir }, text, files, directories);
      if (refusal !== null) return refusal;
      for (const next of directories.filter((d) => !seen.has(d))) {
        seen.add(next);
        pending.push(next);
      }
    }
  }
  return null;
}

/** The first problem of the kustomization `text` at `at`; the local directories it names are added to `directories`. */
async function kustomizationProblem(at: Place, text: string, files: CheckedFiles, directories: string[]): Promise<RenderRefusal | null> {
  const read = readMappings(text);
  if ("errorLine" in read) return unreadable(at, read.errorLine);
  for (const mapping of read.mappings) {
    const refusal =
      helmProblem(at, mapping) ?? resourceProblem(at, mapping, files, directories) ?? fileProblem(at, mapping) ?? (await pluginProblem(at, mapping, files));
    if (refusal !== null) return refusal;
  }
  return null;
}

function helmProblem(at: Place, mapping: Mapping): RenderRefusal | null {
  const field = HELM_FIELDS.find((name) => fieldValues(mapping, name).some(isPresent));
  return field === undefined ? null : refusalAt(at, `\`${field}\` inflates a Helm chart`);
}

function resourceProblem(at: Place, mapping: Mapping, files: CheckedFiles, directories: string[]): RenderRefusal | null {
  for (const field of RESOURCE_FIELDS) {
    for (const entry of entries(mapping, field)) {
      const checked = checkedEntry(at, field, entry);
      if ("refusal" in checked) return checked.refusal;
      if (files.isFile(checked.path)) continue;
      // What is neither a file nor a directory here, kustomize looks for elsewhere (as a git repository).
      if (!files.isDirectory(checked.path)) return refusalAt(at, `\`${field}\` entry is not a file or directory of the repository`, entry.value);
      directories.push(checked.path);
    }
  }
  return null;
}

function fileProblem(at: Place, mapping: Mapping): RenderRefusal | null {
  for (const [field, entry] of fileEntries(mapping)) {
    const checked = checkedEntry(at, field, entry);
    if ("refusal" in checked) return checked.refusal;
  }
  return null;
}

/** Every entry of `mapping` that kustomize loads as a file, with the field naming it. */
function* fileEntries(mapping: Mapping): Generator<[string, Entry]> {
  for (const field of FILE_FIELDS) for (const entry of entries(mapping, field)) yield [field, entry];
  for (const entry of entries(mapping, "patchesStrategicMerge")) {
    const inline = entry.plain && !HTTP_URL.test(entry.value) && (entry.value.includes("\n") || inlineMappings(entry.value) !== null);
    if (!inline) yield ["patchesStrategicMerge", entry];
  }
  for (const field of ITEM_PATH_FIELDS) for (const item of items(mapping, field)) for (const entry of entries(item, "path")) yield [`${field}[].path`, entry];
  for (const item of items(mapping, "openapi")) for (const entry of entries(item, "path")) yield ["openapi.path", entry];
  for (const field of GENERATOR_FIELDS) {
    for (const item of items(mapping, field)) {
      for (const entry of entries(item, "files")) yield [`${field}[].files`, { ...entry, value: entry.value.slice(entry.value.indexOf("=") + 1) }];
      for (const key of ["envs", "env"]) for (const entry of entries(item, key)) yield [`${field}[].${key}`, entry];
    }
  }
}

/** The generator, transformer and validator configs: inline ones and files are checked (pluginConfigRefusal); a directory is refused, as the configs it would build cannot be known before rendering. */
async function pluginProblem(at: Place, mapping: Mapping, files: CheckedFiles): Promise<RenderRefusal | null> {
  for (const field of PLUGIN_FIELDS) {
    for (const entry of entries(mapping, field)) {
      const inline = entry.plain ? inlineMappings(entry.value) : null;
      const refusal = inline === null ? await pluginFileProblem(at, field, entry, files) : pluginConfigRefusal(at, inline);
      if (refusal !== null) return refusal;
    }
  }
  return null;
}

async function pluginFileProblem(at: Place, field: string, entry: Entry, files: CheckedFiles): Promise<RenderRefusal | null> {
  const checked = checkedEntry(at, field, entry);
  if ("refusal" in checked) return checked.refusal;
  if (files.isDirectory(checked.path))
    return refusalAt(at, `\`${field}\` entry is a directory, whose generated configs cannot be checked before rendering`, entry.value);
  if (!files.isFile(checked.path)) return refusalAt(at, `\`${field}\` entry is not a file of the repository`, entry.value);
  const text = await files.read(checked.path);
  if (text === null) return null;
  const config = { file: checked.path, dir: at.dir };
  const read = readMappings(text);
  return "errorLine" in read ? unreadable(config, read.errorLine) : pluginConfigRefusal(config, read.mappings);
}

/** The refusal of a file that is not YAML: what it names cannot be checked. */
function unreadable(at: Place, line: number): RenderRefusal {
  return refusalAt(at, `cannot be read as YAML (line ${line}), so what it names cannot be checked`);
}

/** Every entry of `field` in `mapping`. */
function entries(mapping: Mapping, field: string): Entry[] {
  return fieldValues(mapping, field).flatMap((value) => entriesIn(mapping, value));
}

/** The mappings of `field` in `mapping`: its value, or the items of its list. */
function items(mapping: Mapping, field: string): Mapping[] {
  return fieldValues(mapping, field).flatMap((value) => mappingsIn(mapping, value));
}
