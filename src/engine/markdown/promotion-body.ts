/**
 * The body of a promotion PR: what moves
 * where, in a table, with links, what changed in the images' `source`
 * repositories (source-changelog.ts), and the hidden data later runs read back
 * with readPromotionBody. Deterministic: the same input gives the same text,
 * so an unchanged PR is not edited.
 */
import type { SourceChangelog } from "../changelog/changelog.js";
import type { Config } from "../config/schema.js";
import { droppedPinNote, type DroppedPin } from "../images/dropped-pin.js";
import { formatVersion } from "../plan/format-version.js";
import { imagePolicyFor } from "../plan/image-policy.js";
import type { FileWarning } from "../repo/skipped-files.js";
import type { ImageChange, Promotion } from "../plan/promotion.js";
import { utcText } from "../utc-text.js";
import { writeDataBlock } from "./data-block.js";
import { readSignedDataBlock, signedDataBlock } from "./signed-block.js";
import { changelogMarkdown, linkTarget } from "./source-changelog.js";
import { codeSpan, markdownTable, plainText, versionCell } from "./syntax.js";
import { promotionData, promotionDataSchema, type PromotionContext, type PromotionData, type SupersededVersion } from "./promotion-data.js";

/** What is known about an image's version in the source environment. */
export interface SourceDetails {
  /** When the version started running in `from` (the merge time of that change). */
  since?: Date | null;
  /** The commit or PR of the source environment that put the version there. */
  url?: string | null;
}

/** What the body shows beyond the promotion itself; all optional. */
export interface PromotionBodyOptions {
  /** Per image (Docker-normalised name): details of its version in the source environment. */
  sources?: ReadonlyMap<string, SourceDetails>;
  /** The config, for each image's `source` repository (compare links). */
  config?: Pick<Config, "images">;
  /** Per image (Docker-normalised name) whose config names a `source`: what changed there between the two versions, as read from GitHub. An image without one gets a compare link between its tags. */
  changelogs?: ReadonlyMap<string, SourceChangelog>;
  /** The data of the open PR this body replaces, to say what it supersedes. */
  previous?: PromotionData | null;
  /** Who triggered the promotion, kept in the data for the gate. */
  actor?: string | null;
  /** The GitHub web address for compare links; default `https://github.com` (set it for GitHub Enterprise Server). */
  serverUrl?: string;
  /** The commit Promenade made for the promotion and the files it changes, kept in the data. */
  commit?: PromotionContext["commit"];
  /** Sign the data block (the app does; the command-line tool's plans are not signed). */
  signing?: Signing;
  /** The environment's files the promotion left unread (they do not parse and cannot hold its images). */
  warnings?: readonly FileWarning[];
  /** References pinned by digest whose pin the promotion drops, as the new version has no digest. */
  droppedPins?: readonly DroppedPin[];
}

/** What a data block is signed with: the repository it is written in (`owner/repo`) and the app's key. */
export interface Signing {
  scope: string;
  key: Uint8Array;
}

/** The data of a promotion body as read back: none, not Promenade's (edited, copied, made by hand), or Promenade's. */
export type PromotionBodyReading = { status: "missing" } | { status: "forged" } | { status: "valid"; data: PromotionData };

/** The most characters a PR body may hold: GitHub refuses longer ones. */
export const BODY_LIMIT = 65_536;

/** The most characters the changelogs of a body take together, whatever room is left. */
const CHANGELOG_LIMIT = 40_000;

/** Room kept free below BODY_LIMIT, for the separators and what a person adds. */
const BODY_MARGIN = 1_000;

/**
 * The PR body of `promotion`, ending with its hidden data block. The
 * changelogs take the room the rest leaves under BODY_LIMIT (at most
 * CHANGELOG_LIMIT), shared equally among the images that have one.
 */
export function promotionBodyMarkdown(promotion: Promotion, options: PromotionBodyOptions = {}): string {
  const since = new Map([...(options.sources ?? [])].map(([image, details]) => [image, details.since]));
  const data = promotionData(promotion, options.previous, { since, actor: options.actor, ...(options.commit === undefined ? {} : { commit: options.commit }) });
  const before = [summary(promotion), table(promotion, data, options.sources), orderNotes(promotion)];
  const after = [
    supersedes(data.superseded),
    pinNotes(options.droppedPins ?? []),
    warningList(options.warnings ?? []),
    options.signing === undefined ? writeDataBlock(data) : signedDataBlock({ ...data }, options.signing.scope, options.signing.key),
  ];
  const used = [...before, ...after].reduce((total, section) => total + section.length + 2, 0);
  const room = Math.max(0, Math.min(CHANGELOG_LIMIT, BODY_LIMIT - BODY_MARGIN - used));
  const sections = [...before, changes(promotion.images, options, room), ...after];
  return `${sections.filter((section) => section !== "").join("\n\n")}\n`;
}

/**
 * The data of a promotion body written by promotionBodyMarkdown with
 * `signing`, also after a person added text around it: `valid` only when
 * the block's signature holds for this repository and key and the data is
 * of this format version; `forged` for any other block. Never throws.
 */
export function readPromotionBody(body: string | null | undefined, signing: Signing): PromotionBodyReading {
  const reading = readSignedDataBlock(body ?? "", signing.scope, signing.key);
  if (reading.status !== "valid") return reading;
  const parsed = promotionDataSchema.safeParse(reading.data);
  return parsed.success ? { status: "valid", data: parsed.data } : { status: "forged" };
}

/** The opening sentence, by trigger. */
function summary(promotion: Promotion): string {
  const target = `**${plainText(promotion.environment)}**`;
  const { trigger } = promotion;
  switch (trigger.kind) {
    case "push":
      return `A new version was pushed: ${codeSpan(`${trigger.image}:${trigger.tag}`)}. This PR brings it to ${target}.`;
    case "environment-change":
      return `This PR promotes to ${target} the versions that run in **${plainText(trigger.environment)}**.`;
    case "rollback":
      return `This PR rolls ${target} back to an earlier version.`;
  }
}

/** The table image | from | to | bump, with "running in `from` since" when there is a source environment. */
function table(promotion: Promotion, data: PromotionData, sources: ReadonlyMap<string, SourceDetails> | undefined): string {
  const withSince = promotion.from !== undefined;
  const header = ["image", "from", "to", "bump", ...(withSince ? [`running in ${codeSpan(promotion.from ?? "")} since`] : [])];
  const rows = promotion.images.map((change) => [
    codeSpan(change.image),
    change.fromVersion === null ? "—" : versionCell(change.fromVersion),
    versionCell(change.toVersion),
    change.bump,
    ...(withSince ? [sinceCell(sources?.get(change.image) ?? remembered(data, change.image))] : []),
  ]);
  return markdownTable(header, rows);
}

/** What an earlier run of the PR recorded of when the image's version reached the source. */
function remembered(data: PromotionData, image: string): SourceDetails | undefined {
  const since = data.images.find((change) => change.image === image)?.since;
  return since === undefined ? undefined : { since: new Date(since) };
}

/** When the version reached the source environment, linked to the change that put it there. */
function sinceCell(details: SourceDetails | undefined): string {
  const since = details?.since;
  const text = since ? utcText(since) : "—";
  const url = details?.url ? linkTarget(details.url) : null;
  if (url === null) return text;
  return `[${since ? text : "source"}](${url})`;
}

/**
 * What changed, for images whose config names their `source` repository and
 * whose tags change: the changelog read from GitHub when there is one
 * (within `room` characters, shared equally), else a compare link between
 * the tags (the command-line tool reads nothing from GitHub).
 */
function changes(images: readonly ImageChange[], options: PromotionBodyOptions, room: number): string {
  const serverUrl = (options.serverUrl ?? "https://github.com").replace(/\/+$/, "");
  const limit = Math.floor(room / Math.max(1, images.filter((change) => options.changelogs?.has(change.image) === true).length));
  const lines = images.flatMap((change) => {
    const changelog = options.changelogs?.get(change.image);
    if (changelog !== undefined) return [];
    const source = options.config ? imagePolicyFor(options.config, change.image)?.source : undefined;
    const from = change.fromVersion?.tag ?? null;
    const to = change.toVersion.tag;
    if (source === undefined || from === null || to === null || from === to) return [];
    const url = `${serverUrl}/${source}/compare/${encodeURIComponent(from)}...${encodeURIComponent(to)}`;
    return [`- ${codeSpan(change.image)}: [${plainText(`${source} ${from}...${to}`)}](${linkTarget(url) ?? url})`];
  });
  const read = images.flatMap((change) => {
    const changelog = options.changelogs?.get(change.image);
    return changelog === undefined ? [] : [changelogMarkdown(change.image, changelog, { serverUrl, limit })];
  });
  const parts = [...(lines.length === 0 ? [] : [lines.join("\n")]), ...read];
  return parts.length === 0 ? "" : `Changes:\n${parts.join("\n\n")}`;
}

/** The versions this PR proposed before, most recent first. */
function supersedes(superseded: readonly SupersededVersion[]): string {
  if (superseded.length === 0) return "";
  const list = superseded.map((entry) => `${codeSpan(entry.image)} ${plainText(formatVersion(entry))}`);
  return `Supersedes ${list.join(", ")}.`;
}

/** The files the promotion did not read, each with its line and why: they do not block it, but someone should look. */
function warningList(warnings: readonly FileWarning[]): string {
  if (warnings.length === 0) return "";
  const lines = warnings.map(({ file, line, reason }) => `- ${codeSpan(line === undefined ? file : `${file}:${line}`)}: ${plainText(reason)}`);
  return `Warnings: Promenade could not read these files as YAML and left them as they are; check them by hand.\n${lines.join("\n")}`;
}

/** One line per file where a digest pin is dropped, so a reviewer sees that the reference no longer names one image for sure. */
function pinNotes(pins: readonly DroppedPin[]): string {
  return pins.map((pin) => `- ${droppedPinNote(pin, codeSpan)}`).join("\n");
}

/** What the PR says of images it moves back (`promotion.downgrades`) and of those whose order cannot be told (`promotion.unordered`). */
function orderNotes(promotion: Promotion): string {
  const target = `**${plainText(promotion.environment)}**`;
  const note = (images: readonly string[] | undefined, sentence: (image: string, from: string, to: string) => string) =>
    promotion.images
      .filter((change) => images?.includes(change.image) === true)
      .map((change) =>
        sentence(
          codeSpan(change.image),
          change.fromVersion === null ? "—" : plainText(formatVersion(change.fromVersion)),
          plainText(formatVersion(change.toVersion)),
        ),
      );
  return [
    ...note(
      promotion.downgrades,
      (image, from, to) => `⚠️ This is a downgrade: ${target} runs ${image} ${from}, and this PR puts the older ${to} in its place.`,
    ),
    ...note(
      promotion.unordered,
      (image, from, to) =>
        `⚠️ Promenade cannot tell whether ${image} ${to} is newer than ${from}, which ${target} runs (their tags have no order it knows): check before merging.`,
    ),
  ].join("\n\n");
}
