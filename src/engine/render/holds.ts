/**
 * Holds (`/hold <env> [reason]`) live in one issue Promenade keeps open while
 * any environment is held: a table for people and the hidden data block any
 * replica reads back. Closed once the last hold is lifted.
 */
import { z } from "zod";
import { utcText } from "../utc-text.js";
import { readDataBlock, writeDataBlock } from "./data-block.js";
import { codeSpan, markdownTable, tableCell } from "./markdown.js";

/** The title of the holds issue; it is found by it (and the `promenade` label). */
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

const holdsSchema = z.object({
  holds: z.array(z.object({ environment: z.string(), by: z.string(), reason: z.string().nullable(), at: z.string() })),
});

/** The body of the holds issue for `holds` (sorted by environment). */
export function renderHoldsIssueBody(holds: readonly Hold[]): string {
  const sorted = [...holds].sort((a, b) => (a.environment < b.environment ? -1 : a.environment > b.environment ? 1 : 0));
  const rows = sorted.map((hold) => [codeSpan(hold.environment), `@${hold.by}`, hold.reason === null ? "—" : tableCell(hold.reason), utcText(new Date(hold.at))]);
  return [
    "Promotions into these environments are held: their `promenade/gate` check fails until someone comments `/unhold <environment>`.",
    markdownTable(["environment", "held by", "reason", "since"], rows),
    writeDataBlock({ holds: sorted }),
  ].join("\n\n").concat("\n");
}

/** The holds recorded in the body of the holds issue; none when it has no (valid) data block. Never throws. */
export function parseHoldsIssueBody(body: string | null | undefined): Hold[] {
  const parsed = holdsSchema.safeParse(readDataBlock(body ?? ""));
  return parsed.success ? parsed.data.holds : [];
}
