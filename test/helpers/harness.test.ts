import nock from "nock";
import { describe, expect, it } from "vitest";
import { CODELOAD, createTestOctokit, GITHUB_API, takeValidationProblems, useNockGuard } from "./github-mock.js";
import { validateGraphql } from "./graphql.js";
import { validateRequest } from "./openapi.js";
import { registryPackagePublishedPayload, validatePayload } from "./payloads.js";

useNockGuard();

describe("validateRequest (OpenAPI)", () => {
  it("rejects a body GitHub would refuse", () => {
    expect(validateRequest("POST", "/repos/o/r/pulls", { title: "t", base: "main" })).toEqual([
      "POST /repos/{owner}/{repo}/pulls: body must have required property 'head'",
    ]);
    expect(validateRequest("PATCH", "/repos/o/r/git/refs/heads%2Fx", { sha: "a", force: "yes" })).toEqual([
      "PATCH /repos/{owner}/{repo}/git/refs/{ref}: body/force must be boolean",
    ]);
  });

  it("rejects an unknown path, a method the path lacks and bad query parameters", () => {
    expect(validateRequest("GET", "/repos/o/r/promotions")).toEqual(["GET /repos/o/r/promotions: no such path in GitHub's REST API"]);
    expect(validateRequest("DELETE", "/repos/o/r/pulls")).toEqual(["DELETE /repos/o/r/pulls: /repos/{owner}/{repo}/pulls has no DELETE operation"]);
    expect(validateRequest("GET", "/repos/o/r/pulls?state=opened&color=red")).toHaveLength(2);
  });

  it("accepts valid requests, absolute URLs and multi-segment parameters", () => {
    expect(validateRequest("POST", "https://api.github.com/repos/o/r/pulls", { title: "t", head: "h", base: "main" })).toEqual([]);
    expect(validateRequest("GET", "/repos/o/r/git/trees/abc?recursive=1")).toEqual([]);
    expect(validateRequest("GET", "/repos/o/r/contents/deploy/dev/a.yaml?ref=main")).toEqual([]);
    expect(validateRequest("POST", "/repos/o/r/issues", { title: "t", body: "b", labels: ["x"] })).toEqual([]);
  });
});

describe("validateGraphql", () => {
  it("rejects unknown fields and invalid variables, and accepts a valid document", () => {
    expect(validateGraphql('query { repository(owner: "o", name: "r") { defaultBranch } }')).toEqual([
      expect.stringContaining('Cannot query field "defaultBranch" on type "Repository"'),
    ]);
    const mutation = "mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }";
    expect(validateGraphql(mutation, { input: { branch: { branchName: "b" } } }).length).toBeGreaterThan(0);
    expect(validateGraphql("query { viewer { login } }")).toEqual([]);
    expect(validateGraphql("query {")).toHaveLength(1);
  });
});

describe("the validating Octokit", () => {
  it("refuses an invalid request before nock sees it", async () => {
    const { octokit, recorder } = createTestOctokit();
    await expect(octokit.request("POST /repos/{owner}/{repo}/pulls", { owner: "o", repo: "r", title: "t", base: "main" } as never)).rejects.toThrow(
      /Request GitHub would reject: .*required property 'head'/,
    );
    expect(takeValidationProblems()).toHaveLength(1);
    expect(recorder.requests).toEqual([]);
  });

  it("records valid requests and counts reads and writes", async () => {
    nock(GITHUB_API).get("/repos/o/r").reply(200, {}).post("/repos/o/r/issues/1/comments").reply(201, { id: 1 });
    const { octokit, recorder } = createTestOctokit();
    await octokit.request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" });
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: "o", repo: "r", issue_number: 1, body: "hi" });
    expect(recorder.lines()).toEqual(["GET /repos/o/r", "POST /repos/o/r/issues/1/comments"]);
    expect({ reads: recorder.reads, writes: recorder.writes, roundTrips: recorder.roundTrips }).toEqual({ reads: 1, writes: 1, roundTrips: 2 });
  });

  it("counts parallel requests as one round trip", async () => {
    nock(GITHUB_API).get("/repos/o/a").reply(200, {}).get("/repos/o/b").reply(200, {});
    const { octokit, recorder } = createTestOctokit();
    await Promise.all(["a", "b"].map((repo) => octokit.request("GET /repos/{owner}/{repo}", { owner: "o", repo })));
    expect(recorder.roundTrips).toBe(1);
  });

  it("follows a redirect to codeload as one more recorded read, unvalidated and without the token", async () => {
    const location = `${CODELOAD}/o/r/legacy.tar.gz/main`;
    nock(GITHUB_API, { reqheaders: { authorization: "token test-token" } })
      .get("/repos/o/r/tarball/main")
      .reply(302, "", { location });
    nock(CODELOAD, { badheaders: ["authorization"] })
      .get("/o/r/legacy.tar.gz/main")
      .reply(200, "archive");
    const { octokit, recorder } = createTestOctokit();
    const { status } = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", { owner: "o", repo: "r", ref: "main" });
    expect(status).toBe(200);
    expect(recorder.lines()).toEqual(["GET /repos/o/r/tarball/main", `GET ${location}`]);
    expect({ reads: recorder.reads, roundTrips: recorder.roundTrips }).toEqual({ reads: 2, roundTrips: 2 });
  });
});

describe("payloads", () => {
  it("builds a registry_package payload that GitHub's schema accepts", () => {
    const payload = registryPackagePublishedPayload({ repo: { owner: "acme", repo: "api" }, name: "api", tag: "1.4.2" });
    expect(payload.registry_package.package_version?.container_metadata?.tag?.name).toBe("1.4.2");
    expect(payload.installation?.id).toBeTypeOf("number");
  });

  it("rejects a hand-made payload missing a required field", () => {
    const { sender: _sender, ...payload } = registryPackagePublishedPayload({ name: "api", tag: "1.4.2" });
    expect(validatePayload("registry_package", payload)).toContain("/ must have required property 'sender'");
  });
});
