/**
 * Which boxes of the dashboard a person ticked in one edit: only a box line
 * Promenade rendered, with the same words, that was `- [ ]` in the body
 * before the edit and is `- [x]` after it. Anything else a person changes in
 * the body means nothing.
 */

/** The words of each task-list line of `body` with whether it is ticked, in order. */
function boxLines(body: string): { text: string; ticked: boolean }[] {
  return body.split(/\r\n|\r|\n/).flatMap((line) => {
    const box = /^- \[([ xX])\] (.+)$/.exec(line.trimEnd());
    return box === null ? [] : [{ text: box[2] as string, ticked: box[1] !== " " }];
  });
}

/**
 * The boxes of `rendered` (Promenade's box lines' words, after escaping)
 * that `before` (the body before the edit) shows unticked and `after` (the
 * body after it) shows ticked, each once, in the order of `rendered`.
 */
export function tickedBoxes(rendered: readonly string[], before: string, after: string): string[] {
  const unticked = new Set(
    boxLines(before)
      .filter((line) => !line.ticked)
      .map((line) => line.text),
  );
  const ticked = new Set(
    boxLines(after)
      .filter((line) => line.ticked)
      .map((line) => line.text),
  );
  return [...new Set(rendered)].filter((text) => unticked.has(text) && ticked.has(text));
}
