/** Replacing spans of a file's text, leaving every other byte as it was. */

/** Replace `text.slice(start, end)` with `insert`. */
export interface TextEdit {
  start: number;
  end: number;
  insert: string;
}

/**
 * Applies non-overlapping edits (identical duplicates are applied once). Throws
 * when two different edits touch the same span: that is a bug in the caller,
 * and writing either would corrupt the file.
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  let previous: TextEdit | undefined;
  for (const edit of sorted) {
    if (previous && edit.start === previous.start && edit.end === previous.end && edit.insert === previous.insert) continue;
    if (edit.start < at) throw new Error(`overlapping edits at offset ${edit.start}`);
    out += text.slice(at, edit.start) + edit.insert;
    at = edit.end;
    previous = edit;
  }
  return out + text.slice(at);
}

/** All the edits of several steps, or null when any step cannot be done byte-minimally. */
export function allEdits(steps: (TextEdit[] | null)[]): TextEdit[] | null {
  return steps.some((step) => step === null) ? null : (steps.flat() as TextEdit[]);
}
