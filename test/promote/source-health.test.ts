/** The health requirement on the in-memory GitHub: which deployments and statuses count as the health of dev for Promenade's staging PR. */
import { describe, expect, it } from "vitest";
import type { PullRequest, RepoRef } from "../../src/github/github-client.js";
import { deploymentPayload } from "../../src/promote/deployed-versions.js";
import { promoteEnvironmentChange } from "../../src/promote/promote-environment-change.js";
import { settlePullRequest } from "../../src/promote/settle-pull-request.js";
import { fixtureFiles, MEMORY_APP, memoryRepo, type MemoryGitHub } from "../helpers/memory-github.js";
import { NOW, passPolicy } from "./command-fleet.js";

const API = "ghcr.io/acme/api";
const DEV_FILE = "deploy/dev/kustomization.yaml";

function config(requires: string): string {
  return `environments:
  dev:
    path: deploy/dev
  staging:
    path: deploy/staging
    from: dev
    requires: ${requires}
images:
  - name: ghcr.io/acme/api
    versions: ">=1.0.0 <2.0.0"
`;
}

/** dev moved to 1.5.0 on main (recorded by Promenade at that commit), and Promenade's staging PR for it, its policy passed. */
async function stagingPullRequest(requires = "{ healthy: true }") {
  const { github, repo, head } = memoryRepo(fixtureFiles("fleet"), { now: NOW, changes: { ".github/promenade.yml": config(requires) } });
  const sha = github.pushCommit(repo, "main", { [DEV_FILE]: (github.fileAt(repo, head, DEV_FILE) as string).replace('"1.4.1"', '"1.5.0"') });
  await github.recordDeployment(repo, record(sha, "1.5.0"));
  await promoteEnvironmentChange(github, repo, { sha, before: head, files: [DEV_FILE], committedAt: NOW, url: null, actor: "carol" });
  const pr = github.pull(repo, 1);
  passPolicy(github, repo, pr.headSha);
  return { github, repo, pr, sha, before: head as string };
}

function record(sha: string, tag: string) {
  return {
    sha,
    environment: "dev",
    task: "promenade",
    description: "",
    logUrl: null,
    payload: { ...deploymentPayload(new Map([[API, { tag, digest: null }]])) },
  };
}

async function health(github: MemoryGitHub, repo: RepoRef, pr: PullRequest) {
  const outcome = await settlePullRequest(github, repo, pr, NOW);
  return outcome?.gates.get("staging")?.requirements.find((requirement) => requirement.kind === "health");
}

describe("health from deployments of dev", () => {
  it("is not reported by Promenade's own record alone", async () => {
    const { github, repo, pr } = await stagingPullRequest();
    expect(await health(github, repo, pr)).toMatchObject({ met: false, detail: "health: waiting for a successful deployment of dev running api 1.5.0" });
  });

  it("passes on another tool's successful deployment at the recorded commit, and fails once its latest status is a failure", async () => {
    const { github, repo, pr, sha } = await stagingPullRequest();
    github.addDeployment(repo, { sha, environment: "dev", statuses: ["in_progress", "success"] });
    expect(await health(github, repo, pr)).toMatchObject({ met: true });

    github.addDeployment(repo, { sha, environment: "dev", statuses: ["success", "failure"] });
    expect(await health(github, repo, pr)).toMatchObject({
      met: false,
      detail: `health: the deployment of dev running api 1.5.0 failed (on ${sha.slice(0, 7)})`,
    });
  });

  it("counts a later commit of main that left dev's files alone, not one that changed them", async () => {
    const { github, repo, pr } = await stagingPullRequest();
    const later = github.pushCommit(repo, "main", { "README.md": "elsewhere\n" });
    github.addDeployment(repo, { sha: later, environment: "dev", statuses: ["success"] });
    expect(await health(github, repo, pr)).toMatchObject({ met: true });

    const devChanged = github.pushCommit(repo, "main", { "deploy/dev/extra.yaml": "kind: ConfigMap\n" });
    github.addDeployment(repo, { sha: devChanged, environment: "dev", statuses: ["failure"] });
    // The failure is on a commit where dev's files are not those of the record: it says nothing of api 1.5.0, and the success stands.
    expect(await health(github, repo, pr)).toMatchObject({ met: true });
  });

  it("does not count a success on a commit that does not run the version, nor a deployment Promenade's app made with another task", async () => {
    const { github, repo, pr, before } = await stagingPullRequest();
    github.addDeployment(repo, { sha: before, environment: "dev", statuses: ["success"] });
    const otherVersion = github.pushCommit(repo, "try-1.6", {
      [DEV_FILE]: (github.fileAt(repo, pr.baseSha, DEV_FILE) as string).replace('"1.5.0"', '"1.6.0"'),
    });
    github.addDeployment(repo, { sha: otherVersion, environment: "dev", statuses: ["success"] });
    github.addDeployment(repo, {
      sha: github.branchSha(repo, "main") as string,
      environment: "dev",
      task: "deploy",
      creator: MEMORY_APP.login,
      appId: MEMORY_APP.id,
      statuses: ["success"],
    });
    github.addDeployment(repo, {
      sha: github.branchSha(repo, "main") as string,
      environment: "dev",
      task: "promenade",
      creator: "mallory",
      statuses: ["success"],
    });
    github.addDeployment(repo, { sha: github.branchSha(repo, "main") as string, environment: "staging", statuses: ["success"] });
    expect(await health(github, repo, pr)).toMatchObject({ met: false });
  });

  it("waits for dev to run the version once a newer record says it runs another", async () => {
    const { github, repo, pr, sha } = await stagingPullRequest();
    github.addDeployment(repo, { sha, environment: "dev", statuses: ["success"] });
    const newer = github.pushCommit(repo, "main", { [DEV_FILE]: (github.fileAt(repo, sha, DEV_FILE) as string).replace('"1.5.0"', '"1.5.1"') });
    await github.recordDeployment(repo, record(newer, "1.5.1"));
    expect(await health(github, repo, pr)).toMatchObject({
      met: false,
      detail: "health: waiting for dev to run api 1.5.0 (no deployment record of Promenade's says it does)",
    });
  });
});

describe("health of a pull request made by hand", () => {
  it("waits on the versions its files move, then passes on dev's deployment of them", async () => {
    const { github, repo, sha } = await stagingPullRequest();
    const stagingFile = "deploy/staging/kustomization.yaml";
    github.pushCommit(repo, "by-hand", { [stagingFile]: (github.fileAt(repo, sha, stagingFile) as string).replace('"1.4.0"', '"1.5.0"') });
    const opened = github.openPullRequestAs(repo, "dave", { title: "api 1.5.0 to staging", body: "", head: "by-hand", base: "main" });
    const pr = github.pull(repo, opened.number);
    passPolicy(github, repo, pr.headSha);
    expect(await health(github, repo, pr)).toMatchObject({ met: false, detail: "health: waiting for a successful deployment of dev running api 1.5.0" });

    github.addDeployment(repo, { sha, environment: "dev", statuses: ["success"] });
    expect(await health(github, repo, pr)).toMatchObject({ met: true });
  });
});

describe("health from healthChecks", () => {
  it("passes once the named commit status succeeded on a commit running the version, a Flux context matching by prefix", async () => {
    const { github, repo, pr, sha, before } = await stagingPullRequest('{ healthy: true, healthChecks: ["kustomization/apps"] }');
    github.addCommitStatus(repo, before, "kustomization/apps/6f0c9e2a", "success");
    expect(await health(github, repo, pr)).toMatchObject({ met: false, missing: "waiting for a healthy dev" });

    github.addCommitStatus(repo, sha, "kustomization/apps/6f0c9e2a", "failure");
    expect(await health(github, repo, pr)).toMatchObject({ met: false, missing: "dev unhealthy" });

    github.addCommitStatus(repo, sha, "kustomization/apps/6f0c9e2a", "success");
    expect(await health(github, repo, pr)).toMatchObject({ met: true });
  });
});
