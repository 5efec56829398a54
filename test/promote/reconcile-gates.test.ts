import { describe, expect, it } from "vitest";
import type { RepoRef } from "../../src/github/github-client.js";
import { reconcileGates, type ReconcileGitHub } from "../../src/promote/reconcile-gates.js";
import { settleOpenPullRequests } from "../../src/promote/settle-open-pull-requests.js";

const HEAD = { branch: "main", sha: "c0ffee0000000000000000000000000000000000" };

/** A GitHub whose repositories have the config text given (null: none), or fail on any read (an Error). */
function github(configs: Record<string, string | null | Error>): ReconcileGitHub & { listed: string[] } {
  const listed: string[] = [];
  const fake = {
    listed,
    installationRepositories: async () => Object.keys(configs).map((name) => ({ owner: "acme", repo: name })),
    defaultBranchHead: async (repo: RepoRef) => {
      const config = configs[repo.repo];
      if (config instanceof Error) throw config;
      return HEAD;
    },
    readFile: async (repo: RepoRef) => configs[repo.repo] as string | null,
    listOpenPullRequests: async (repo: RepoRef) => {
      listed.push(repo.repo);
      return [];
    },
  };
  return fake as unknown as ReconcileGitHub & { listed: string[] };
}

const VALID = "environments:\n  dev: { path: deploy/dev }\n";
const INVALID = "environments: 3\n";

describe("settleOpenPullRequests", () => {
  it("stops without a config, skips an invalid one for the app, settles with it for the Action", async () => {
    const fake = github({ none: null, broken: INVALID });
    const now = () => new Date();
    await expect(settleOpenPullRequests(fake, { owner: "acme", repo: "none" }, now, { invalidConfig: "settle" })).resolves.toEqual({
      status: "missing",
      branch: "main",
    });
    await expect(settleOpenPullRequests(fake, { owner: "acme", repo: "broken" }, now, { invalidConfig: "skip" })).resolves.toEqual({
      status: "skipped",
      branch: "main",
    });
    expect(fake.listed).toEqual([]);
    await expect(settleOpenPullRequests(fake, { owner: "acme", repo: "broken" }, now, { invalidConfig: "settle" })).resolves.toEqual({
      status: "settled",
      branch: "main",
      pullRequests: 0,
      failed: 0,
    });
    expect(fake.listed).toEqual(["broken"]);
  });
});

describe("reconcileGates", () => {
  it("counts the repositories using Promenade, skips invalid configs and logs a repository that fails", async () => {
    const fake = github({ gitops: VALID, broken: INVALID, none: null, down: new Error("boom") });
    const warnings: string[] = [];
    const totals = await reconcileGates(
      [1],
      async () => fake,
      () => undefined,
      { warn: (message) => warnings.push(message) },
    );
    expect(totals).toEqual({ repositories: 1, pullRequests: 0 });
    expect(fake.listed).toEqual(["gitops"]);
    expect(warnings).toEqual(["reconciling acme/down failed: boom"]);
  });
});
