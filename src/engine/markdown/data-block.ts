/**
 * The hidden, machine-readable block Promenade leaves in what it writes on
 * GitHub: `<!-- promenade: {...} -->`, one line of JSON inside an HTML
 * comment, which GitHub does not show.
 */

const BLOCK = /<!--\s*promenade:\s*([^>]*?)\s*-->/g;

/**
 * `data` as a hidden block. `<`, `>` and `&` inside the JSON are written as
 * `\u003c`, `\u003e` and `\u0026`, so no value can end the comment early.
 */
export function writeDataBlock(data: unknown): string {
  const json = JSON.stringify(data).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `<!-- promenade: ${json} -->`;
}

/**
 * The JSON of the last hidden block in `text` (the one Promenade writes at
 * the end; text a person added around it does not matter), or undefined when
 * there is none or it is not JSON. Never throws.
 */
export function readDataBlock(text: string): unknown {
  const last = [...text.matchAll(BLOCK)].at(-1);
  if (last === undefined) return undefined;
  try {
    return JSON.parse(last[1] as string) as unknown;
  } catch {
    return undefined;
  }
}
