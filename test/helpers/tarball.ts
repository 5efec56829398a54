/**
 * Repository archives as GitHub serves them, built in the test: a gzipped
 * tarball under one top directory, answered through nock as GitHub answers
 * `GET /repos/{owner}/{repo}/tarball/{ref}` (a 302 to codeload.github.com).
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

/** A .tar.gz of `entries` under `top/`, with directory entries as `git archive` writes them. */
export async function gzippedTarball(top: string, entries: readonly TarballEntry[]): Promise<Buffer> {
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
  return gzipSync(Buffer.concat(chunks));
}

/** Where GitHub redirects a tarball download of `repo` at `ref`. */
export function codeloadPath(repo: RepoRef, ref: string): string {
  return `/${repo.owner}/${repo.repo}/legacy.tar.gz/${ref}`;
}

/** Serves `tarball` once for `repo` at `ref`: the API's 302, then codeload's .tar.gz (which may still be being packed). */
export function mockTarball(repo: RepoRef, ref: string, tarball: Buffer | Promise<Buffer>): void {
  nock(GITHUB_API)
    .get(`/repos/${repo.owner}/${repo.repo}/tarball/${ref}`)
    .reply(302, "", { location: `${CODELOAD}${codeloadPath(repo, ref)}` });
  const headers = { "content-type": "application/x-gzip", "content-disposition": `attachment; filename=${topDirectory(repo, ref)}.tar.gz` };
  nock(CODELOAD)
    .get(codeloadPath(repo, ref))
    .reply(async () => [200, await tarball, headers]);
}
