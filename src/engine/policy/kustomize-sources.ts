/**
 * The files kustomize builds an environment from, read from its
 * kustomizations without running anything: the environment's kustomizations
 * and, in turn, those of the local directories they name in `resources`,
 * `bases` and `components`. Tells the policies which files are patches (not
 * whole objects) and, for findings on rendered manifests, where each object
 * comes from.
 */
import path from "node:path";
import { isMap, isScalar, isSeq, parseAllDocuments, type YAMLMap } from "yaml";
import { InputError } from "../errors.js";
import type { RepoReader } from "../repo/reader.js";
import { isYamlPath } from "../repo/yaml-files.js";

/** A kustomize patch file, and the kustomization field that names it. */
export interface PatchFile {
  file: string;
  /** The kustomization naming it. */
  kustomization: string;
  /** `patches`, `patchesStrategicMerge` or `patchesJson6902`. */
  field: string;
}

/** One file kustomize reads objects from, and whether it is a patch. */
export interface SourceFile {
  file: string;
  patch: boolean;
}

/** What kustomize builds an environment from; plain data, which a structured clone carries. */
export interface KustomizeSources {
  /** The kustomization file of the environment's directory (what rendering builds), or null when it has none. */
  kustomization: string | null;
  /** Every kustomization file read, the environment's own first, then those they name, breadth first. */
  kustomizations: string[];
  /**
   * The files objects come from, each once, later ones overridden by earlier
   * ones: per kustomization (the environment's own first, then those they
   * name, breadth first), its patch files, then its resource files.
   */
  files: SourceFile[];
  /** Every patch file a kustomization names, in the order of `files`. */
  patches: PatchFile[];
  /** The directories holding the kustomizations and their files, to read them ahead. */
  directories: string[];
}

const KUSTOMIZATION_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
/** Fields naming resources: files, or directories holding a kustomization. */
const RESOURCE_FIELDS = ["resources", "bases", "components"];
/** What kustomize fetches rather than reads from the repository: a scheme, a user before a host, GitHub's host, a query. */
const REMOTE = [/^[a-z][a-z0-9+.-]*:/i, /^[^/]*@/, /^github\.com(\/|$)/i, /\?/];

/**
 * Reads the kustomizations under `dir` (the one at `dir` first, then the
 * others in path order) and those of the local directories they name.
 * Remote entries, paths out of the repository and files that cannot be read
 * or parsed are passed over: rendering refuses or fails on them, and the
 * policies read the environment's files themselves.
 */
export async function kustomizeSources(reader: RepoReader, dir: string): Promise<KustomizeSources> {
  const own = (await listed(reader, dir)).filter((file) => KUSTOMIZATION_NAMES.includes(path.posix.basename(file)));
  const kustomization = kustomizationIn(dir, own);
  const pending = [...new Set([...(kustomization === null ? [] : [kustomization]), ...own.sort()].map(directoryOf))];
  const seen = new Set(pending);
  const sources: KustomizeSources = { kustomization, kustomizations: [], files: [], patches: [], directories: [] };
  const added = new Set<string>();
  const holding = (file: string) => {
    const parent = directoryOf(file);
    if (!sources.directories.includes(parent)) sources.directories.push(parent);
  };
  const add = (file: string, patch: boolean) => {
    if (added.has(file)) return;
    added.add(file);
    sources.files.push({ file, patch });
    holding(file);
  };
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const file = kustomizationIn(next, await listed(reader, next));
    const named = file === null ? null : await readKustomization(reader, file);
    if (file === null || named === null) continue;
    sources.kustomizations.push(file);
    holding(file);
    for (const patch of named.patches) {
      sources.patches.push({ ...patch, kustomization: file });
      add(patch.file, true);
    }
    for (const resource of named.resources) {
      if (isYamlPath(resource)) add(resource, false);
      else if (!seen.has(resource)) {
        seen.add(resource);
        pending.push(resource);
      }
    }
  }
  return sources;
}

/** The files under `dir`; none when it cannot be listed (it does not exist). */
async function listed(reader: RepoReader, dir: string): Promise<string[]> {
  try {
    return await reader.listFiles(dir);
  } catch (error) {
    if (error instanceof InputError) return [];
    throw error;
  }
}

/** The directory of a repository path, "" for the root. */
function directoryOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === "." ? "" : dir;
}

/** The kustomization file directly in `dir`, among `files`. */
function kustomizationIn(dir: string, files: readonly string[]): string | null {
  return KUSTOMIZATION_NAMES.map((name) => (dir === "" ? name : `${dir}/${name}`)).find((file) => files.includes(file)) ?? null;
}

/** The local resources (files and directories) and patch files a kustomization names, as repository paths; null when it cannot be read. */
async function readKustomization(reader: RepoReader, file: string): Promise<{ resources: string[]; patches: Omit<PatchFile, "kustomization">[] } | null> {
  let text: string;
  try {
    text = await reader.readFile(file);
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
  const dir = directoryOf(file);
  const resources: string[] = [];
  const patches: Omit<PatchFile, "kustomization">[] = [];
  for (const document of parseAllDocuments(text)) {
    const map = document.contents;
    if (document.errors.length > 0 || !isMap(map)) continue;
    for (const field of RESOURCE_FIELDS) resources.push(...local(dir, strings(map.get(field, true))));
    for (const field of ["patches", "patchesJson6902"]) {
      for (const entry of local(dir, itemPaths(map.get(field, true)))) patches.push({ file: entry, field });
    }
    const strategic = strings(map.get("patchesStrategicMerge", true)).filter((entry) => !entry.includes("\n") && isYamlPath(entry.trim()));
    for (const entry of local(dir, strategic)) patches.push({ file: entry, field: "patchesStrategicMerge" });
  }
  return { resources, patches };
}

/** The string items of a sequence. */
function strings(node: unknown): string[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((item) => (isScalar(item) && typeof item.value === "string" ? [item.value] : []));
}

/** The `path` of each mapping of a sequence (`patches`, `patchesJson6902`). */
function itemPaths(node: unknown): string[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((item) => {
    const value = isMap(item) ? (item as YAMLMap).get("path") : undefined;
    return typeof value === "string" ? [value] : [];
  });
}

/** The repository paths of `entries` (relative to `dir`) that name something in the repository. */
function local(dir: string, entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const trimmed = entry.trim();
    if (trimmed === "" || trimmed.startsWith("/") || REMOTE.some((form) => form.test(trimmed))) return [];
    const joined = path.posix.join(dir, trimmed).replace(/\/$/, "");
    if (joined === ".." || joined.startsWith("../")) return [];
    return [joined === "." ? "" : joined];
  });
}
