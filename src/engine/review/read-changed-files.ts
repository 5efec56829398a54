import { InputError } from "../errors.js";
import { isYamlPath } from "../repo/yaml-files.js";
import type { RepoReader } from "../repo/reader.js";
import type { ChangedFile } from "./review.js";

/**
 * The texts of `paths` (files of the directory `dir`) before (`base`) and
 * after (`head`): null on a side where the file does not exist, is not a
 * YAML file (only YAML is read) or cannot be read as text (too large,
 * binary). Sorted by path.
 */
export async function readChangedFiles(base: RepoReader, head: RepoReader, dir: string, paths: readonly string[]): Promise<ChangedFile[]> {
  const [beforeFiles, afterFiles] = await Promise.all([listed(base, dir), listed(head, dir)]);
  const sorted = [...new Set(paths)].sort();
  return Promise.all(
    sorted.map(async (path) => ({
      path,
      before: isYamlPath(path) && beforeFiles.has(path) ? await readText(base, path) : null,
      after: isYamlPath(path) && afterFiles.has(path) ? await readText(head, path) : null,
    })),
  );
}

async function listed(reader: RepoReader, dir: string): Promise<Set<string>> {
  return new Set(await reader.listFiles(dir));
}

async function readText(reader: RepoReader, path: string): Promise<string | null> {
  try {
    return await reader.readFile(path);
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}
