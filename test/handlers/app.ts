/** The app as the handler tests drive it: the whole Promenade app on a validating test Probot, with the installation token mocked once. */
import type { Probot } from "probot";
import { createTestApp, mockInstallationToken, type RequestRecorder } from "../helpers/github-mock.js";
import { INSTALLATION_ID } from "../helpers/payloads.js";

export async function createPromotionApp(options: { token?: boolean } = {}): Promise<{ probot: Probot; recorder: RequestRecorder }> {
  const app = await createTestApp();
  if (options.token !== false) mockInstallationToken(INSTALLATION_ID);
  return app;
}
