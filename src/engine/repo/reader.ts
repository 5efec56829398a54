/**
 * Read access to the files of a GitOps repository, whatever holds them: a
 * local checkout (the CLI) or the GitHub API (the app). The engine scans and
 * edits through this interface only.
 */
export interface RepoReader {
  /**
   * Every file under `dir`, recursively, as repository-relative POSIX paths
   * (`deploy/dev/values.yaml`), dot-files included, `.git/` and
   * `node_modules/` left out. `""` or `"."` lists the whole repository.
   */
  listFiles(dir: string): Promise<string[]>;
  /**
   * The text of the file at the repository-relative POSIX `path`. Throws
   * InputError when the file cannot be read safely as YAML text (too large,
   * binary, not UTF-8, outside the repository).
   */
  readFile(path: string): Promise<string>;
}
