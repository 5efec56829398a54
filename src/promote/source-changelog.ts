/**
 * What changed in the `source` repositories of a promotion's images, for
 * its PR body, read from GitHub at most once per (account, source, old tag,
 * new tag) while the process lives.
 */
import { changelogBetween, changelogRequests, type ChangelogRequest, type SourceChangelog } from "../engine/changelog/changelog.js";
import type { Config } from "../engine/config/schema.js";
import type { Promotion } from "../engine/plan/promotion.js";
import { refCandidates, resolvedRef, type RefCandidate } from "../engine/changelog/source-refs.js";
import { LRUCache } from "lru-cache";
import { GitHubError } from "../github/errors.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";

/** What sourceChangelogs reads GitHub through. */
export type ChangelogGitHub = Pick<GitHubClient, "sourceRefs" | "compareSourceCommits">;

/** At most this many changelogs are kept in memory, the least recently used dropped first. */
const CACHE_SIZE = 200;

/**
 * Changelogs read, by account (the owner of the repository the PR is
 * opened in: the installation whose access read it, so a private source
 * one account may read is never shown in another's PR), source and tags.
 * Only complete ones are kept: a version that did not resolve (its tag may
 * be pushed later) or a repository that could not be read is asked again.
 */
const cache = new LRUCache<string, Promise<SourceChangelog>>({ max: CACHE_SIZE });

/**
 * The changelog of each image of `promotion` whose config names a `source`
 * and whose tag changes, by image. A GitHub failure never escapes: a source
 * that cannot be read gives a changelog that says so. Steps:
 *
 * 1. Find the images with a `source` and a tag change (changelogRequests).
 * 2. For each (at once), take the changelog from the cache, or:
 *    1. ask the source repository, in one GraphQL query, for the refs both tags may name (refCandidates) and its latest releases;
 *    2. when both tags resolve, compare their commits (one REST call);
 *    3. build the changelog (changelogBetween) and keep it when complete.
 */
export async function sourceChangelogs(
  github: ChangelogGitHub,
  repo: RepoRef,
  config: Pick<Config, "images">,
  promotion: Pick<Promotion, "images">,
): Promise<Map<string, SourceChangelog>> {
  const requests = changelogRequests(config, promotion);
  const read = await Promise.all(requests.map(async (request) => [request.image, await cachedChangelog(github, repo, request)] as const));
  return new Map(read);
}

/** Forgets every changelog read (for tests). */
export function forgetSourceChangelogs(): void {
  cache.clear();
}

/** The changelog of `request`, from the cache or read (a read under way is shared). */
function cachedChangelog(github: ChangelogGitHub, repo: RepoRef, request: ChangelogRequest): Promise<SourceChangelog> {
  const key = JSON.stringify([repo.owner.toLowerCase(), request.source.toLowerCase(), request.fromTag, request.toTag]);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const reading = readChangelog(github, request);
  cache.set(key, reading);
  const forget = () => {
    if (cache.get(key) === reading) cache.delete(key);
  };
  void reading.then((changelog) => (complete(changelog) ? undefined : forget()), forget);
  return reading;
}

/** Whether a changelog can be kept: both versions resolved and compared. */
function complete(changelog: SourceChangelog): boolean {
  return changelog.status === "read" && changelog.between !== null;
}

/** Reads the changelog of `request` from its source repository (steps 2.1 to 2.3). */
async function readChangelog(github: ChangelogGitHub, request: ChangelogRequest): Promise<SourceChangelog> {
  const [owner = "", name = ""] = request.source.split("/");
  const source: RepoRef = { owner, repo: name };
  const fromCandidates = refCandidates(request.fromTag);
  const toCandidates = refCandidates(request.toTag);
  try {
    const answers = await github.sourceRefs(source, questions([...fromCandidates, ...toCandidates]));
    if (answers === null) return { status: "unreadable", source: request.source, reason: "denied" };
    const from = resolvedRef(fromCandidates, answers);
    const to = resolvedRef(toCandidates, answers);
    const sides = { from: { version: request.fromTag, ref: from }, to: { version: request.toTag, ref: to } };
    if (from === null || to === null) return { status: "read", source: request.source, ...sides, between: null };
    const comparison = await github.compareSourceCommits(source, from.sha, to.sha);
    if (comparison === null) return { status: "unreadable", source: request.source, reason: "denied" };
    return { status: "read", source: request.source, ...sides, between: changelogBetween(to, comparison, answers.releases) };
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    return { status: "unreadable", source: request.source, reason: error.status === 403 || error.status === 404 ? "denied" : "failed" };
  }
}

/** The tag names and abbreviated SHAs to ask for, each once. */
function questions(candidates: readonly RefCandidate[]): { tags: string[]; commits: string[] } {
  const tags = new Set<string>();
  const commits = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.kind === "tag") tags.add(candidate.name);
    else commits.add(candidate.sha);
  }
  return { tags: [...tags], commits: [...commits] };
}
