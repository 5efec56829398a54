/** Shared values and a per-test adapter for the GitHub adapter tests. */
import { createOctokitGitHub } from "../../src/github/octokit-github.js";
import type { GitHubClient, RepoRef } from "../../src/github/github-client.js";
import { createTestOctokit, type RequestRecorder } from "../helpers/github-mock.js";

/** The repository the adapter tests talk to. */
export const REPO: RepoRef = { owner: "acme", repo: "gitops" };

/** Shas that read as what they are. */
export const BASE_SHA = "a".repeat(40);
export const NEW_SHA = "b".repeat(40);

/** A fresh adapter over a fresh validating Octokit, and the recorder of its requests. */
export function createAdapter(): { github: GitHubClient; recorder: RequestRecorder } {
  const { octokit, recorder, app } = createTestOctokit();
  return { github: createOctokitGitHub(octokit, app), recorder };
}
