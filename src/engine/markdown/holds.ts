/**
 * Holds (`/hold <env> [reason]`) and blocked versions (`/rollback`, lifted by
 * `/unblock`) live in one issue Promenade opens and keeps open while any
 * environment is held or any version blocked: tables for people and the
 * hidden data block any replica reads back, signed, so that a person who
 * edits the issue cannot change which environments are held or which
 * versions are blocked. Closed once the last hold and block are lifted, and
 * opened again for the next one.
 */
import { z } from "zod";
import type { HoldsIssueChange } from "../holds/held-environments.js";
import { formatVersion } from "../plan/format-version.js";
import type { Version } from "../plan/promotion.js";
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

/**
 * A version of an image blocked in one environment: `/rollback` blocks the
 * version it rolls back from, in the environment and in those promoted from
 * it. No automatic promotion proposes it there, and the gate of a pull
 * request that brings it there fails, until `/unblock <image> <version>`.
 */
export interface BlockedVersion {
  /** Docker-normalised image name. */
  image: string;
  version: Version;
  environment: string;
  /** Who blocked it (login: who ran `/rollback`). */
  by: string;
  /** When (ISO 8601). */
  at: string;
}

/** What Promenade records in the holds issue. */
export interface HoldsRecord {
  holds: readonly Hold[];
  /** The blocked versions; absent (none) in a record written before versions could be blocked. */
  blocks?: readonly BlockedVersion[];
  /**
   * How many times Promenade wrote the issue: one more at each write, so what
   * it writes always differs from the body before it and GitHub records
   * Promenade as the body's last editor, even when it puts back a body
   * someone pasted.
   */
  revision: number;
}

/** What the body of the holds issue says: Promenade's signed holds, no data, or data that is not Promenade's as written. */
export type HoldsIssueReading = ({ status: "valid"; blocks: readonly BlockedVersion[] } & HoldsRecord) | { status: "missing" } | { status: "forged" };

const blockSchema = z.object({
  image: z.string(),
  version: z.object({ tag: z.string().nullable(), digest: z.string().nullable() }),
  environment: z.string(),
  by: z.string(),
  at: z.string(),
});

const holdsSchema = z.object({
  revision: z.number().int().positive(),
  holds: z.array(z.object({ environment: z.string(), by: z.string(), reason: z.string().nullable(), at: z.string() })),
  blocks: z.array(blockSchema).optional(),
});

/** What the holds data is signed for: the repository (`owner/name`), apart from the promotion data of its pull requests. */
function holdsScope(repo: string): string {
  return `${repo} holds`;
}

/**
 * The body of the holds issue of `repo` (`owner/name`) for `record` (its
 * holds sorted by environment, its blocks by image, version and
 * environment), its data signed with `key`. Who held an environment or
 * blocked a version is named without mentioning them; reasons are inert
 * text. Without blocks, the body is exactly what Promenade wrote before
 * versions could be blocked.
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
  const blocks = sortedBlocks(record.blocks ?? []);
  return [
    "Promotions into these environments are held: their `promenade/gate` check fails until someone comments `/unhold <environment>`.",
    table,
    ...(blocks.length === 0 ? [] : blocksMarkdown(blocks)),
    "Only Promenade changes this issue. After an edit of this text by anyone else, every environment counts as held until `/unhold`; other changes made by hand are ignored. Promenade says so in its next reply to a command.",
    signedDataBlock({ revision: record.revision, holds: sorted, ...(blocks.length === 0 ? {} : { blocks }) }, holdsScope(repo), key),
  ]
    .join("\n\n")
    .concat("\n");
}

/** The holds Promenade recorded in `body`, the holds issue of `repo`, when its signed data verifies with `key`. Never throws. */
export function readHoldsIssueBody(body: string, repo: string, key: Uint8Array): HoldsIssueReading {
  const reading = readSignedDataBlock(body, holdsScope(repo), key);
  if (reading.status !== "valid") return reading;
  const parsed = holdsSchema.safeParse(reading.data);
  if (!parsed.success) return { status: "forged" };
  return { status: "valid", holds: parsed.data.holds, blocks: parsed.data.blocks ?? [], revision: parsed.data.revision };
}

/** The blocked versions' sentence and table, one row per version and environment. */
function blocksMarkdown(blocks: readonly BlockedVersion[]): string[] {
  const rows = blocks.map((block) => [
    codeSpan(block.image),
    codeSpan(formatVersion(block.version)),
    codeSpan(block.environment),
    plainText(`@${block.by}`),
    utcText(new Date(block.at)),
  ]);
  return [
    "These versions were rolled back: no automatic promotion proposes them again in these environments, and the `promenade/gate` check of a pull request that brings one there fails, until someone comments `/unblock <image> <version>`.",
    markdownTable(["image", "version", "environment", "blocked by", "since"], rows),
  ];
}

/** `blocks` sorted by image, then version, then environment. */
export function sortedBlocks(blocks: readonly BlockedVersion[]): BlockedVersion[] {
  const key = (block: BlockedVersion) => [block.image, formatVersion(block.version), block.environment];
  return [...blocks].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i += 1) {
      const [p, q] = [x[i] as string, y[i] as string];
      if (p !== q) return p < q ? -1 : 1;
    }
    return 0;
  });
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
      return `⚠️ ${issue} was changed by hand, so Promenade can no longer tell which environments are held: every environment counts as held until \`/unhold <environment>\` lifts it (from one of its reviewers, where it has some). Which versions \`/rollback\` blocked cannot be told either: none counts as blocked.`;
  }
}
