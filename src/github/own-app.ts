/** Which GitHub App Promenade runs as, read once with the app's own credentials. */
import type { Probot } from "probot";
import { callGitHub } from "./errors.js";

const GET_APP = "GET /app";

const ids = new WeakMap<object, Promise<number>>();

/** The id of the GitHub App `app` authenticates as (one read per process and app). */
export function ownAppId(app: Pick<Probot, "auth">): Promise<number> {
  let id = ids.get(app);
  if (id === undefined) {
    id = (async () => {
      const octokit = await app.auth();
      const { data } = await callGitHub("read which GitHub App Promenade is", GET_APP, () => octokit.request(GET_APP));
      return data?.id ?? 0;
    })();
    ids.set(app, id);
  }
  return id;
}
