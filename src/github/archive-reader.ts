/**
 * A RepoReader over one commit of a GitHub repository, from its tarball: one
 * API call (`GET /repos/{owner}/{repo}/tarball/{ref}`, which GitHub answers
 * with a redirect to codeload.github.com) brings every file, so reading costs
 * the same whatever the repository's size.
 *
 * The archive is what `git archive` makes of the commit: files marked
 * `export-ignore` in `.gitattributes` are missing from it, and Git LFS files
 * hold their pointers unless the repository includes LFS objects in archives.
 */
import { InputError } from "../engine/errors.js";
import type { RepoReader } from "../engine/repo/reader.js";
import { checkYamlSize, decodeYamlBytes } from "../engine/repo/yaml-files.js";
import { ArchiveTooLargeError, callGitHub, toGitHubError } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";
import { UnpackLimitError, unpackTarball, type ArchiveFile } from "./unpack-tarball.js";

const GET_TARBALL = "GET /repos/{owner}/{repo}/tarball/{ref}";

/** The most an archive may unpack to: 200 MiB. */
export const MAX_ARCHIVE_BYTES = 200 * 1024 * 1024;

/**
 * Reads the files of `repo` at commit `sha` from its tarball, downloaded
 * once, on first use (concurrent first calls share the download). Only
 * regular YAML files are kept and listed (the only files Promenade reads):
 * symlinks, submodules and every other file are not. An archive
 * that unpacks to more than `maxBytes` fails every call with an
 * ArchiveTooLargeError.
 */
export class ArchiveReader implements RepoReader {
  private files: Promise<Map<string, ArchiveFile>> | undefined;

  constructor(
    private readonly octokit: Octokit,
    private readonly repo: RepoRef,
    private readonly sha: string,
    private readonly maxBytes: number = MAX_ARCHIVE_BYTES,
  ) {}

  async listFiles(dir: string): Promise<string[]> {
    const files = await this.archive();
    const prefix = dir === "" || dir === "." ? "" : `${dir.replace(/\/+$/, "")}/`;
    return [...files.keys()].filter((path) => path.startsWith(prefix)).sort();
  }

  async readFile(path: string): Promise<string> {
    const file = (await this.archive()).get(path);
    if (!file) throw new InputError(path, `no such file at ${this.sha} (symlinks and submodules are not read)`);
    if (file.bytes === null) {
      checkYamlSize(path, file.size); // throws: only files over the limit are kept by size
      throw new InputError(path, "was not kept from the archive");
    }
    return decodeYamlBytes(path, file.bytes);
  }

  /** Every regular file of the commit, from the one download made on first use. */
  private archive(): Promise<Map<string, ArchiveFile>> {
    this.files ??= this.download();
    return this.files;
  }

  private async download(): Promise<Map<string, ArchiveFile>> {
    const operation = `download the files of ${repoName(this.repo)} at ${this.sha}`;
    const { data } = await callGitHub(operation, GET_TARBALL, () =>
      this.octokit.request(GET_TARBALL, { ...this.repo, ref: this.sha, request: { parseSuccessResponseBody: false } }),
    );
    try {
      if (!isAsyncIterable(data)) throw new Error("the archive response has no body");
      return await unpackTarball(data, this.maxBytes);
    } catch (error) {
      if (error instanceof UnpackLimitError) throw new ArchiveTooLargeError(repoName(this.repo), this.sha, this.maxBytes);
      throw toGitHubError(operation, GET_TARBALL, error);
    }
  }
}

/** The response body Octokit hands over unparsed: a web ReadableStream, which Node can iterate. */
function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}
