/**
 * A RepoReader over one commit of a GitHub repository, from its tarball: one
 * API call (`GET /repos/{owner}/{repo}/tarball/{ref}`, which GitHub answers
 * with a redirect to codeload.github.com) brings every file, so reading costs
 * the same whatever the repository's size. The tarball of a branch can be
 * downloaded before its head is known (archiveOf), and is read only as the
 * commit it says it is of.
 *
 * The archive is what `git archive` makes of the commit: files marked
 * `export-ignore` in `.gitattributes` are missing from it, and Git LFS files
 * hold their pointers unless the repository includes LFS objects in archives.
 */
import { InputError } from "../engine/errors.js";
import type { RepoReader } from "../engine/repo/reader.js";
import { checkYamlSize, decodeYamlBytes } from "../engine/repo/yaml-files.js";
import { ArchiveTooLargeError, callGitHub, toGitHubError } from "./errors.js";
import type { BranchArchive, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";
import { UnpackLimitError, unpackTarball, type ArchiveFile, type UnpackedArchive } from "./unpack-tarball.js";

const GET_TARBALL = "GET /repos/{owner}/{repo}/tarball/{ref}";

/** The most an archive may unpack to: 200 MiB. */
export const MAX_ARCHIVE_BYTES = 200 * 1024 * 1024;

/**
 * Reads the files of `repo` at commit `sha` from its tarball, downloaded
 * once, on first use (concurrent first calls share the download). Only
 * regular YAML files are kept and listed (the only files Promenade reads):
 * symlinks, submodules and every other file are not. An archive
 * that unpacks to more than `maxBytes` fails every call with an
 * ArchiveTooLargeError. `downloaded`: the files of that commit's archive,
 * when it was already downloaded (archiveOf); nothing is downloaded then.
 */
export class ArchiveReader implements RepoReader {
  private files: Promise<Map<string, ArchiveFile>> | undefined;

  constructor(
    private readonly octokit: Octokit,
    private readonly repo: RepoRef,
    private readonly sha: string,
    private readonly maxBytes: number = MAX_ARCHIVE_BYTES,
    downloaded?: Map<string, ArchiveFile>,
  ) {
    if (downloaded !== undefined) this.files = Promise.resolve(downloaded);
  }

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
    return (await downloadArchive(this.octokit, this.repo, this.sha, this.maxBytes)).files;
  }
}

/**
 * The archive of `repo` at `ref` (the default branch's name, asked for
 * before the branch's head is known), downloaded now, whole (at most
 * MAX_ARCHIVE_BYTES unpacked), whichever commit the branch points at when
 * GitHub packs it. Its files are read only as the commit it says it is of
 * (archiveIsOf): a push may have moved the branch since its head was read.
 */
export async function archiveOf(octokit: Octokit, repo: RepoRef, ref: string): Promise<BranchArchive> {
  const archive = await downloadArchive(octokit, repo, ref, MAX_ARCHIVE_BYTES);
  return { readerOf: (sha) => (archiveIsOf(archive, sha) ? new ArchiveReader(octokit, repo, sha, MAX_ARCHIVE_BYTES, archive.files) : null) };
}

/** A full commit sha: SHA-1, or SHA-256 in a repository that uses it. */
const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** The abbreviated sha that ends the name of GitHub's top directory: `owner-repo-<sha>`. */
const DIRECTORY_SHA = /-([0-9a-f]{7,64})$/;

/**
 * Whether `archive` is of commit `sha`, by what it says: the full sha in the
 * `comment` of its pax global header (`git archive` writes it) when it has
 * one, else the abbreviated sha its top directory is named after
 * (`owner-repo-<sha>`). An archive that says neither is of no commit.
 */
export function archiveIsOf(archive: Pick<UnpackedArchive, "comment" | "topDirectory">, sha: string): boolean {
  const wanted = sha.toLowerCase();
  const comment = archive.comment?.trim().toLowerCase();
  if (comment !== undefined && FULL_SHA.test(comment)) return comment === wanted;
  const abbreviated = DIRECTORY_SHA.exec(archive.topDirectory?.toLowerCase() ?? "")?.[1];
  return abbreviated !== undefined && wanted.startsWith(abbreviated);
}

/** Downloads and unpacks the tarball of `repo` at `ref` (a commit's sha or a branch's name). */
async function downloadArchive(octokit: Octokit, repo: RepoRef, ref: string, maxBytes: number): Promise<UnpackedArchive> {
  const operation = `download the files of ${repoName(repo)} at ${ref}`;
  const { data } = await callGitHub(operation, GET_TARBALL, () => octokit.request(GET_TARBALL, { ...repo, ref, request: { parseSuccessResponseBody: false } }));
  try {
    if (!isAsyncIterable(data)) throw new Error("the archive response has no body");
    return await unpackTarball(data, maxBytes);
  } catch (error) {
    if (error instanceof UnpackLimitError) throw new ArchiveTooLargeError(repoName(repo), ref, maxBytes);
    throw toGitHubError(operation, GET_TARBALL, error);
  }
}

/** The response body Octokit hands over unparsed: a web ReadableStream, which Node can iterate. */
function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}
