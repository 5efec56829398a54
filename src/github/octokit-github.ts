/** The GitHubClient over a Probot/Octokit instance: what orchestrators receive in the app. */
import type { Probot } from "probot";
import { ArchiveReader } from "./archive-reader.js";
import { type Call, calls, type OctokitBound } from "./calls.js";
import type { AppIdentity, GitHubClient, RepoRef } from "./github-client.js";
import { listIssuesByAuthorOrLabel } from "./issues-by-author.js";
import type { Octokit } from "./octokit.js";
import { ownApp } from "./own-app.js";

/** Who Promenade is: the app whose own credentials say it (`GET /app`), or an identity read otherwise (the GitHub Action: appBySlug). */
export type IdentitySource = Pick<Probot, "auth"> | { identity: () => Promise<AppIdentity> };

/** Every call of `calls.ts` with `octokit` bound. */
function bindCalls(octokit: Octokit): OctokitBound<typeof calls> {
  const bound = Object.entries<Call>(calls).map(([name, call]) => [name, (...args: never[]) => call(octokit, ...args)]);
  return Object.fromEntries(bound) as OctokitBound<typeof calls>;
}

/**
 * A GitHubClient whose every call goes through `octokit` (e.g. a handler's
 * `context.octokit`), and who Promenade is through `app`'s own credentials (or its `identity`).
 * Made per event: the issues of a label (the config issue) and those of an
 * author (the holds issue), open and closed, are listed together, in one
 * read per client (the config issue is looked for among those of Promenade's
 * bot and label), and listed again after it writes an issue.
 */
export function createOctokitGitHub(octokit: Octokit, app: IdentitySource): GitHubClient {
  const issueLists = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, list: () => Promise<T>): Promise<T> => {
    let listing = issueLists.get(key) as Promise<T> | undefined;
    if (listing === undefined) {
      listing = list();
      listing.catch(() => issueLists.delete(key));
      issueLists.set(key, listing);
    }
    return listing;
  };
  const listed = (repo: RepoRef, author: string, label: string) =>
    once(`${repo.owner}/${repo.repo} author:${author} label:${label}`, () => listIssuesByAuthorOrLabel(octokit, repo, author, label));
  const identity = (): Promise<AppIdentity> => ("identity" in app ? app.identity() : ownApp(app));
  const writing = <T>(write: Promise<T>): Promise<T> => {
    issueLists.clear();
    return write;
  };
  const call = bindCalls(octokit);
  return {
    ...call,
    repoReader: (repo, sha) => new ArchiveReader(octokit, repo, sha),
    findOpenIssueByTitle: async (repo, title, label) => {
      const { issues, labelled } = await listed(repo, (await identity()).login, label);
      return issues.find((issue) => labelled.has(issue.number) && issue.state === "open" && issue.title === title) ?? null;
    },
    listIssuesByAuthor: async (repo, author, label) => (await listed(repo, author, label)).issues,
    createIssue: (repo, issue) => writing(call.createIssue(repo, issue)),
    updateIssue: (repo, number, update) => writing(call.updateIssue(repo, number, update)),
    closeIssue: (repo, number) => writing(call.closeIssue(repo, number)),
    ownApp: identity,
  };
}
