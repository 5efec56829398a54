/** The `/where` reply: which version of each image runs in which environment, and which environments are held. */
import type { Version } from "../plan/promotion.js";
import { utcText } from "../utc-text.js";
import type { Hold } from "./holds.js";
import { codeSpan, markdownTable, plainText, versionCell } from "./syntax.js";

/**
 * A table with a row per image (sorted) and a column per environment (in
 * `versions`' order), `—` where the environment does not run the image;
 * then a line per hold, naming who held it without mentioning them.
 */
export function whereTableMarkdown(versions: ReadonlyMap<string, ReadonlyMap<string, Version>>, holds: readonly Hold[]): string {
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
  return [markdownTable(["image", ...environments.map(plainText)], rows), ...(held.length === 0 ? [] : [held.join("\n")])].join("\n\n");
}
