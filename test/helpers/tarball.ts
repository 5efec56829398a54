/**
 * Repository archives as GitHub serves them, built in the test: a gzipped
 * tarball under one top directory, after the pax global header `git archive`
 * writes (its `comment` the commit's sha), answered through nock as GitHub
 * answers `GET /repos/{owner}/{repo}/tarball/{ref}` (a 302 to codeload.github.com).
 */
import { gzipSync } from "node:zlib";
import nock from "nock";
import { pack } from "tar-stream";
import type { RepoRef } from "../../src/github/github-client.js";
import { CODELOAD, GITHUB_API } from "./github-mock.js";

/** One archive entry: a file with its content, or a symlink to `target`. */
export type TarballEntry = { path: string; content: string | Uint8Array } | { path: string; symlink: string };

/** The top directory GitHub puts an archive under: `owner-repo-shortsha`. */
export function topDirectory(repo: RepoRef, sha: string): string {
  return `${repo.owner}-${repo.repo}-${sha.slice(0, 7)}`;
}

/** One pax record, `<length> <key>=<value>\n`, its length counting itself. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(rest) + 1;
  while (String(length).length + Buffer.byteLength(rest) !== length) length = String(length).length + Buffer.byteLength(rest);
  return `${length}${rest}`;
}

/** The pax global header `git archive` starts a tarball with: a header block typed `g`, then its records (`comment=<sha>`), padded to a block. */
function paxGlobalHeader(commit: string): Buffer {
  const records = Buffer.from(paxRecord("comment", commit));
  const header = Buffer.alloc(512);
  const field = (text: string, offset: number) => header.write(text, offset, "latin1");
  field("pax_global_header", 0);
  field("0000666\0", 100);
  field("0000000\0", 108);
  field("0000000\0", 116);
  field(`${records.length.toString(8).padStart(11, "0")}\0`, 124);
  field("00000000000\0", 136);
  field("        ", 148);
  field("g", 156);
  field("ustar\0", 257);
  field("00", 263);
  field("root", 265);
  field("root", 297);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  field(`${checksum.toString(8).padStart(6, "0")}\0 `, 148);
  const padded = Buffer.alloc(Math.ceil(records.length / 512) * 512);
  records.copy(padded);
  return Buffer.concat([header, padded]);
}

/**
 * A .tar.gz of `entries` under `top/`, with directory entries as `git archive`
 * writes them, after a pax global header whose `comment` is `commit` (as
 * `git archive` writes it) when one is given.
 */
export async function gzippedTarball(top: string, entries: readonly TarballEntry[], commit?: string): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on("data", (chunk) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    archive.on("end", resolve);
    archive.on("error", reject);
  });
  const directories = new Set([""]);
  for (const entry of entries) {
    const parts = entry.path.split("/");
    for (let i = 1; i < parts.length; i++) directories.add(parts.slice(0, i).join("/"));
  }
  for (const dir of [...directories].sort()) archive.entry({ name: `${top}/${dir === "" ? "" : `${dir}/`}`, type: "directory" });
  for (const entry of entries) {
    const name = `${top}/${entry.path}`;
    if ("symlink" in entry) archive.entry({ name, type: "symlink", linkname: entry.symlink });
    else archive.entry({ name }, typeof entry.content === "string" ? Buffer.from(entry.content) : entry.content);
  }
  archive.finalize();
  await ended;
  return gzipSync(Buffer.concat([...(commit === undefined ? [] : [paxGlobalHeader(commit)]), ...chunks]));
}

/** Where GitHub redirects a tarball download of `repo` at `ref`. */
export function codeloadPath(repo: RepoRef, ref: string): string {
  return `/${repo.owner}/${repo.repo}/legacy.tar.gz/${ref}`;
}

/**
 * Serves `tarball`, the archive of commit `sha`, once for `repo`, asked for
 * by any of `refs` (that sha, a branch's name): the API's 302 (to the
 * branch's `refs/heads/<name>` on codeload, as GitHub redirects a branch),
 * then codeload's .tar.gz (which may still be being packed).
 */
export function mockTarball(repo: RepoRef, sha: string, tarball: Buffer | Promise<Buffer>, refs: readonly string[] = [sha]): void {
  const apiPath = (ref: string) => `/repos/${repo.owner}/${repo.repo}/tarball/${encodeURIComponent(ref)}`;
  const redirectPath = (ref: string) => codeloadPath(repo, ref === sha ? sha : `refs/heads/${ref}`);
  nock(GITHUB_API)
    .get((path) => refs.some((ref) => path === apiPath(ref)))
    .reply((path) => {
      const ref = refs.find((candidate) => path === apiPath(candidate)) ?? sha;
      return [302, "", { location: `${CODELOAD}${redirectPath(ref)}` }];
    });
  const headers = { "content-type": "application/x-gzip", "content-disposition": `attachment; filename=${topDirectory(repo, sha)}.tar.gz` };
  nock(CODELOAD)
    .get((path) => refs.some((ref) => path === redirectPath(ref)))
    .reply(async () => [200, await tarball, headers]);
}
