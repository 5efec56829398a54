/** The `/where` reply: which version of each image runs in which environment, which environments are held, and which versions are blocked. */
import { formatVersion } from "../plan/format-version.js";
import type { Version } from "../plan/promotion.js";
import { utcText } from "../utc-text.js";
import { sortedBlocks, type BlockedVersion, type Hold } from "./holds.js";
import { codeSpan, markdownTable, plainText, versionCell } from "./syntax.js";

/**
 * A table with a row per image (sorted) and a column per environment (in
 * `versions`' order), `—` where the environment does not run the image;
 * then a line per hold, naming who held it without mentioning them; then a
 * line per blocked version (of the images in the table), with the
 * environments where it is blocked.
 */
export function whereTableMarkdown(
  versions: ReadonlyMap<string, ReadonlyMap<string, Version>>,
  holds: readonly Hold[],
  blocks: readonly BlockedVersion[] = [],
): string {
  const environments = [...versions.keys()];
  const images = [...new Set([...versions.values()].flatMap((running) => [...running.keys()]))].sort();
  if (images.length === 0) return "No environment runs an image Promenade knows of.";
  const rows = images.map((image) => [
    codeSpan(image),
    ...environments.map((environment) => {
      const version = versions.get(environment)?.get(image);
      return version === undefined ? "—" : versionCell(version);
    }),
  ]);
  const held = holds.map(
    (hold) =>
      `- ⏸️ **${plainText(hold.environment)}** is held by ${plainText(`@${hold.by}`)} since ${utcText(new Date(hold.at))}${hold.reason === null ? "" : `: ${plainText(hold.reason)}`}`,
  );
  const blocked = blockedLines(
    blocks.filter((block) => images.includes(block.image)),
    environments,
  );
  return [
    markdownTable(["image", ...environments.map(plainText)], rows),
    ...(held.length === 0 ? [] : [held.join("\n")]),
    ...(blocked.length === 0 ? [] : [blocked.join("\n")]),
  ].join("\n\n");
}

/** `- ⛔ `ghcr.io/acme/api` 1.5.0 is blocked in **dev**, **staging** by @alice since …`: one line per image and version, its environments in the table's order. */
function blockedLines(blocks: readonly BlockedVersion[], environments: readonly string[]): string[] {
  const order = (environment: string) => (environments.includes(environment) ? environments.indexOf(environment) : environments.length);
  const byVersion = new Map<string, BlockedVersion[]>();
  for (const block of sortedBlocks(blocks)) {
    const key = `${block.image} ${formatVersion(block.version)}`;
    byVersion.set(key, [...(byVersion.get(key) ?? []), block]);
  }
  return [...byVersion.values()].map((same) => {
    const first = same[0] as BlockedVersion;
    const version = formatVersion(first.version);
    const where = [...same]
      .sort((a, b) => order(a.environment) - order(b.environment))
      .map((block) => `**${plainText(block.environment)}**`)
      .join(", ");
    return `- ⛔ ${codeSpan(first.image)} ${plainText(version)} is blocked in ${where} by ${plainText(`@${first.by}`)} since ${utcText(new Date(first.at))} (${codeSpan(`/unblock ${first.image} ${version}`)} lifts it)`;
  });
}
