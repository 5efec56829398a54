import { InputError } from "../errors.js";
import type { RepoReader } from "./reader.js";

/**
 * `reader` as it would read with `changes` applied (path → new text, null =
 * deleted): what a branch or a working tree looks like once a commit lands,
 * without writing anything. Added files show in listings of their directory.
 */
export function overlayReader(reader: RepoReader, changes: ReadonlyMap<string, string | null>): RepoReader {
  return {
    async listFiles(dir) {
      const files = new Set(await reader.listFiles(dir));
      const prefix = dir === "" || dir === "." ? "" : `${dir.replace(/\/+$/, "")}/`;
      for (const [path, text] of changes) {
        if (text === null) files.delete(path);
        else if (path.startsWith(prefix)) files.add(path);
      }
      return [...files].sort();
    },
    async readFile(path) {
      const text = changes.get(path);
      if (text === null) throw new InputError(path, "not found (deleted)");
      return text ?? reader.readFile(path);
    },
  };
}
