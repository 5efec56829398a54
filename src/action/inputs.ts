/**
 * What the GitHub Action is given: the runner's `GITHUB_*` variables (the
 * event, its payload file, the repository, the API's URLs) and the action's
 * inputs, which GitHub passes as `INPUT_<NAME>` (upper-cased, hyphens kept).
 */
import type { RepoRef } from "../github/github-client.js";

/** The identity of GITHUB_TOKEN: the `github-actions` app. */
export const GITHUB_ACTIONS_SLUG = "github-actions";

export interface ActionInputs {
  eventName: string;
  eventPath: string;
  repo: RepoRef;
  /** The REST API's base URL, without a trailing slash (`https://api.github.com`, `https://HOST/api/v3`). */
  baseUrl: string;
  /** Where GraphQL requests go (`GITHUB_GRAPHQL_URL`, or what Octokit derives from baseUrl). */
  graphqlUrl: string;
  token: string;
  signingKey: string;
  /** The slug of the GitHub App whose token is given (`github-actions` for GITHUB_TOKEN). */
  appSlug: string;
}

/** An input or variable the Action cannot run without: its message is the one line the log shows. */
export class ActionInputError extends Error {
  override name = "ActionInputError";
}

/** Reads the inputs from `env`; throws ActionInputError naming the first one missing or malformed. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const required = (name: string, what: string): string => {
    const value = env[name]?.trim();
    if (value === undefined || value === "") throw new ActionInputError(`${what} is missing (${name} is not set)`);
    return value;
  };
  const signingKey = required("INPUT_SIGNING-KEY", "the signing-key input (a repository secret, e.g. `openssl rand -hex 32`)");
  const token = required("INPUT_TOKEN", "the token input");
  const [owner, repo, ...rest] = required("GITHUB_REPOSITORY", "the repository").split("/");
  if (owner === undefined || repo === undefined || owner === "" || repo === "" || rest.length > 0)
    throw new ActionInputError("GITHUB_REPOSITORY is not owner/repo");
  const baseUrl = (env.GITHUB_API_URL?.trim() || "https://api.github.com").replace(/\/+$/, "");
  return {
    eventName: required("GITHUB_EVENT_NAME", "the event name"),
    eventPath: required("GITHUB_EVENT_PATH", "the event payload"),
    repo: { owner, repo },
    baseUrl,
    graphqlUrl: env.GITHUB_GRAPHQL_URL?.trim() || octokitGraphqlUrl(baseUrl),
    token,
    signingKey,
    appSlug: env["INPUT_APP-SLUG"]?.trim() || GITHUB_ACTIONS_SLUG,
  };
}

/** Where Octokit sends GraphQL for `baseUrl`: `<baseUrl>/graphql`, or `/api/graphql` on GHES (`…/api/v3`). */
export function octokitGraphqlUrl(baseUrl: string): string {
  return /\/api\/v3$/.test(baseUrl) ? baseUrl.replace(/\/api\/v3$/, "/api/graphql") : `${baseUrl}/graphql`;
}
