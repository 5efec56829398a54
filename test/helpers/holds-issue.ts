/**
 * The holds issue in the tests' repository acme/gitops, opened by Promenade's
 * bot, its body signed as Promenade writes it: as GitHub's REST API answers
 * it, and as Promenade's GraphQL query of its issues lists it.
 */
import nock from "nock";
import { HOLDS_ISSUE_TITLE, holdsIssueBodyMarkdown, type Hold } from "../../src/engine/markdown/holds.js";
import { dataSigningKey } from "../../src/promote/signing-key.js";
import { GITHUB_API, mockOwnApp, OWN_APP } from "./github-mock.js";

/** A hold on `environment` by `by`, placed on 23 November 2026 at 09:00 UTC. */
export function hold(environment: string, by: string, reason: string | null = null): Hold {
  return { environment, by, reason, at: "2026-11-23T09:00:00Z" };
}

/** The body Promenade writes in the holds issue of acme/gitops for `holds`, at its `revision`th write of it. */
export function signedHoldsBody(holds: readonly Hold[], revision = 1): string {
  return holdsIssueBodyMarkdown({ holds, revision }, "acme/gitops", dataSigningKey());
}

/** An account, as the REST API names it (an app's bot as `<slug>[bot]`). */
export interface Account {
  login: string;
  type: "Bot" | "User";
}

/** Promenade's bot. */
export const PROMENADE_BOT: Account = { login: `${OWN_APP.slug}[bot]`, type: "Bot" };

/** What to change in the issue. */
export interface HoldsIssueOptions {
  number?: number;
  state?: "open" | "closed";
  title?: string;
  /** The body as it reads now (default: the signed body of the holds). */
  body?: string;
  /** Who opened it (default: Promenade's bot). */
  user?: Account;
  /** The title it was opened with, when it was renamed since (default: its title). */
  openedAs?: string;
  /** Who last edited its body, at 10:00 (default: nobody since it was opened). */
  editedBy?: Account;
}

/** The holds issue holding `holds`, as `GET /repos/acme/gitops/issues` lists it and writes to it answer. */
export function holdsIssue(holds: readonly Hold[], options: HoldsIssueOptions = {}) {
  const number = options.number ?? 90;
  return {
    number,
    title: options.title ?? HOLDS_ISSUE_TITLE,
    body: options.body ?? signedHoldsBody(holds),
    state: options.state ?? "open",
    user: options.user ?? PROMENADE_BOT,
    updated_at: "2026-11-23T09:00:00Z",
    html_url: `https://github.com/acme/gitops/issues/${number}`,
    labels: [{ name: "promenade" }],
  };
}

/** An account as GraphQL names it: an app's bot by its slug alone. */
function actor(account: Account) {
  return { __typename: account.type, login: account.login.replace(/\[bot\]$/, "") };
}

/**
 * The holds issue holding `holds`, as Promenade's GraphQL query of its issues
 * lists it. Its edit history, when edited, is listed newest first, so that
 * the edit after Promenade's opening one is the last.
 */
export function listedHoldsIssue(holds: readonly Hold[], options: HoldsIssueOptions = {}) {
  const issue = holdsIssue(holds, options);
  const opened = { editedAt: "2026-11-23T09:00:00Z", editor: actor(options.user ?? PROMENADE_BOT) };
  const edited = options.editedBy === undefined ? null : { editedAt: "2026-11-23T10:00:00Z", editor: actor(options.editedBy) };
  return {
    number: issue.number,
    url: issue.html_url,
    title: issue.title,
    body: issue.body,
    state: issue.state === "closed" ? "CLOSED" : "OPEN",
    updatedAt: edited?.editedAt ?? issue.updated_at,
    author: actor(issue.user),
    lastEditedAt: edited?.editedAt ?? null,
    editor: edited?.editor ?? null,
    firstEdits: { nodes: edited === null ? [] : [edited] },
    lastEdits: { nodes: edited === null ? [] : [opened] },
    renames: { nodes: options.openedAs === undefined ? [] : [{ previousTitle: options.openedAs }] },
  };
}

/** One page of issues, as a GraphQL connection lists them. */
function page(nodes: readonly object[]) {
  return { pageInfo: { hasNextPage: false, endCursor: nodes.length === 0 ? null : "cursor" }, nodes };
}

/**
 * Answers Promenade's query for the issues of acme/gitops that its bot opened
 * (`byAuthor`, listedHoldsIssue) or that have the `promenade` label
 * (`byLabel`: by default the same ones), and who Promenade is, which the
 * query needs.
 */
export function mockHoldsIssues(byAuthor: readonly object[], byLabel: readonly object[] = byAuthor): void {
  mockOwnApp();
  nock(GITHUB_API)
    .post(
      "/graphql",
      (body: { query?: string; variables?: Record<string, unknown> }) =>
        body.query?.includes("promenadeIssuesByAuthor") === true && body.variables?.author === PROMENADE_BOT.login && body.variables.label === "promenade",
    )
    .reply(200, { data: { repository: { byAuthor: page(byAuthor), byLabel: page(byLabel) } } });
}
