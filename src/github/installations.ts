/** Where the app is installed: what the start-up reconciliation and registry webhooks walk. */
import { callGitHub } from "./errors.js";
import type { Octokit } from "./octokit.js";

const LIST_INSTALLATIONS = "GET /app/installations";

/** The ids of the app's installations (with an app-authenticated Octokit). */
export async function listInstallations(appOctokit: Octokit): Promise<number[]> {
  const installations = await callGitHub("list the app's installations", LIST_INSTALLATIONS, () => appOctokit.paginate(LIST_INSTALLATIONS, { per_page: 100 }));
  return installations.map((installation) => installation.id);
}
