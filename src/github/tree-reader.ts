/**
 * A RepoReader over one commit of a GitHub repository: the file list comes
 * from one recursive git trees call, and each file from its blob.
 */
import { InputError } from "../engine/errors.js";
import type { RepoReader } from "../engine/repo/reader.js";
import { checkYamlSize, decodeYamlBytes } from "../engine/repo/yaml-files.js";
import { callGitHub, TruncatedTreeError } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

const GET_TREE = "GET /repos/{owner}/{repo}/git/trees/{tree_sha}";
const GET_BLOB = "GET /repos/{owner}/{repo}/git/blobs/{file_sha}";
const SYMLINK_MODE = "120000";

interface TreeFile {
  sha: string;
  size: number | undefined;
}

/** Left out of listings, as a local checkout's reader leaves them out. */
function isIgnored(path: string): boolean {
  return path.split("/").some((segment) => segment === ".git" || segment === "node_modules");
}

/** Reads the files of `repo` at commit `sha`. Symlinks and submodules are not files here. */
export class TreeReader implements RepoReader {
  private files: Promise<Map<string, TreeFile>> | undefined;

  constructor(
    private readonly octokit: Octokit,
    private readonly repo: RepoRef,
    private readonly sha: string,
  ) {}

  async listFiles(dir: string): Promise<string[]> {
    const files = await this.tree();
    const prefix = dir === "" || dir === "." ? "" : `${dir.replace(/\/+$/, "")}/`;
    return [...files.keys()].filter((path) => path.startsWith(prefix)).sort();
  }

  async readFile(path: string): Promise<string> {
    const file = (await this.tree()).get(path);
    if (!file) throw new InputError(path, `no such file at ${this.sha} (symlinks and submodules are not read)`);
    if (file.size !== undefined) checkYamlSize(path, file.size);
    const { data } = await callGitHub(`read ${path} at ${this.sha} in ${repoName(this.repo)}`, GET_BLOB, () =>
      this.octokit.request(GET_BLOB, { ...this.repo, file_sha: file.sha }),
    );
    return decodeYamlBytes(path, Buffer.from(data.content, "base64"));
  }

  /** Every regular file of the commit, from one recursive tree call made on first use. */
  private tree(): Promise<Map<string, TreeFile>> {
    this.files ??= this.fetchTree();
    return this.files;
  }

  private async fetchTree(): Promise<Map<string, TreeFile>> {
    const { data } = await callGitHub(`list the files of ${repoName(this.repo)} at ${this.sha}`, GET_TREE, () =>
      this.octokit.request(GET_TREE, { ...this.repo, tree_sha: this.sha, recursive: "1" }),
    );
    if (data.truncated) throw new TruncatedTreeError(repoName(this.repo), this.sha);
    const files = new Map<string, TreeFile>();
    for (const entry of data.tree) {
      if (entry.type !== "blob" || entry.mode === SYMLINK_MODE || !entry.path || !entry.sha) continue;
      if (!isIgnored(entry.path)) files.set(entry.path, { sha: entry.sha, size: entry.size });
    }
    return files;
  }
}
