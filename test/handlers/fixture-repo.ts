/**
 * A GitOps repository from `test/fixtures/repos/<name>/`, served through
 * nock as GitHub would serve its default branch's head: the GraphQL query of
 * the head and the config's text there, the listing of Promenade's issues
 * (the config issue and the holds: none), and the repository's tarball.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { CONFIG_PATH } from "../../src/engine/config/parse-config.js";
import { MAX_YAML_BYTES } from "../../src/engine/repo/yaml-files.js";
import type { RepoRef } from "../../src/github/github-client.js";
import { GITHUB_API } from "../helpers/github-mock.js";
import { mockHoldsIssues } from "../helpers/holds-issue.js";
import { gzippedTarball, mockTarball, topDirectory } from "../helpers/tarball.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/repos/", import.meta.url));

/** The repository the app tests promote in. */
export const REPO: RepoRef = { owner: "acme", repo: "gitops" };

/** The GraphQL node id GitHub gives `repo` in the tests (the head's query answers it; a new branch is created in it). */
export function repositoryNodeId(repo: RepoRef): string {
  return `R_${repo.owner}_${repo.repo}`;
}

/** The head commit of `main` the tests start from. */
export const HEAD_SHA = "c0ffee".padEnd(40, "0");

/** Every file under `dir`, by repository-relative POSIX path. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full).split(sep).join("/"), readFileSync(full, "utf8"));
  }
  return files;
}

/** Git's blob id of `text`. */
function blobSha(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** `.github/promenade.yml` holding `text`, as the contents API answers it. */
export function configContents(text: string) {
  const bytes = Buffer.from(text);
  return {
    type: "file",
    encoding: "base64",
    size: bytes.length,
    name: "promenade.yml",
    path: CONFIG_PATH,
    sha: blobSha(text),
    content: bytes.toString("base64"),
  };
}

/** A fixture repository at one head commit; `changes` replace files (null removes one). */
export class FixtureRepo {
  readonly files: Map<string, string>;
  readonly branch = "main";

  constructor(
    name: string,
    readonly sha: string = HEAD_SHA,
    changes: Record<string, string | null> = {},
    readonly repo: RepoRef = REPO,
  ) {
    this.files = readTree(join(FIXTURES, name));
    for (const [path, text] of Object.entries(changes)) {
      if (text === null) this.files.delete(path);
      else this.files.set(path, text);
    }
  }

  /**
   * What readRepoAtHead reads: the head with the config and, when the config
   * exists, Promenade's issues (the config issue and the holds: none) and the
   * archive (asked for by its sha, or by the branch's name when a pushed
   * image's repository is read: promotePushedImage).
   */
  serve(): void {
    this.serveHeadAndConfig();
    if (!this.files.has(CONFIG_PATH)) return;
    mockHoldsIssues([]);
    this.serveArchive("sha or branch");
  }

  /** The GraphQL query for the default branch's head. */
  serveHead(): void {
    nock(GITHUB_API)
      .post("/graphql", (body: { query?: string; variables?: { owner?: string; name?: string } }) => {
        const { owner, name } = body.variables ?? {};
        return body.query?.includes("promenadeDefaultBranch") === true && owner === this.repo.owner && name === this.repo.repo;
      })
      .reply(200, { data: { repository: { id: repositoryNodeId(this.repo), defaultBranchRef: { name: this.branch, target: { oid: this.sha } } } } });
  }

  /**
   * The GraphQL query of the default branch's head and the text of
   * `.github/promenade.yml` there (null when absent), as GitHub answers it; a
   * config larger than a config may be is then read through the contents API,
   * which is served too.
   */
  serveHeadAndConfig(): void {
    const text = this.files.get(CONFIG_PATH);
    const bytes = text === undefined ? 0 : Buffer.byteLength(text);
    const file = text === undefined ? null : { mode: 0o100644, object: { text, byteSize: bytes, isBinary: false, isTruncated: false } };
    nock(GITHUB_API)
      .post("/graphql", (body: { query?: string; variables?: { owner?: string; name?: string; path?: string } }) => {
        const { owner, name, path } = body.variables ?? {};
        return body.query?.includes("promenadeDefaultBranchFile") === true && owner === this.repo.owner && name === this.repo.repo && path === CONFIG_PATH;
      })
      .reply(200, { data: { repository: { id: repositoryNodeId(this.repo), defaultBranchRef: { name: this.branch, target: { oid: this.sha, file } } } } });
    if (bytes > MAX_YAML_BYTES) this.serveConfigFile();
  }

  /** `.github/promenade.yml` at this commit through the contents API (404 when absent); answers whether it exists. */
  serveConfigFile(): boolean {
    const text = this.files.get(CONFIG_PATH);
    const scope = nock(GITHUB_API)
      .get(`${this.path("contents")}/${encodeURIComponent(CONFIG_PATH)}`)
      .query({ ref: this.sha });
    if (text === undefined) {
      scope.reply(404, { message: "Not Found" });
      return false;
    }
    scope.reply(200, configContents(text));
    return true;
  }

  /**
   * The tarball of this commit, downloaded once (each run reads through its
   * own reader), asked for by its sha, by the branch's name (what
   * promotePushedImage downloads beside the head's read), or either. It
   * starts with the pax global header that says its sha, as GitHub's do,
   * unless `paxHeader` is false (only its top directory says it then).
   */
  serveArchive(asked: "sha" | "branch" | "sha or branch" = "sha", options: { paxHeader?: boolean } = {}): void {
    const entries = [...this.files].map(([path, content]) => ({ path, content }));
    const tarball = gzippedTarball(topDirectory(this.repo, this.sha), entries, options.paxHeader === false ? undefined : this.sha);
    const refs = asked === "sha" ? [this.sha] : asked === "branch" ? [this.branch] : [this.sha, this.branch];
    mockTarball(this.repo, this.sha, tarball, refs);
  }

  private path(what: string): string {
    return `/repos/${this.repo.owner}/${this.repo.repo}/${what}`;
  }
}
