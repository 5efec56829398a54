import nock from "nock";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { ArchiveReader, archiveIsOf } from "../../src/github/archive-reader.js";
import { ArchiveTooLargeError, GitHubError } from "../../src/github/errors.js";
import { createTestOctokit, GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { gzippedTarball, mockTarball, topDirectory, type TarballEntry } from "../helpers/tarball.js";
import { BASE_SHA, createAdapter, REPO } from "./fixtures.js";

useNockGuard();

const HUGE = 1024 * 1024 + 1;

const ENTRIES: TarballEntry[] = [
  { path: "deploy/dev/api.yaml", content: "tag: 1.4.2\n" },
  { path: "deploy/dev/worker.yaml", content: "tag: 2.0.0\n" },
  { path: "deploy/staging/api.yaml", content: "tag: 1.4.0\n" },
  { path: "deploy/dev/link.yaml", symlink: "api.yaml" },
  { path: "deploy/dev/node_modules/x.yaml", content: "x: 1\n" },
  { path: ".git/config", content: "[core]\n" },
  { path: "deploy/devtools.yaml", content: "tools: []\n" },
  { path: "deploy/dev/README.md", content: "# not YAML: never kept\n" },
  { path: "deploy/dev/huge.yaml", content: new Uint8Array(HUGE).fill(0x61) },
];

async function serveArchive(entries: readonly TarballEntry[] = ENTRIES): Promise<void> {
  mockTarball(REPO, BASE_SHA, await gzippedTarball(topDirectory(REPO, BASE_SHA), entries));
}

describe("ArchiveReader", () => {
  it("lists the regular YAML files under a path, without the archive's top directory, symlinks, other files, .git/ or node_modules/", async () => {
    await serveArchive();
    const { github } = createAdapter();
    const reader = github.repoReader(REPO, BASE_SHA);
    await expect(reader.listFiles("deploy/dev")).resolves.toEqual(["deploy/dev/api.yaml", "deploy/dev/huge.yaml", "deploy/dev/worker.yaml"]);
    await expect(reader.listFiles("deploy/dev/")).resolves.toHaveLength(3);
    await expect(reader.listFiles("")).resolves.toEqual([
      "deploy/dev/api.yaml",
      "deploy/dev/huge.yaml",
      "deploy/dev/worker.yaml",
      "deploy/devtools.yaml",
      "deploy/staging/api.yaml",
    ]);
  });

  it("reads files from the one download: the API's redirect, then codeload", async () => {
    await serveArchive();
    const { github, recorder } = createAdapter();
    const reader = github.repoReader(REPO, BASE_SHA);
    await expect(reader.readFile("deploy/dev/api.yaml")).resolves.toBe("tag: 1.4.2\n");
    await expect(reader.readFile("deploy/staging/api.yaml")).resolves.toBe("tag: 1.4.0\n");
    expect(recorder.lines()).toMatchInlineSnapshot(`
      [
        "GET /repos/acme/gitops/tarball/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "GET https://codeload.github.com/acme/gitops/legacy.tar.gz/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      ]
    `);
    expect({ reads: recorder.reads, roundTrips: recorder.roundTrips }).toEqual({ reads: 2, roundTrips: 2 });
  });

  it("shares one download between concurrent first calls", async () => {
    await serveArchive();
    const { github, recorder } = createAdapter();
    const reader = github.repoReader(REPO, BASE_SHA);
    const [dev, staging, text] = await Promise.all([
      reader.listFiles("deploy/dev"),
      reader.listFiles("deploy/staging"),
      reader.readFile("deploy/dev/worker.yaml"),
    ]);
    expect({ dev: dev.length, staging, text }).toEqual({ dev: 3, staging: ["deploy/staging/api.yaml"], text: "tag: 2.0.0\n" });
    expect(recorder.reads).toBe(2);
  });

  it("refuses a file over 1 MiB, a symlink and a missing file with an InputError", async () => {
    await serveArchive();
    const reader = createAdapter().github.repoReader(REPO, BASE_SHA);
    await expect(reader.readFile("deploy/dev/huge.yaml")).rejects.toThrow(
      new InputError("deploy/dev/huge.yaml", `larger than 1 MiB (${HUGE} bytes); Promenade does not read it`),
    );
    await expect(reader.readFile("deploy/dev/link.yaml")).rejects.toThrow(InputError);
    await expect(reader.readFile("deploy/prod/api.yaml")).rejects.toThrow(InputError);
  });

  it("refuses binary content as the other readers do", async () => {
    await serveArchive([{ path: "deploy/dev/bin.yaml", content: new Uint8Array([0x61, 0, 0x62]) }]);
    const reader = createAdapter().github.repoReader(REPO, BASE_SHA);
    await expect(reader.readFile("deploy/dev/bin.yaml")).rejects.toThrow(/binary content/);
  });

  it("turns a 404 into a GitHubError, for every call", async () => {
    nock(GITHUB_API).get(`/repos/acme/gitops/tarball/${BASE_SHA}`).reply(404, { message: "Not Found" });
    const reader = createAdapter().github.repoReader(REPO, BASE_SHA);
    const failure = reader.listFiles("deploy");
    await expect(failure).rejects.toThrow(GitHubError);
    await expect(failure).rejects.toMatchObject({ status: 404, route: "GET /repos/{owner}/{repo}/tarball/{ref}" });
    await expect(reader.readFile("deploy/dev/api.yaml")).rejects.toThrow(GitHubError);
  });

  it("turns an archive that is not gzip into a GitHubError", async () => {
    mockTarball(REPO, BASE_SHA, Buffer.from("not a tarball"));
    const reader = createAdapter().github.repoReader(REPO, BASE_SHA);
    await expect(reader.listFiles("")).rejects.toThrow(GitHubError);
  });

  it("stops at the size limit with an error saying the repository is too large", async () => {
    await serveArchive();
    const { octokit } = createTestOctokit();
    const reader = new ArchiveReader(octokit, REPO, BASE_SHA, 64 * 1024);
    await expect(reader.listFiles("")).rejects.toThrow(ArchiveTooLargeError);
    await expect(reader.listFiles("")).rejects.toThrow(/acme\/gitops at a{40} is too large to read as an archive/);
  });
});
describe("archiveOf: the archive of a branch, read only as the commit it says it is of", () => {
  const OTHER_SHA = "b".repeat(40);

  it("downloads the branch's archive, and reads it as the commit its pax header names, not another", async () => {
    mockTarball(REPO, BASE_SHA, await gzippedTarball(topDirectory(REPO, BASE_SHA), ENTRIES, BASE_SHA), ["main"]);
    const { github, recorder } = createAdapter();
    const archive = await github.archiveOf(REPO, "main");
    expect(archive.readerOf(OTHER_SHA)).toBeNull();
    await expect(archive.readerOf(BASE_SHA)?.readFile("deploy/dev/api.yaml")).resolves.toBe("tag: 1.4.2\n");
    expect(recorder.lines()).toEqual(["GET /repos/acme/gitops/tarball/main", "GET https://codeload.github.com/acme/gitops/legacy.tar.gz/refs/heads/main"]);
  });

  it("without a pax header, reads it as the commit its top directory is named after", async () => {
    mockTarball(REPO, BASE_SHA, await gzippedTarball(topDirectory(REPO, BASE_SHA), ENTRIES), ["main"]);
    const archive = await createAdapter().github.archiveOf(REPO, "main");
    expect(archive.readerOf(OTHER_SHA)).toBeNull();
    await expect(archive.readerOf(BASE_SHA)?.listFiles("deploy/staging")).resolves.toEqual(["deploy/staging/api.yaml"]);
  });

  it("turns a 404 into a GitHubError", async () => {
    nock(GITHUB_API).get("/repos/acme/gitops/tarball/main").reply(404, { message: "Not Found" });
    await expect(createAdapter().github.archiveOf(REPO, "main")).rejects.toMatchObject({ status: 404, route: "GET /repos/{owner}/{repo}/tarball/{ref}" });
  });
});

describe("archiveIsOf", () => {
  const SHA = "0123456789abcdef0123456789abcdef01234567";
  const OTHER = "0123456fffffffffffffffffffffffffffffffff";

  it("goes by the full sha of the pax header's comment when there is one, whatever the top directory says", () => {
    expect(archiveIsOf({ comment: SHA, topDirectory: "acme-gitops-0123456" }, SHA)).toBe(true);
    expect(archiveIsOf({ comment: SHA.toUpperCase(), topDirectory: null }, SHA)).toBe(true);
    // Another commit whose abbreviated sha is the same: the comment tells them apart.
    expect(archiveIsOf({ comment: OTHER, topDirectory: "acme-gitops-0123456" }, SHA)).toBe(false);
  });

  it("else by the abbreviated sha the top directory is named after", () => {
    expect(archiveIsOf({ comment: null, topDirectory: "acme-gitops-0123456" }, SHA)).toBe(true);
    expect(archiveIsOf({ comment: null, topDirectory: "my-org-my-repo-0123456789ab" }, SHA)).toBe(true);
    expect(archiveIsOf({ comment: null, topDirectory: "acme-gitops-fedcba9" }, SHA)).toBe(false);
    // A comment that is not a sha says nothing.
    expect(archiveIsOf({ comment: "made by hand", topDirectory: "acme-gitops-0123456" }, SHA)).toBe(true);
  });

  it("is of no commit when it says neither", () => {
    expect(archiveIsOf({ comment: null, topDirectory: null }, SHA)).toBe(false);
    expect(archiveIsOf({ comment: null, topDirectory: "acme-gitops" }, SHA)).toBe(false);
    expect(archiveIsOf({ comment: null, topDirectory: "acme-gitops-012345" }, SHA)).toBe(false);
  });
});
