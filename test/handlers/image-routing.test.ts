/**
 * A package published from any repository of the installation reaches the
 * repositories whose config takes the image, through the repository index;
 * pushes and installation changes keep the index current.
 */
import { describe, expect, it } from "vitest";
import { mockInstallationToken, useNockGuard, type RequestRecorder } from "../helpers/github-mock.js";
import { examplePayload, INSTALLATION_ID, pushPayload, registryPackagePublishedPayload, validatePayload } from "../helpers/payloads.js";
import { CONFIG_PATH } from "../../src/engine/config/parse-config.js";
import { createPromotionApp } from "./app.js";
import { FixtureRepo, REPO } from "./fixture-repo.js";
import { committedFiles, mockNewPromotion } from "./promotion-mocks.js";
import { codeRepository, indexed, mockConfigsAtHead, mockIndexBuild } from "./routing-mocks.js";
import { mockHoldsIssues } from "../helpers/holds-issue.js";

useNockGuard();

const CODE_REPO = { owner: "acme", repo: "api", defaultBranch: "main" };
const PLATFORM = { owner: "acme", repo: "platform" };
const OTHER_INSTALLATION = 99;

/** `ghcr.io/acme/<name>:<tag>` published from acme/api, in installation `installation`. */
function published(name: string, tag: string, installation = INSTALLATION_ID) {
  const payload = registryPackagePublishedPayload({ repo: CODE_REPO, name, tag });
  (payload.installation as { id: number }).id = installation;
  return { id: `package-${installation}-${name}-${tag}`, name: "registry_package" as const, payload };
}

/** `installation_repositories` of installation 4242: `added` and `removed` as `owner/repo`. */
function repositoriesChanged(action: "added" | "removed", names: string[]) {
  // The first "added" example lacks fields GitHub's description requires; the second has them.
  const payload = examplePayload("installation_repositories", action, action === "added" ? 1 : 0);
  const repositories = names.map((fullName, index) => ({
    id: 500 + index,
    node_id: `R_${index}`,
    name: fullName.split("/")[1],
    full_name: fullName,
    private: true,
  }));
  Object.assign(payload, { repositories_added: action === "added" ? repositories : [], repositories_removed: action === "removed" ? repositories : [] });
  expect(validatePayload("installation_repositories", payload)).toEqual([]);
  return { id: `repositories-${action}-${names.join(",")}`, name: "installation_repositories" as const, payload: payload as never };
}

/** Paths of the requests sent to `repo`. */
function requestsTo(recorder: RequestRecorder, repo: { owner: string; repo: string }): string[] {
  const prefix = `/repos/${repo.owner}/${repo.repo}/`;
  return recorder.requests
    .filter((request) => request.path.startsWith(prefix) || JSON.stringify(request.body ?? "").includes(`"${repo.owner}/${repo.repo}"`))
    .map((r) => r.path);
}

/** How many index reads were sent: repository listings and batched config queries. */
function indexReads(recorder: RequestRecorder): { listings: number; configQueries: number } {
  return {
    listings: recorder.requests.filter((request) => request.path.startsWith("/installation/repositories")).length,
    configQueries: recorder.requests.filter((request) => JSON.stringify(request.body ?? "").includes("promenadeConfigs")).length,
  };
}

describe("a package published from a code repository", () => {
  it("opens the dev PR in every GitOps repository that takes the image, and writes nothing to the code repository", async () => {
    const { probot, recorder } = await createPromotionApp();
    const gitops = new FixtureRepo("fleet");
    const platform = new FixtureRepo("fleet", undefined, {}, PLATFORM);
    mockIndexBuild([codeRepository("acme", "api"), indexed(gitops), codeRepository("acme", "docs"), indexed(platform)]);
    gitops.serve();
    platform.serve();
    const inGitops = mockNewPromotion("promenade/dev/api", 7);
    const inPlatform = mockNewPromotion("promenade/dev/api", 3, PLATFORM);
    await probot.receive(published("api", "1.5.0"));
    expect(inGitops.map((pr) => pr.title)).toEqual(["Promote api 1.5.0 to dev"]);
    expect(inPlatform.map((pr) => pr.title)).toEqual(["Promote api 1.5.0 to dev"]);
    expect(inPlatform[0]?.html_url).toBe("https://github.com/acme/platform/pull/3");
    expect(committedFiles(recorder).map((file) => file.path)).toEqual(["deploy/dev/kustomization.yaml", "deploy/dev/kustomization.yaml"]);
    expect(requestsTo(recorder, CODE_REPO)).toEqual([]);
    expect(indexReads(recorder)).toEqual({ listings: 1, configQueries: 1 });
  });

  it("reads no repository again for the next package: the index answers, also for an image nobody takes", async () => {
    const { probot, recorder } = await createPromotionApp();
    const gitops = new FixtureRepo("fleet");
    mockIndexBuild([codeRepository("acme", "api"), indexed(gitops)]);
    await probot.receive(published("worker", "2.0.0"));
    expect(recorder.writes).toBe(0);
    expect(indexReads(recorder)).toEqual({ listings: 1, configQueries: 1 });
    gitops.serve();
    mockNewPromotion("promenade/dev/api", 7);
    await probot.receive(published("api", "1.5.0"));
    expect(indexReads(recorder)).toEqual({ listings: 1, configQueries: 1 });
    expect(committedFiles(recorder)).toHaveLength(1);
    await probot.receive(published("worker", "2.1.0"));
    expect(indexReads(recorder)).toEqual({ listings: 1, configQueries: 1 });
  });

  it("never reaches a repository of another installation, even one that takes the image", async () => {
    const { probot, recorder } = await createPromotionApp();
    const gitops = new FixtureRepo("fleet");
    const globex = { owner: "globex", repo: "gitops" };
    mockIndexBuild([codeRepository("acme", "api"), indexed(gitops)]);
    gitops.serve();
    mockNewPromotion("promenade/dev/api", 7);
    await probot.receive(published("api", "1.5.0"));
    expect(committedFiles(recorder)).toHaveLength(1);
    expect(requestsTo(recorder, globex)).toEqual([]);
    expect(recorder.requests.filter((request) => request.path.includes(`/installations/${OTHER_INSTALLATION}/`))).toEqual([]);
  });

  it("in another installation, reads that installation's repositories only", async () => {
    const { probot, recorder } = await createPromotionApp({ token: false });
    mockInstallationToken(OTHER_INSTALLATION);
    mockIndexBuild([codeRepository("globex", "site")]);
    await probot.receive(published("api", "1.5.0", OTHER_INSTALLATION));
    expect(recorder.writes).toBe(0);
    expect(requestsTo(recorder, REPO)).toEqual([]);
  });
});

describe("the repository index", () => {
  it("judges a config too large to load as loading it does: read through the contents API, refused, and nothing routed there", async () => {
    const { probot, recorder } = await createPromotionApp();
    const fleet = new FixtureRepo("fleet");
    const config = `${fleet.files.get(CONFIG_PATH) ?? ""}# ${"x".repeat(1024 * 1024)}\n`;
    const large = new FixtureRepo("fleet", undefined, { [CONFIG_PATH]: config });
    mockIndexBuild([codeRepository("acme", "api"), indexed(large)]);
    large.serveConfigFile();
    await probot.receive(published("api", "1.5.0"));
    expect(recorder.lines().filter((line) => line.includes("contents/.github"))).toHaveLength(1);
    expect(recorder.writes).toBe(0);
  });

  it("reads a repository added to the installation at the next package, and forgets a removed one", async () => {
    const { probot, recorder } = await createPromotionApp();
    const gitops = new FixtureRepo("fleet");
    const platform = new FixtureRepo("fleet", undefined, {}, PLATFORM);
    mockIndexBuild([codeRepository("acme", "api"), indexed(gitops)]);
    await probot.receive(published("worker", "2.0.0"));
    await probot.receive(repositoriesChanged("added", ["acme/platform"]));
    await probot.receive(repositoriesChanged("removed", ["acme/gitops"]));
    const asked = mockConfigsAtHead([indexed(platform)]);
    platform.serve();
    const opened = mockNewPromotion("promenade/dev/api", 3, PLATFORM);
    await probot.receive(published("api", "1.5.0"));
    expect(asked).toEqual([["acme/platform"]]);
    expect(opened.map((pr) => pr.html_url)).toEqual(["https://github.com/acme/platform/pull/3"]);
    expect(requestsTo(recorder, REPO).filter((path) => !path.includes("installation"))).toEqual([]);
    expect(indexReads(recorder)).toEqual({ listings: 1, configQueries: 2 });
  });

  it("reads a repository again after a push adds its config, and no other", async () => {
    const { probot, recorder } = await createPromotionApp();
    const gitops = new FixtureRepo("fleet");
    const api = new FixtureRepo("fleet", "b".repeat(40), {}, { owner: "acme", repo: "api" });
    mockIndexBuild([codeRepository("acme", "api"), indexed(gitops)]);
    await probot.receive(published("worker", "2.0.0"));
    // The push itself: the app reads the config at the new head (here: there) and finds no environment changed.
    api.serveHeadAndConfig();
    mockHoldsIssues([]);
    const push = pushPayload({ repo: CODE_REPO, before: "a".repeat(40), after: api.sha, files: { added: [".github/promenade.yml"] } });
    await probot.receive({ id: "push-config", name: "push", payload: push });
    const asked = mockConfigsAtHead([indexed(api)]);
    api.serve();
    gitops.serve();
    mockNewPromotion("promenade/dev/api", 7);
    mockNewPromotion("promenade/dev/api", 8, { owner: "acme", repo: "api" });
    await probot.receive(published("api", "1.5.0"));
    expect(asked).toEqual([["acme/api"]]);
    expect(committedFiles(recorder)).toHaveLength(2);
  });

  it("leaves the index alone for a push that changes no YAML", async () => {
    const { probot, recorder } = await createPromotionApp();
    const gitops = new FixtureRepo("fleet");
    mockIndexBuild([codeRepository("acme", "api"), indexed(gitops)]);
    await probot.receive(published("worker", "2.0.0"));
    const code = new FixtureRepo("fleet", "b".repeat(40), { ".github/promenade.yml": null }, { owner: "acme", repo: "api" });
    code.serveHeadAndConfig();
    const push = pushPayload({ repo: CODE_REPO, before: "a".repeat(40), after: code.sha, files: { modified: ["src/main.go"] } });
    await probot.receive({ id: "push-code", name: "push", payload: push });
    await probot.receive(published("worker", "2.1.0"));
    expect(indexReads(recorder)).toEqual({ listings: 1, configQueries: 1 });
  });
});
