/**
 * Reading and changing the holds on environments, stored in the holds issue
 * so that every replica sees them. The issue counts only when Promenade's
 * bot opened it with the holds title (an issue with that title opened by a
 * person is not read), and only Promenade's signed record in it, as Promenade
 * last wrote it, is believed: see HeldEnvironments for what a change by hand
 * does. The next change of holds writes the issue back as Promenade recorded
 * it (title, body, and opened again when holds remain).
 */
import { findOwnIssue, type OwnIssueGitHub, sameLogin } from "./own-issue.js";
import { withBlocks, withoutBlocks } from "../engine/holds/blocked-versions.js";
import { everyEnvironmentHeld, heldEnvironments, type HeldEnvironments } from "../engine/holds/held-environments.js";
import { CONFIG_ISSUE_LABEL } from "../engine/markdown/config-issue.js";
import {
  HOLDS_ISSUE_TITLE,
  readHoldsIssueBody,
  holdsIssueBodyMarkdown,
  type BlockedVersion,
  type Hold,
  type HoldsIssueReading,
} from "../engine/markdown/holds.js";
import type { AppIdentity, AuthoredIssue, GitHubClient, IssueUpdate, RepoRef } from "../github/github-client.js";
import { repoName } from "../github/repo-name.js";
import { dataSigningKey } from "./signing-key.js";

/** What reading the holds needs from GitHub. */
export type HoldsReadGitHub = OwnIssueGitHub;

/** What changing the holds needs from GitHub. */
export type HoldsGitHub = HoldsReadGitHub & Pick<GitHubClient, "createIssue" | "updateIssue" | "closeIssue">;

/** The holds issue of repository `repo` (`owner/name`), what its body says, and who Promenade is. */
interface HoldsIssue {
  repo: string;
  issue: AuthoredIssue;
  reading: HoldsIssueReading;
  own: AppIdentity;
}

/** The holds of `repo` (one read, see findHoldsIssue). */
export async function readHolds(github: HoldsReadGitHub, repo: RepoRef): Promise<HeldEnvironments> {
  return holdsOf(await findHoldsIssue(github, repo));
}

/**
 * Puts `hold` on its environment (replacing an earlier hold there) or, with
 * `lift`, removes the hold of that environment; with `block`, adds blocked
 * versions (replacing those of the same image, version and environment) or,
 * with `unblock`, removes them. Then writes the holds issue: opens it, or
 * updates it (its title and text put back as Promenade writes them, reopened
 * while holds or blocks remain, closed when none do). `environments` are the
 * config's: when the issue's record was lost, each of them was held (and
 * which versions were blocked cannot be told: none stays blocked). Answers
 * the holds after the change.
 */
export async function changeHolds(
  github: HoldsGitHub,
  repo: RepoRef,
  change: { hold: Hold } | { lift: string } | { block: readonly BlockedVersion[] } | { unblock: readonly BlockedVersion[] },
  environments: readonly string[],
): Promise<HeldEnvironments> {
  const found = await findHoldsIssue(github, repo);
  const holds = new Map(
    holdsOf(found)
      .list(environments)
      .map((hold) => [hold.environment, hold]),
  );
  let blocks = holdsOf(found).blocks;
  if ("hold" in change) holds.set(change.hold.environment, change.hold);
  else if ("lift" in change) holds.delete(change.lift);
  else if ("block" in change) blocks = withBlocks(blocks, change.block);
  else blocks = withoutBlocks(blocks, change.unblock);
  const revision = (found?.reading.status === "valid" ? found.reading.revision : 0) + 1;
  const body = holdsIssueBodyMarkdown({ holds: [...holds.values()], blocks, revision }, repoName(repo), dataSigningKey());
  const kept = holds.size > 0 || blocks.length > 0;
  if (found === null) {
    if (kept) await github.createIssue(repo, { title: HOLDS_ISSUE_TITLE, body, labels: [CONFIG_ISSUE_LABEL] });
    return heldEnvironments([...holds.values()], null, blocks);
  }
  const { issue } = found;
  const update: IssueUpdate = {
    ...(issue.title === HOLDS_ISSUE_TITLE ? {} : { title: HOLDS_ISSUE_TITLE }),
    body,
    ...(kept && issue.state === "closed" ? { state: "open" as const } : {}),
  };
  await github.updateIssue(repo, issue.number, update);
  if (!kept && issue.state === "open") await github.closeIssue(repo, issue.number);
  return heldEnvironments([...holds.values()], null, blocks);
}

/**
 * The holds issue: Promenade's issue opened with the holds title (findOwnIssue),
 * with its record read; null when there is none. The same query says who
 * last edited each body (see holdsOf).
 */
async function findHoldsIssue(github: HoldsReadGitHub, repo: RepoRef): Promise<HoldsIssue | null> {
  const { issue, own } = await findOwnIssue(github, repo, HOLDS_ISSUE_TITLE);
  if (issue === null) return null;
  const name = repoName(repo);
  return { repo: name, issue, reading: readHoldsIssueBody(issue.body, name, dataSigningKey()), own };
}

/**
 * The holds `found` records, and what was changed in it by hand. Its record
 * is believed only when it verifies and Promenade's bot made the last edit
 * of the body, as GitHub records it (people cannot write that record):
 * otherwise someone may have pasted back an earlier body of the issue, whose
 * record still verifies, from before an environment was held.
 */
function holdsOf(found: HoldsIssue | null): HeldEnvironments {
  if (found === null) return heldEnvironments([]);
  const { repo, issue, reading, own } = found;
  if (reading.status !== "valid" || issue.lastBodyEditors.some((editor) => !sameLogin(editor, own.login))) {
    const reason = `the holds issue #${issue.number} was changed by hand, so which environments are held cannot be told`;
    return everyEnvironmentHeld({ by: own.login, reason, at: issue.updatedAt }, issue.number);
  }
  const { holds, blocks } = reading;
  if (issue.state === "closed" && (holds.length > 0 || blocks.length > 0)) return heldEnvironments(holds, { kind: "closed", issue: issue.number }, blocks);
  const edited = issue.title !== HOLDS_ISSUE_TITLE || issue.body !== holdsIssueBodyMarkdown(reading, repo, dataSigningKey());
  return heldEnvironments(holds, edited ? { kind: "edited", issue: issue.number } : null, blocks);
}
