/**
 * Errors of the GitHub adapter: every failed GitHub call surfaces as a
 * GitHubError saying what Promenade was doing, on which route, with GitHub's
 * status and request id, so logs and retries need no Octokit types.
 */
import { PromenadeError } from "../engine/errors.js";

/** A GitHub API call failed. */
export class GitHubError extends PromenadeError {
  override name = "GitHubError";
  constructor(
    /** What Promenade was doing, e.g. `create branch promenade/dev/api in acme/gitops`. */
    readonly operation: string,
    /** The route template, e.g. `POST /repos/{owner}/{repo}/git/refs`. */
    readonly route: string,
    /** The HTTP status; 200 for a GraphQL response that carries errors. */
    readonly status: number,
    /** GitHub's `x-github-request-id`, to quote to GitHub support. */
    readonly requestId: string | undefined,
    /** What GitHub said went wrong. */
    readonly detail: string,
    /** Seconds GitHub asked to wait before retrying (`retry-after`), when it did. */
    readonly retryAfter?: number,
    options?: ErrorOptions,
  ) {
    super(`Could not ${operation}: ${route} answered ${status}: ${detail}`, options);
  }
}

/** A repository's archive unpacks to more than Promenade holds in memory, so its files cannot be read. */
export class ArchiveTooLargeError extends PromenadeError {
  override name = "ArchiveTooLargeError";
  constructor(
    readonly repository: string,
    readonly sha: string,
    /** The limit on the unpacked archive, in bytes. */
    readonly maxBytes: number,
  ) {
    super(
      `The repository ${repository} at ${sha} is too large to read as an archive: ` +
        `it unpacks to more than ${Math.round(maxBytes / (1024 * 1024))} MiB, so Promenade stops here`,
    );
  }
}

interface OctokitFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
  headers?: Record<string, string | number | undefined>;
  errors?: { message?: string; type?: string }[];
}

function header(error: OctokitFailure, name: string): string | undefined {
  const value = error.response?.headers?.[name] ?? error.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** Wraps anything an Octokit call threw into a GitHubError (a GitHubError passes through). */
export function toGitHubError(operation: string, route: string, error: unknown): GitHubError {
  if (error instanceof GitHubError) return error;
  const failure = (typeof error === "object" && error !== null ? error : {}) as OctokitFailure;
  const graphqlErrors = failure.errors?.map((e) => (e.type ? `${e.type}: ${e.message}` : e.message)).join("; ");
  const retryAfter = Number(header(failure, "retry-after") ?? Number.NaN);
  return new GitHubError(
    operation,
    route,
    failure.status ?? (graphqlErrors ? 200 : 0),
    header(failure, "x-github-request-id"),
    graphqlErrors || failure.message || String(error),
    Number.isFinite(retryAfter) ? retryAfter : undefined,
    { cause: error },
  );
}

/** Runs one GitHub call, turning its failure into a GitHubError about `operation` on `route`. */
export async function callGitHub<T>(operation: string, route: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGitHubError(operation, route, error);
  }
}

/** Like callGitHub, but a 404 answers null. */
export async function callGitHubOrNull<T>(operation: string, route: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    const wrapped = toGitHubError(operation, route, error);
    if (wrapped.status === 404) return null;
    throw wrapped;
  }
}
