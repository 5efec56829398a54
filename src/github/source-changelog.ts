/**
 * Reading an image's `source` repository for the changelog of a promotion
 * PR: which commits a few tag names and abbreviated SHAs name, with the
 * latest releases, in one GraphQL query; then the comparison of two commits,
 * in one REST call.
 */
import type { Comparison, ComparisonStatus, SourceRelease } from "../engine/changelog/changelog.js";
import type { RefAnswers } from "../engine/changelog/source-refs.js";
import { callGitHub, callGitHubOrNull } from "./errors.js";
import type { RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

/** How many of the latest releases the query reads (their notes are matched to the commits between the versions). */
const RELEASES_READ = 25;

/** How many commits of a comparison are read (one page). */
const COMPARE_COMMITS = 100;

/** What sourceRefs read: the refs that resolved and the latest releases, newest first. */
export interface SourceRefs extends RefAnswers {
  releases: SourceRelease[];
}

/** What a source repository may be asked: tag names and abbreviated commit SHAs. */
export interface RefQuestions {
  tags: readonly string[];
  commits: readonly string[];
}

type GitObject = { __typename: string; oid: string; target?: { __typename: string; oid: string } } | null;

interface ReleaseNode {
  tagName: string;
  name: string | null;
  description: string | null;
  url: string;
  isDraft: boolean;
  tagCommit: { oid: string } | null;
}

type RefsResult = { repository: ({ releases: { nodes: (ReleaseNode | null)[] | null } } & Record<string, { target: GitObject } | GitObject | null>) | null };

const COMPARE = "GET /repos/{owner}/{repo}/compare/{basehead}";

/**
 * The commits that the tags `questions.tags` and the abbreviated SHAs
 * `questions.commits` name in `repo` (a name that names nothing, or no
 * commit, is absent), and its latest releases, in one GraphQL query. Null
 * when GitHub does not let the app read the repository (not found, not
 * installed, forbidden).
 */
export async function sourceRefs(octokit: Octokit, repo: RepoRef, questions: RefQuestions): Promise<SourceRefs | null> {
  const variables: Record<string, string> = { owner: repo.owner, name: repo.repo };
  const declarations = ["$owner: String!", "$name: String!"];
  const fields: string[] = [];
  questions.tags.forEach((tag, index) => {
    variables[`t${index}`] = `refs/tags/${tag}`;
    declarations.push(`$t${index}: String!`);
    fields.push(`t${index}: ref(qualifiedName: $t${index}) { target { __typename oid ... on Tag { target { __typename oid } } } }`);
  });
  questions.commits.forEach((sha, index) => {
    variables[`c${index}`] = sha;
    declarations.push(`$c${index}: String!`);
    fields.push(`c${index}: object(expression: $c${index}) { __typename oid }`);
  });
  const releases = `releases(first: ${RELEASES_READ}, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { tagName name description url isDraft tagCommit { oid } } }`;
  const query = `query promenadeSourceRefs(${declarations.join(", ")}) {\n  repository(owner: $owner, name: $name) {\n    ${[...fields, releases].join("\n    ")}\n  }\n}`;
  const result = await callGitHub(`read the tags and releases of ${repoName(repo)}`, "POST /graphql (repository.ref)", async () => {
    try {
      return await octokit.graphql<RefsResult>(query, variables);
    } catch (error) {
      if (unreadable(error)) return { repository: null };
      throw error;
    }
  });
  const repository = result.repository;
  if (repository === null) return null;
  const tags = new Map<string, string>();
  questions.tags.forEach((tag, index) => {
    const sha = commitOf((repository[`t${index}`] as { target: GitObject } | null)?.target ?? null);
    if (sha !== null) tags.set(tag, sha);
  });
  const commits = new Map<string, string>();
  questions.commits.forEach((abbreviated, index) => {
    const sha = commitOf(repository[`c${index}`] as GitObject);
    if (sha !== null) commits.set(abbreviated, sha);
  });
  return { tags, commits, releases: (repository.releases.nodes ?? []).flatMap((node) => (node === null ? [] : [release(node)])) };
}

/**
 * GitHub's comparison of commit `base` with commit `head` in `repo`: how
 * they relate and the first commits of head that base lacks, oldest first.
 * Null when the repository or a commit is not found.
 */
export async function compareSourceCommits(octokit: Octokit, repo: RepoRef, base: string, head: string): Promise<Comparison | null> {
  const answer = await callGitHubOrNull(`compare ${base}...${head} in ${repoName(repo)}`, COMPARE, () =>
    octokit.request(COMPARE, { ...repo, basehead: `${base}...${head}`, per_page: COMPARE_COMMITS }),
  );
  if (answer === null) return null;
  const { data } = answer;
  return {
    status: data.status as ComparisonStatus,
    aheadBy: data.ahead_by,
    behindBy: data.behind_by,
    commits: data.commits.map((commit) => ({ sha: commit.sha, message: commit.commit.message, url: commit.html_url })),
  };
}

/** The commit a ref's target or an object names (through an annotated tag); null for anything else. */
function commitOf(object: GitObject): string | null {
  if (object === null) return null;
  if (object.__typename === "Commit") return object.oid;
  if (object.__typename === "Tag" && object.target?.__typename === "Commit") return object.target.oid;
  return null;
}

function release(node: ReleaseNode): SourceRelease {
  return { tagName: node.tagName, name: node.name, body: node.description ?? "", url: node.url, commitSha: node.tagCommit?.oid ?? null, draft: node.isDraft };
}

/** Whether a GraphQL failure says only that the repository cannot be seen (octokit's GraphqlResponseError with NOT_FOUND or FORBIDDEN errors). */
function unreadable(error: unknown): boolean {
  const answer = error as { name?: string; errors?: { type?: string }[] };
  return answer.name === "GraphqlResponseError" && answer.errors?.every((problem) => problem.type === "NOT_FOUND" || problem.type === "FORBIDDEN") === true;
}
