/** Test helper: applying a unified diff, to check that a diff Promenade shows is a true one. */
import { expect } from "vitest";

/** Applies a unified diff of one file to `text`, checking every context and removed line and every hunk header. */
export function applyDiff(text: string, diff: string): string {
  if (diff === "") return text;
  const old = text === "" ? [] : text.split(/(?<=\n)/);
  const out: string[] = [];
  const lines = diff.split("\n").slice(2, -1);
  let at = 0;
  let previous: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i] as string);
    if (header) {
      const [oldStart, oldCount] = [Number(header[1]), header[2] === undefined ? 1 : Number(header[2])];
      const [newStart, newCount] = [Number(header[3]), header[4] === undefined ? 1 : Number(header[4])];
      const begin = oldCount === 0 ? oldStart : oldStart - 1;
      while (at < begin) out.push(old[at++] as string);
      expect(newCount === 0 ? newStart : newStart - 1).toBe(out.length);
      let [seenOld, seenNew] = [0, 0];
      for (i++; i < lines.length && !(lines[i] as string).startsWith("@@"); i++) {
        const line = lines[i] as string;
        if (line === "\\ No newline at end of file") {
          const target = previous ?? [];
          target[target.length - 1] = (target.at(-1) ?? "").slice(0, -1);
          continue;
        }
        const [kind, content] = [line[0], `${line.slice(1)}\n`];
        if (kind !== "+") {
          expect(old[at]?.replace(/\n?$/, "\n")).toBe(content);
          at++;
          seenOld++;
        }
        if (kind !== "-") {
          out.push(content);
          seenNew++;
          previous = out;
        } else {
          previous = [content];
        }
      }
      i--;
      expect([seenOld, seenNew]).toEqual([oldCount, newCount]);
    }
  }
  while (at < old.length) out.push(old[at++] as string);
  return out.join("");
}
