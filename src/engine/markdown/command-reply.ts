/**
 * The one reply Promenade writes to a comment with commands: what each
 * command line did or why it was refused, notes (the holds issue changed by
 * hand), and the help when a command was not understood. Found again by its
 * marker, so a second delivery of the same comment edits the reply instead
 * of adding one.
 */
import { formatVersion } from "../plan/format-version.js";
import type { Version } from "../plan/promotion.js";
import type { BlockedVersion, Hold } from "./holds.js";
import { codeSpan, plainText } from "./syntax.js";
import { whereTableMarkdown } from "./where-table.js";

/** The hidden marker of the reply to comment `commentId`. */
export function commandReplyMarker(commentId: number): string {
  return `<!-- promenade:reply ${commentId} -->`;
}

/** One command line and how it went. */
export interface CommandLineResult {
  /** The line as written. */
  text: string;
  ok: boolean;
  /** What was done, or why not (Markdown). */
  message: string;
}

/** The help in a reply: shown as it is (for `/help`), or folded (after a command that was not understood). */
export interface ReplyHelp {
  text: string;
  folded: boolean;
}

/**
 * The reply to comment `commentId`: each line quoted (inert: the reply
 * mentions nobody the comment did) with its outcome, then `notes` (Markdown),
 * then the help when given.
 */
export function commandReplyMarkdown(commentId: number, results: readonly CommandLineResult[], help?: ReplyHelp, notes: readonly string[] = []): string {
  const parts = [...results.map((result) => `> ${plainText(result.text)}\n\n${outcome(result)}`), ...notes];
  if (help !== undefined) parts.push(help.folded ? `<details><summary>The commands</summary>\n\n${help.text.trim()}\n\n</details>` : help.text.trim());
  return `${commandReplyMarker(commentId)}\n${parts.join("\n\n")}\n`;
}

/** 🚀 or 😕 and the message; a message of several lines (a table) starts on its own line. */
function outcome(result: CommandLineResult): string {
  const mark = result.ok ? "🚀" : "😕";
  return result.message.includes("\n") || result.message.startsWith("|") ? `${mark}\n\n${result.message}` : `${mark} ${result.message}`;
}

/** What a command did, or why it was refused: data, rendered by commandReplyMessage. */
export type CommandReply = CommandDone | CommandRefused;

/** What a command did. */
export type CommandDone =
  /** `/hold`: the environment is held (with the reason given, if any). */
  | { kind: "held"; environment: string; reason: string | null }
  /** `/unhold`: the hold is lifted. */
  | { kind: "unheld"; environment: string }
  /** `/promote <image> to <env>`: the promotion PRs opened or updated (`url` null: no PR). */
  | { kind: "promoted"; promotions: readonly { title: string; url: string | null; action: string }[] }
  /** `/check` on a pull request that changes no environment's files (`gateUpToDate`: its gate check was written). */
  | { kind: "checked-nothing"; gateUpToDate: boolean }
  /** `/check`: reviewed again, with each gate. */
  | { kind: "checked"; gates: readonly { environment: string; passed: boolean; title: string }[] }
  /** `/promote` on a promotion PR: merged. */
  | { kind: "merged"; environment: string }
  /** `/rollback`: the rollback PR (`url` null: no change needed), and the version rolled back from, now blocked in `environments`. */
  | { kind: "rollback-opened"; title: string; url: string | null; blocked: { image: string; version: Version; environments: readonly string[] } }
  /** `/unblock <image> <version>`: the version is no longer blocked in `environments`. */
  | { kind: "unblocked"; image: string; version: Version; environments: readonly string[] }
  /** `/help`: the help follows. */
  | { kind: "help" }
  /** `/where`: the versions by environment, the holds, and the blocked versions (none when absent). */
  | { kind: "where"; versions: ReadonlyMap<string, ReadonlyMap<string, Version>>; holds: readonly Hold[]; blocks?: readonly BlockedVersion[] };

/** Why a command was refused. */
export type CommandRefused =
  /** The repository has no valid config on its default branch. */
  | { kind: "no-config" }
  /** The commenter lacks `commands.minimumPermission` (`has`: what they have). */
  | { kind: "missing-permission"; needed: string; repository: string; login: string; has: string }
  /** The environment has `requires.reviewers` and the commenter is none of them. */
  | { kind: "not-reviewer"; environment: string; reviewers: readonly string[] }
  /** A name that did not resolve: why, and the likely one. */
  | { kind: "unresolved"; reason: string; suggestion?: string }
  /** A line that did not parse: the problem, the likely command, the usage. */
  | { kind: "not-understood"; message: string; suggestion?: string; usage?: string }
  /** The command failed (a PromenadeError). */
  | { kind: "failed"; message: string }
  /** `/unhold` of an environment that is not held. */
  | { kind: "not-held"; environment: string }
  /** `/promote` into an environment promoted from none. */
  | { kind: "no-source"; environment: string }
  /** `/promote` into a held environment. */
  | { kind: "environment-held"; environment: string; by: string; reason: string | null }
  /** `/promote <image> to <env>` found nothing to promote (`skipped`: why the plan skipped it; null: neither environment references it). */
  | { kind: "nothing-to-promote"; image: string; environment: string; from: string; skipped: string | null }
  /** `/check` not on a pull request. */
  | { kind: "check-needs-pull-request" }
  /** `/check` on a closed pull request. */
  | { kind: "pull-request-closed" }
  /** `/promote` alone not on a pull request. */
  | { kind: "promote-this-needs-pull-request" }
  /** `/promote` alone on a pull request that is no promotion PR. */
  | { kind: "not-a-promotion" }
  /** `/promote` alone on a promotion PR changed by hand. */
  | { kind: "changed-promotion"; reason: string }
  /** `/promote` alone on a closed promotion PR. */
  | { kind: "promotion-closed" }
  /** `/promote` alone: not merged, with what is missing (none: other checks, or GitHub refused). */
  | { kind: "not-merged"; missing: readonly string[] }
  /** `/rollback … to <version>`: the version's tag is not a tag. */
  | { kind: "version-not-a-tag"; problem: string }
  /** `/rollback` without an image, on an environment running none or several. */
  | { kind: "name-an-image"; environment: string; images: readonly string[] }
  /** `/rollback … to <text>`: not a version. */
  | { kind: "not-a-version"; text: string }
  /** `/rollback` found no earlier version in the last `history` changes. */
  | { kind: "no-earlier-version"; environment: string; image: string; imageText: string | null; history: number }
  /** `/rollback` to the version the environment runs. */
  | { kind: "already-runs"; environment: string; image: string; version: Version }
  /** `/unblock <image> <version>`: that version of that image is blocked nowhere (`image`: as resolved, or as written when no blocked image matches). */
  | { kind: "not-blocked"; image: string; version: string; blocked: readonly string[] };

const DONE_KINDS: ReadonlySet<CommandReply["kind"]> = new Set([
  "held",
  "unheld",
  "promoted",
  "checked-nothing",
  "checked",
  "merged",
  "rollback-opened",
  "unblocked",
  "help",
  "where",
]);

/** Whether the command did what it was asked (🚀), or was refused (😕). */
export function isDone(reply: CommandReply): reply is CommandDone {
  return DONE_KINDS.has(reply.kind);
}

/** The Markdown of `reply`: names, reasons and versions inert (they mention nobody). */
export function commandReplyMessage(reply: CommandReply): string {
  switch (reply.kind) {
    case "held":
      return `${bold(reply.environment)} is held${reply.reason === null ? "" : `: ${plainText(reply.reason)}`}. No promotion PR opens into it and its gate fails until ${codeSpan(`/unhold ${reply.environment}`)}.`;
    case "unheld":
      return `${bold(reply.environment)} is no longer held; promotions into it resume with the next change.`;
    case "promoted":
      return reply.promotions.map(({ title, url, action }) => (url === null ? plainText(title) : `${plainText(title)}: ${url} (${action})`)).join("\n");
    case "checked-nothing":
      return `Checked: this pull request changes no environment's files.${reply.gateUpToDate ? " Its `promenade/gate` check is up to date." : ""}`;
    case "checked": {
      const gates = reply.gates.map(({ environment, passed, title }) => `${bold(environment)}: ${passed ? "gate passed" : plainText(title)}`);
      return ["Checked again: the comment and the `promenade/policy` check are up to date.", ...gates].join("\n");
    }
    case "merged":
      return `Merged into ${bold(reply.environment)}.`;
    case "rollback-opened": {
      const { image, version, environments } = reply.blocked;
      const unblock = codeSpan(`/unblock ${image} ${formatVersion(version)}`);
      return `${plainText(reply.title)}: ${reply.url ?? "no change needed"}. ${codeSpan(image)} ${plainText(formatVersion(version))} is now blocked in ${environments.map(bold).join(", ")}: no automatic promotion proposes it there again, and the gate of a PR that brings it there fails, until ${unblock} (a newer version is proposed as usual).`;
    }
    case "unblocked":
      return `${codeSpan(reply.image)} ${plainText(formatVersion(reply.version))} is no longer blocked in ${reply.environments.map(bold).join(", ")}; it may be proposed there again.`;
    case "help":
      return "Here is what Promenade understands:";
    case "where":
      return whereTableMarkdown(reply.versions, reply.holds, reply.blocks);
    case "no-config":
      return "This repository has no valid `.github/promenade.yml` on its default branch, so Promenade takes no command here.";
    case "missing-permission":
      return plainText(`commands need ${reply.needed} permission on ${reply.repository}; @${reply.login} has ${reply.has}`);
    case "not-reviewer":
      return plainText(`commands on ${reply.environment} need one of its reviewers: ${reply.reviewers.join(", ")}`);
    case "unresolved":
      return `${plainText(reply.reason)}${reply.suggestion === undefined ? "" : ` (did you mean ${codeSpan(reply.suggestion)}?)`}`;
    case "not-understood": {
      const suggestion = reply.suggestion === undefined ? "" : ` (did you mean ${codeSpan(`/${reply.suggestion}`)}?)`;
      const usage = reply.usage === undefined ? "" : ` Usage: ${codeSpan(reply.usage)}`;
      return `${plainText(reply.message)}${suggestion}.${usage}`;
    }
    case "failed":
      return `it failed: ${plainText(reply.message)}`;
    case "not-held":
      return `${bold(reply.environment)} is not held.`;
    case "no-source":
      return `${bold(reply.environment)} is promoted from no other environment: new versions arrive in it when an image is pushed.`;
    case "environment-held":
      return `${bold(reply.environment)} is held by ${plainText(`@${reply.by}`)}${reply.reason === null ? "" : ` (${plainText(reply.reason)})`}: ${codeSpan(`/unhold ${reply.environment}`)} first.`;
    case "nothing-to-promote": {
      const why = reply.skipped ?? `neither ${reply.from} nor ${reply.environment} references it`;
      return `Nothing to promote: ${codeSpan(reply.image)} to ${bold(reply.environment)}: ${plainText(why)}.`;
    }
    case "check-needs-pull-request":
      return "`/check` works on a pull request.";
    case "pull-request-closed":
      return "This pull request is closed.";
    case "promote-this-needs-pull-request":
      return "`/promote` alone works on a promotion PR; elsewhere write `/promote <image> to <environment>`.";
    case "not-a-promotion":
      return "This is not a promotion PR: write `/promote <image> to <environment>`.";
    case "changed-promotion":
      return `Promenade does not merge this pull request: ${plainText(reply.reason)}. Write \`/promote <image> to <environment>\` to have it written again.`;
    case "promotion-closed":
      return "This promotion PR is closed.";
    case "not-merged":
      return `Not merged yet: ${reply.missing.length > 0 ? plainText(reply.missing.join("; ")) : "its checks have not all passed, or GitHub refused the merge (branch protection)"}.`;
    case "version-not-a-tag":
      return `The version after "to" is not a tag: ${reply.problem}.`;
    case "name-an-image":
      return `${bold(reply.environment)} runs ${reply.images.length === 0 ? "no image" : `several images (${plainText(reply.images.join(", "))})`}: name one, like ${codeSpan(`/rollback ${reply.environment} <image>`)}.`;
    case "not-a-version":
      return `${plainText(reply.text)} is not a version (a tag, a digest sha256:…, or tag@digest)`;
    case "no-earlier-version":
      return `no earlier version of ${codeSpan(reply.image)} in the last ${reply.history} changes of ${bold(reply.environment)}: name one, like ${codeSpan(`/rollback ${reply.environment} ${reply.imageText ?? "<image>"} to <version>`)}.`;
    case "already-runs":
      return `${bold(reply.environment)} already runs ${codeSpan(reply.image)} ${plainText(formatVersion(reply.version))}.`;
    case "not-blocked":
      return `${codeSpan(reply.image)} ${plainText(reply.version)} is not blocked in any environment${reply.blocked.length === 0 ? "" : ` (blocked: ${reply.blocked.map(codeSpan).join(", ")})`}.`;
  }
}

/** The line `text` of a comment with how its command went, as commandReplyMarkdown takes it. */
export function commandLineResult(text: string, reply: CommandReply): CommandLineResult {
  return { text, ok: isDone(reply), message: commandReplyMessage(reply) };
}

/** An environment's name, bold and inert. */
function bold(name: string): string {
  return `**${plainText(name)}**`;
}
