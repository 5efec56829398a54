import { describe, expect, it } from "vitest";
import { examplePayload, INSTALLATION_ID, mergedPullRequestPayload, packagePublishedPayload, pushPayload, repositoryDispatchPayload } from "./payloads.js";

const REPO = { owner: "acme", repo: "gitops", defaultBranch: "main" };

describe("payload builders", () => {
  it("builds a push to the default branch with the changed files", () => {
    const payload = pushPayload({ repo: REPO, before: "a".repeat(40), after: "b".repeat(40), files: { modified: ["deploy/dev/api.yaml"] } });
    expect(payload).toMatchObject({ ref: "refs/heads/main", after: "b".repeat(40), installation: { id: INSTALLATION_ID } });
    expect(payload.commits[0]?.modified).toEqual(["deploy/dev/api.yaml"]);
    expect(payload.repository.full_name).toBe("acme/gitops");
  });

  it("builds a merged pull request, which the examples lack", () => {
    const payload = mergedPullRequestPayload({ repo: REPO, number: 9, head: "promenade/dev/api", mergeCommitSha: "c".repeat(40) });
    expect(payload.pull_request).toMatchObject({ merged: true, number: 9, head: { ref: "promenade/dev/api" }, base: { ref: "main" } });
  });

  it("builds repository_dispatch and package payloads", () => {
    const dispatch = repositoryDispatchPayload({ repo: REPO, eventType: "promenade-image", clientPayload: { image: "ghcr.io/acme/api", tag: "1.4.2" } });
    expect(dispatch).toMatchObject({ action: "promenade-image", client_payload: { tag: "1.4.2" } });
    const pkg = packagePublishedPayload({ repo: REPO, name: "api", tag: "1.4.2" });
    expect(pkg.package.package_version?.container_metadata?.tag?.name).toBe("1.4.2");
  });

  it("brings recorded examples up to date with the current schema", () => {
    for (const [event, action] of [
      ["issue_comment", "created"],
      ["pull_request", "opened"],
      ["pull_request_review", "submitted"],
      ["installation", "created"],
    ] as const) {
      expect(examplePayload(event, action).installation).toBeDefined();
    }
    expect(() => examplePayload("registry_package")).toThrow(/has no example/);
  });
});
