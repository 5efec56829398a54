/**
 * docs/security.md names, for each defence, the test that shows it: every
 * test file it names exists, and every quoted test name is in the file it
 * follows (by its beginning when the page shortens it with "…"), so a
 * renamed or deleted test cannot leave the page pointing at nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const page = readFileSync(`${root}docs/security.md`, "utf8");

/** Each `test/… .ts` the page names, with the quoted names that follow it up to the next file or the end of its table cell. */
function citations(): { file: string; names: string[] }[] {
  const cited: { file: string; names: string[] }[] = [];
  for (const cell of page.split("|")) {
    const parts = cell.split(/`(test\/[^`]+\.ts)`/);
    for (let index = 1; index < parts.length; index += 2) {
      const names = [...(parts[index + 1] ?? "").matchAll(/"((?:[^"\\]|\\.)+)"/g)].map((match) => match[1] as string);
      cited.push({ file: parts[index] as string, names });
    }
  }
  return cited;
}

describe("docs/security.md", () => {
  const cited = citations();

  it("names tests", () => {
    expect(cited.length).toBeGreaterThan(30);
  });

  it.each(cited.map((citation) => [citation.file, citation] as const))("%s exists and holds the tests quoted after it", (_file, { file, names }) => {
    expect(existsSync(`${root}${file}`), file).toBe(true);
    const source = readFileSync(`${root}${file}`, "utf8");
    // A name the page shortens with "…" is checked by its beginning.
    for (const name of names) expect(source.includes(name.replace(/…$/, "")), `${file} › "${name}"`).toBe(true);
  });
});
