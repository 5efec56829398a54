/** Where the app is installed: what the start-up reconciliation walks. */
import { callGitHub } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";

const LIST_INSTALLATIONS = "GET /app/installations";
const LIST_REPOSITORIES = "GET /installation/repositories";

/** The ids of the app's installations (with an app-authenticated Octokit). */
export async function listInstallations(appOctokit: Octokit): Promise<number[]> {
  const installations = await callGitHub("list the app's installations", LIST_INSTALLATIONS, () =>
    appOctokit.paginate(LIST_INSTALLATIONS, { per_page: 100 }),
  );
  return installations.map((installation) => installation.id);
}

/** The repositories an installation may act on, not archived (with that installation's Octokit). */
export async function listInstallationRepositories(octokit: Octokit): Promise<RepoRef[]> {
  const repositories = await callGitHub("list the installation's repositories", LIST_REPOSITORIES, () =>
    octokit.paginate(LIST_REPOSITORIES, { per_page: 100 }),
  );
  return repositories.filter((repository) => !repository.archived).map((repository) => ({ owner: repository.owner.login, repo: repository.name }));
}
