/**
 * The dashboard issue: one issue per repository that Promenade keeps
 * current (what runs where and since when, the open promotion PRs and their
 * gate, holds, blocked versions, drift) with boxes that run a slash command
 * when ticked. Its hidden data block, signed, lists the boxes Promenade
 * rendered and what each does, so that a tick is read against Promenade's
 * own rendering, never against words a person typed. Deterministic: the same
 * state gives the same text, so an unchanged dashboard is not written.
 */
import { z } from "zod";
import type { DashboardAction, DashboardBox, DashboardModel } from "../dashboard/dashboard-model.js";
import { utcText } from "../utc-text.js";
import type { CommandLineResult } from "./command-reply.js";
import { readSignedDataBlock, signedDataBlock } from "./signed-block.js";
import { codeSpan, markdownTable, plainText, tableCell, versionCell } from "./syntax.js";

/** The title of the dashboard issue; it is found by it (the title it was opened with) and by its author, Promenade's bot. */
export const DASHBOARD_TITLE = "Promenade dashboard";

/** A box as Promenade rendered it: the line's words after `- [ ] `, and its command. */
export interface RenderedBox {
  line: string;
  action: DashboardAction;
}

/** What the body of the dashboard says: the boxes Promenade rendered in it, no data, or data that is not Promenade's as written. */
export type DashboardReading = { status: "valid"; boxes: RenderedBox[] } | { status: "missing" } | { status: "forged" };

const actionSchema = z.union([
  z.object({ name: z.literal("promote"), image: z.string(), environment: z.string() }),
  z.object({ name: z.literal("rollback"), environment: z.string(), image: z.string() }),
]);

const dataSchema = z.object({ dashboard: z.literal(1), boxes: z.array(z.object({ line: z.string(), action: actionSchema })) });

/** What the dashboard's data is signed for: the repository (`owner/name`), apart from its other signed blocks. */
function dashboardScope(repo: string): string {
  return `${repo} dashboard`;
}

/** The words of `box`'s line: inert (an image or environment name mentions nobody and carries no markup). */
function boxLine(box: DashboardBox): string {
  return plainText(box.text);
}

/** The body of the dashboard of `repo` (`owner/name`) for `model`, its data signed with `key`. */
export function dashboardBodyMarkdown(model: DashboardModel, repo: string, key: Uint8Array): string {
  const boxes = model.boxes.map((box) => ({ line: boxLine(box), action: box.action }));
  return [
    "Promenade keeps this issue current: what each environment runs, the open promotion PRs and their gate, holds, blocked versions and drift. Only Promenade edits it: other changes are undone, apart from ticking a box below.",
    "## What runs where",
    versionsTable(model),
    "## Open promotion PRs",
    promotionsTable(model),
    "## Held environments",
    holdsTable(model),
    "## Blocked versions",
    blockedTable(model),
    "## Drift",
    driftTable(model),
    "## Actions",
    boxes.length === 0
      ? "Nothing to promote or roll back."
      : [
          "Tick a box to run its command, as if you had commented it: it needs the permission the command needs (`commands.minimumPermission`, and one of the environment's `requires.reviewers` where it has some).",
          boxes.map((box) => `- [ ] ${box.line}`).join("\n"),
        ].join("\n\n"),
    signedDataBlock({ dashboard: 1, boxes }, dashboardScope(repo), key),
  ]
    .join("\n\n")
    .concat("\n");
}

function versionsTable(model: DashboardModel): string {
  if (model.images.length === 0) return "No environment runs an image yet.";
  const rows = model.images.map(({ shown, cells }) => [
    codeSpan(shown),
    ...model.environments.map((environment) => {
      const cell = cells.get(environment);
      if (cell === undefined) return "—";
      return cell.since === null ? versionCell(cell.version) : `${versionCell(cell.version)} since ${utcText(cell.since)}`;
    }),
  ]);
  return markdownTable(["image", ...model.environments.map(plainText)], rows);
}

function promotionsTable(model: DashboardModel): string {
  if (model.promotions.length === 0) return "No promotion PR is open.";
  const rows = model.promotions.map((pr) => [`[#${pr.number}](${pr.url}) ${plainText(pr.title)}`, plainText(pr.environment), gateCell(pr)]);
  return markdownTable(["pull request", "environment", "gate"], rows);
}

function gateCell(pr: DashboardModel["promotions"][number]): string {
  const title = pr.gateTitle === null ? "" : `: ${plainText(pr.gateTitle)}`;
  switch (pr.gate) {
    case "passed":
      return `✅ passed${title}`;
    case "failed":
      return `❌ failed${title}`;
    case "pending":
      return "⏳ not decided yet";
  }
}

function holdsTable(model: DashboardModel): string {
  if (model.holds.length === 0) return "No environment is held.";
  const rows = model.holds.map((hold) => [
    plainText(hold.environment),
    plainText(`@${hold.by}`),
    hold.reason === null ? "—" : tableCell(hold.reason),
    utcText(new Date(hold.at)),
  ]);
  return markdownTable(["environment", "held by", "reason", "since"], rows);
}

function blockedTable(model: DashboardModel): string {
  if (model.blocked.length === 0) return "No version is blocked.";
  const rows = model.blocked.map((entry) => [
    codeSpan(entry.image),
    versionCell(entry.version),
    plainText(entry.environment),
    plainText(`@${entry.by}`),
    utcText(new Date(entry.at)),
  ]);
  return `Not promoted again until \`/unblock <image> <version>\`.\n\n${markdownTable(["image", "version", "in", "blocked by", "since"], rows)}`;
}

function driftTable(model: DashboardModel): string {
  if (model.drift.length === 0) return "Every environment runs the versions of the environment it is promoted from.";
  const rows = model.drift.map((entry) => [
    plainText(entry.environment),
    codeSpan(entry.image),
    versionCell(entry.target),
    `${versionCell(entry.source)} in ${plainText(entry.from)}`,
  ]);
  return markdownTable(["environment", "image", "runs", "source runs"], rows);
}

/** The boxes Promenade rendered in `body`, the dashboard of `repo`, when its signed data verifies with `key`. Never throws. */
export function readDashboardBody(body: string, repo: string, key: Uint8Array): DashboardReading {
  const reading = readSignedDataBlock(body, dashboardScope(repo), key);
  if (reading.status !== "valid") return reading;
  const parsed = dataSchema.safeParse(reading.data);
  return parsed.success ? { status: "valid", boxes: parsed.data.boxes } : { status: "forged" };
}

/** The slash command a box stands for, as a person would write it (for the reply). */
export function dashboardCommandText(action: DashboardAction): string {
  return action.name === "promote" ? `/promote ${action.image} to ${action.environment}` : `/rollback ${action.environment} ${action.image}`;
}

/**
 * Promenade's reply on the dashboard to `login`'s ticks that were not done:
 * each box's command quoted (inert) with why, as a reply to a command comment
 * says it.
 */
export function dashboardTickReplyMarkdown(login: string, results: readonly CommandLineResult[]): string {
  const lines = results.map((result) => `> ${plainText(result.text)}\n\n${result.ok ? "🚀" : "😕"} ${result.message}`);
  return [`${plainText(`@${login}`)} ticked ${results.length === 1 ? "a box" : "boxes"} on this dashboard; the box is unticked again.`, ...lines]
    .join("\n\n")
    .concat("\n");
}
