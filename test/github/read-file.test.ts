import nock from "nock";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { GitHubError } from "../../src/github/errors.js";
import { GITHUB_API, useNockGuard } from "../helpers/github-mock.js";
import { createAdapter, REPO } from "./fixtures.js";

useNockGuard();

const PATH = "/repos/acme/gitops/contents/.github%2Fpromenade.yml";

describe("readFile", () => {
  it("decodes the base64 content of a file at a ref", async () => {
    nock(GITHUB_API)
      .get(PATH)
      .query({ ref: "main" })
      .reply(200, {
        type: "file",
        encoding: "base64",
        size: 12,
        name: "promenade.yml",
        path: ".github/promenade.yml",
        content: Buffer.from("version: 1\n").toString("base64"),
        sha: "c".repeat(40),
      });
    const { github, recorder } = createAdapter();
    await expect(github.readFile(REPO, "main", ".github/promenade.yml")).resolves.toBe("version: 1\n");
    expect(recorder.lines()).toEqual(["GET /repos/acme/gitops/contents/.github%2Fpromenade.yml?ref=main"]);
  });

  it("answers null for a file that does not exist", async () => {
    nock(GITHUB_API).get(PATH).query(true).reply(404, { message: "Not Found" });
    const { github } = createAdapter();
    await expect(github.readFile(REPO, "main", ".github/promenade.yml")).resolves.toBeNull();
  });

  it("refuses a directory", async () => {
    nock(GITHUB_API).get(PATH).query(true).reply(200, []);
    const { github } = createAdapter();
    await expect(github.readFile(REPO, "main", ".github/promenade.yml")).rejects.toThrow(InputError);
  });

  it("wraps a server error in a GitHubError with status, route and request id", async () => {
    nock(GITHUB_API).get(PATH).query(true).reply(500, { message: "Server Error" }, { "x-github-request-id": "ABCD:1234" });
    const { github } = createAdapter();
    const error = await github.readFile(REPO, "main", ".github/promenade.yml").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({
      status: 500,
      route: "GET /repos/{owner}/{repo}/contents/{path}",
      requestId: "ABCD:1234",
      message: "Could not read .github/promenade.yml at main in acme/gitops: GET /repos/{owner}/{repo}/contents/{path} answered 500: Server Error",
    });
  });
});
