/**
 * The issues an app opened, found by their author (which nobody can change)
 * rather than by a label people can remove, with what GitHub records of their
 * changes and its REST API does not say: who last edited each body, and the
 * title each was opened with.
 */
import { type Actor, restLogin } from "./graphql-actor.js";
import { callGitHub, GitHubError } from "./errors.js";
import type { AuthoredIssue, RepoRef } from "./github-client.js";
import type { Octokit } from "./octokit.js";
import { repoName } from "./repo-name.js";

/**
 * One page of the issues `$author` opened and of those labelled `$label`
 * (GitHub Enterprise Cloud has been reported to match no app's bot by
 * `createdBy`: there the label still finds them, as before). An edit history
 * is read at both ends, as GitHub does not document its order: the later of
 * the two is the last edit. The first rename of an issue names the title it
 * was opened with (a timeline is oldest first).
 */
const ISSUES_QUERY = `query promenadeIssuesByAuthor($owner: String!, $name: String!, $author: String!, $label: String!, $authorAfter: String, $labelAfter: String) {
  repository(owner: $owner, name: $name) {
    byAuthor: issues(first: 100, after: $authorAfter, filterBy: {createdBy: $author}, states: [OPEN, CLOSED], orderBy: {field: CREATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor }
      nodes { ...promenadeAuthoredIssue }
    }
    byLabel: issues(first: 100, after: $labelAfter, labels: [$label], states: [OPEN, CLOSED], orderBy: {field: CREATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor }
      nodes { ...promenadeAuthoredIssue }
    }
  }
}

fragment promenadeAuthoredIssue on Issue {
  number
  url
  title
  body
  state
  updatedAt
  author { __typename login }
  lastEditedAt
  editor { __typename login }
  firstEdits: userContentEdits(first: 1) { nodes { editedAt editor { __typename login } } }
  lastEdits: userContentEdits(last: 1) { nodes { editedAt editor { __typename login } } }
  renames: timelineItems(itemTypes: [RENAMED_TITLE_EVENT], first: 1) { nodes { ... on RenamedTitleEvent { previousTitle } } }
}`;

interface Edit {
  editedAt: string;
  editor: Actor | null;
}

interface IssueNode {
  number: number;
  url: string;
  title: string;
  body: string;
  state: string;
  updatedAt: string;
  author: Actor | null;
  lastEditedAt: string | null;
  editor: Actor | null;
  firstEdits: { nodes: (Edit | null)[] | null };
  lastEdits: { nodes: (Edit | null)[] | null };
  renames: { nodes: ({ previousTitle?: string } | null)[] | null };
}

interface IssuePage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (IssueNode | null)[] | null;
}

interface IssuesResult {
  repository: { byAuthor: IssuePage; byLabel: IssuePage } | null;
}

/**
 * Every issue (open or closed; pull requests are not issues here) opened by
 * `author` (a login; an app's bot as `<app-slug>[bot]`) or labelled `label`,
 * newest first, with who last edited each body and the title each was opened
 * with: one GraphQL query per 100 of either.
 */
export async function listIssuesByAuthor(octokit: Octokit, repo: RepoRef, author: string, label: string): Promise<AuthoredIssue[]> {
  return (await listIssuesByAuthorOrLabel(octokit, repo, author, label)).issues;
}

/** The issues of listIssuesByAuthor, and the numbers of those among them that are labelled `label`. */
export interface IssuesByAuthorOrLabel {
  issues: AuthoredIssue[];
  labelled: ReadonlySet<number>;
}

/**
 * listIssuesByAuthor's issues, saying which are labelled `label`: the same
 * read answers both the look-up of an issue by its label (the config issue)
 * and that of the issues an app opened (the holds issue).
 */
export async function listIssuesByAuthorOrLabel(octokit: Octokit, repo: RepoRef, author: string, label: string): Promise<IssuesByAuthorOrLabel> {
  const operation = `list the issues ${author} opened in ${repoName(repo)}`;
  const route = "POST /graphql (repository.issues)";
  const found = new Map<number, AuthoredIssue>();
  const labelled = new Set<number>();
  const after: { authorAfter: string | null; labelAfter: string | null } = { authorAfter: null, labelAfter: null };
  for (let more = true; more;) {
    const { repository } = await callGitHub(operation, route, () =>
      octokit.graphql<IssuesResult>(ISSUES_QUERY, { owner: repo.owner, name: repo.repo, author, label, ...after }),
    );
    if (repository === null) throw new GitHubError(operation, route, 200, undefined, "the repository was not found");
    const { byAuthor, byLabel } = repository;
    for (const node of [...(byAuthor.nodes ?? []), ...(byLabel.nodes ?? [])]) if (node !== null) found.set(node.number, toAuthoredIssue(node));
    for (const node of byLabel.nodes ?? []) if (node !== null) labelled.add(node.number);
    // A list already read to its end is asked again after its last issue, which answers nothing.
    after.authorAfter = byAuthor.pageInfo.endCursor ?? after.authorAfter;
    after.labelAfter = byLabel.pageInfo.endCursor ?? after.labelAfter;
    more = byAuthor.pageInfo.hasNextPage || byLabel.pageInfo.hasNextPage;
  }
  return { issues: [...found.values()].sort((a, b) => b.number - a.number), labelled };
}

function toAuthoredIssue(node: IssueNode): AuthoredIssue {
  return {
    number: node.number,
    url: node.url,
    title: node.title,
    body: node.body,
    state: node.state === "CLOSED" ? "closed" : "open",
    author: restLogin(node.author),
    authorIsBot: node.author?.__typename === "Bot",
    updatedAt: node.updatedAt,
    openingTitle: node.renames.nodes?.[0]?.previousTitle ?? node.title,
    lastBodyEditors: lastBodyEditors(node),
  };
}

/** Who made the last edit of the body, by each of GitHub's records of it: the issue's `editor`, and the later end of its edit history. */
function lastBodyEditors(node: IssueNode): string[] {
  const edits = [...(node.firstEdits.nodes ?? []), ...(node.lastEdits.nodes ?? [])].filter((edit): edit is Edit => edit !== null);
  const latest = edits.reduce<Edit | undefined>(
    (later, edit) => (later === undefined || Date.parse(edit.editedAt) > Date.parse(later.editedAt) ? edit : later),
    undefined,
  );
  return [...(node.lastEditedAt === null ? [] : [restLogin(node.editor)]), ...(latest === undefined ? [] : [restLogin(latest.editor)])];
}
