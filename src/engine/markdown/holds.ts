/**
 * Holds (`/hold <env> [reason]`) live in one issue Promenade opens and keeps
 * open while any environment is held: a table for people and the hidden data
 * block any replica reads back, signed, so that a person who edits the issue
 * cannot change which environments are held. Closed once the last hold is
 * lifted, and opened again for the next one.
 */
import { z } from "zod";
import type { HoldsIssueChange } from "../holds/held-environments.js";
import { utcText } from "../utc-text.js";
import { codeSpan, markdownTable, plainText, tableCell } from "./syntax.js";
import { readSignedDataBlock, signedDataBlock } from "./signed-block.js";

/** The title of the holds issue; it is found by it (the title it was opened with) and by its author, Promenade's bot. */
export const HOLDS_ISSUE_TITLE = "Promenade: held environments";

/** A hold on one environment. */
export interface Hold {
  environment: string;
  /** Who held it (login). */
  by: string;
  reason: string | null;
  /** When (ISO 8601). */
  at: string;
}

/** What Promenade records in the holds issue. */
export interface HoldsRecord {
  holds: readonly Hold[];
  /**
   * How many times Promenade wrote the issue: one more at each write, so what
   * it writes always differs from the body before it and GitHub records
   * Promenade as the body's last editor, even when it puts back a body
   * someone pasted.
   */
  revision: number;
}

/** What the body of the holds issue says: Promenade's signed holds, no data, or data that is not Promenade's as written. */
export type HoldsIssueReading = ({ status: "valid" } & HoldsRecord) | { status: "missing" } | { status: "forged" };

const holdsSchema = z.object({
  revision: z.number().int().positive(),
  holds: z.array(z.object({ environment: z.string(), by: z.string(), reason: z.string().nullable(), at: z.string() })),
});

/** What the holds data is signed for: the repository (`owner/name`), apart from the promotion data of its pull requests. */
function holdsScope(repo: string): string {
  return `${repo} holds`;
}

/**
 * The body of the holds issue of `repo` (`owner/name`) for `record` (its
 * holds sorted by environment), its data signed with `key`. Who held an
 * environment is named without mentioning them; reasons are inert text.
 */
export function holdsIssueBodyMarkdown(record: HoldsRecord, repo: string, key: Uint8Array): string {
  const sorted = [...record.holds].sort((a, b) => (a.environment < b.environment ? -1 : a.environment > b.environment ? 1 : 0));
  const rows = sorted.map((hold) => [
    codeSpan(hold.environment),
    plainText(`@${hold.by}`),
    hold.reason === null ? "—" : tableCell(hold.reason),
    utcText(new Date(hold.at)),
  ]);
  const table = sorted.length === 0 ? "No environment is held." : markdownTable(["environment", "held by", "reason", "since"], rows);
  return [
    "Promotions into these environments are held: their `promenade/gate` check fails until someone comments `/unhold <environment>`.",
    table,
    "Only Promenade changes this issue. After an edit of this text by anyone else, every environment counts as held until `/unhold`; other changes made by hand are ignored. Promenade says so in its next reply to a command.",
    signedDataBlock({ revision: record.revision, holds: sorted }, holdsScope(repo), key),
  ]
    .join("\n\n")
    .concat("\n");
}

/** The holds Promenade recorded in `body`, the holds issue of `repo`, when its signed data verifies with `key`. Never throws. */
export function readHoldsIssueBody(body: string, repo: string, key: Uint8Array): HoldsIssueReading {
  const reading = readSignedDataBlock(body, holdsScope(repo), key);
  if (reading.status !== "valid") return reading;
  const parsed = holdsSchema.safeParse(reading.data);
  return parsed.success ? { status: "valid", holds: parsed.data.holds, revision: parsed.data.revision } : { status: "forged" };
}

/** What Promenade says, in its next reply to a command, about a change people made to the holds issue. */
export function holdsIssueChangeMarkdown(change: HoldsIssueChange): string {
  const issue = `The holds issue #${change.issue}`;
  switch (change.kind) {
    case "edited":
      return `⚠️ ${issue} was changed by hand; the change was ignored. Promenade writes the issue back with its next change of holds.`;
    case "closed":
      return `⚠️ ${issue} was closed by hand; the holds in it stay. Promenade opens it again with its next change of holds.`;
    case "lost":
      return `⚠️ ${issue} was changed by hand, so Promenade can no longer tell which environments are held: every environment counts as held until \`/unhold <environment>\` lifts it (from one of its reviewers, where it has some).`;
  }
}
