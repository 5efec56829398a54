/** Which GitHub App Promenade runs as, read once with the app's own credentials. */
import type { Probot } from "probot";
import { callGitHub } from "./errors.js";
import type { AppIdentity } from "./github-client.js";
import type { Octokit } from "./octokit.js";

const GET_APP = "GET /app";
const GET_APP_BY_SLUG = "GET /apps/{app_slug}";

const identities = new WeakMap<object, Promise<AppIdentity>>();

/** The GitHub App `app` authenticates as: its id and its bot's login (one read per process and app; a failed read is tried again next time). */
export function ownApp(app: Pick<Probot, "auth">): Promise<AppIdentity> {
  let identity = identities.get(app);
  if (identity === undefined) {
    identity = (async () => {
      const octokit = await app.auth();
      const { data } = await callGitHub("read which GitHub App Promenade is", GET_APP, () => octokit.request(GET_APP));
      return { id: data?.id ?? 0, login: `${data?.slug ?? ""}[bot]` };
    })();
    identity.catch(() => identities.delete(app));
    identities.set(app, identity);
  }
  return identity;
}

/** The id of the GitHub App `app` authenticates as. */
export async function ownAppId(app: Pick<Probot, "auth">): Promise<number> {
  return (await ownApp(app)).id;
}

/**
 * The GitHub App whose slug is `slug` (public: any token may read it), as
 * Promenade's identity where it holds only an installation token (the GitHub
 * Action, which cannot call `GET /app`): its id and `<slug>[bot]`. Read once per client.
 */
export function appBySlug(octokit: Octokit, slug: string): () => Promise<AppIdentity> {
  let identity: Promise<AppIdentity> | undefined;
  return () => {
    identity ??= (async () => {
      const { data } = await callGitHub(`read the GitHub App ${slug}`, GET_APP_BY_SLUG, () => octokit.request(GET_APP_BY_SLUG, { app_slug: slug }));
      return { id: data?.id ?? 0, login: `${data?.slug ?? slug}[bot]` };
    })();
    identity.catch(() => (identity = undefined));
    return identity;
  };
}
