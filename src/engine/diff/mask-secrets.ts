/**
 * Hiding secret values from the diffs Promenade posts: the two versions of a
 * file with every secret value (see secret-values.ts) replaced by a marker,
 * and every other byte kept, so that a unified diff of the masked texts shows
 * the same lines as the real diff, with no character of any value.
 */
import { InputError } from "../errors.js";
import { applyEdits, type TextEdit } from "../images/text-edit.js";
import { parseYamlSource } from "../images/yaml-source.js";
import { mayHoldSecrets } from "./secret-kinds.js";
import { findSecretValues, type SecretValue } from "./secret-values.js";

/** What the diff shows instead of a secret value: on both sides when it is unchanged, on the side it is on when only one has it. */
export const MASKED = "••••••";
/** What the new version shows instead of a secret value that changed, so the diff shows its line as changed. */
export const MASKED_CHANGED = "•••••• (changed)";

/**
 * The one line shown instead of a version of `file` that may hold secret
 * values but does not parse; `changed` for the new version when it differs
 * from the old one.
 */
export function unparseableNote(file: string, changed = false): string {
  return `# ${file} is not valid YAML and may hold secret values: its content is hidden${changed ? " (changed)" : ""}\n`;
}

/** The secret values of one version of a file; null when it does not parse. */
type Scan = { text: string; values: SecretValue[] | null } | null;

/**
 * The texts of `file` before and after a change (null where it is absent),
 * with every secret value replaced: by MASKED where the value is the same on
 * both sides (same document and key path, same source text) or on one side
 * only, and by MASKED on the old side and MASKED_CHANGED on the new side
 * where it differs. Block scalars become one line. `masked` counts the
 * values hidden (each once for both sides) plus the versions hidden whole.
 *
 * A version that does not parse is kept as it is when neither version looks
 * like it holds secrets; otherwise it is replaced by a one-line note.
 */
export function maskSecrets(file: string, before: string | null, after: string | null): { before: string | null; after: string | null; masked: number } {
  const old = scan(file, before);
  const next = scan(file, after);
  const oldValues = rawValues(old);
  const nextValues = rawValues(next);
  const unparseable = [old, next].filter((side) => side !== null && side.values === null);
  const hideWhole =
    unparseable.length > 0 && ([before, after].some((text) => text !== null && mayHoldSecrets(text)) || oldValues.size > 0 || nextValues.size > 0);
  const changedNote = unparseable.length === 2 && before !== after;
  return {
    before: masked(old, hideWhole ? unparseableNote(file) : null, () => MASKED),
    after: masked(next, hideWhole ? unparseableNote(file, changedNote) : null, (id, raw) =>
      oldValues.has(id) && oldValues.get(id) !== raw ? MASKED_CHANGED : MASKED,
    ),
    masked: new Set([...oldValues.keys(), ...nextValues.keys()]).size + (hideWhole ? unparseable.length : 0),
  };
}

function scan(file: string, text: string | null): Scan {
  if (text === null) return null;
  try {
    return { text, values: findSecretValues(parseYamlSource(file, text)) };
  } catch (error) {
    if (error instanceof InputError) return { text, values: null };
    throw error;
  }
}

/** Each secret value's id and source text. */
function rawValues(side: Scan): Map<string, string> {
  return new Map((side?.values ?? []).map((value) => [value.id, side?.text.slice(value.start, value.end) ?? ""]));
}

/** The text of one side with its values replaced by `marker(id, raw)`; `note` for a side that does not parse, or the text itself when note is null. */
function masked(side: Scan, note: string | null, marker: (id: string, raw: string) => string): string | null {
  if (side === null) return null;
  if (side.values === null) return note ?? side.text;
  const edits: TextEdit[] = [];
  for (const value of [...side.values].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const text = marker(value.id, side.text.slice(value.start, value.end));
    const last = edits.at(-1);
    if (last && value.start < last.end) {
      // A span inside or across another (an alias's anchor inside a masked value): one marker for both.
      last.end = Math.max(last.end, value.end);
      if (text === MASKED_CHANGED) last.insert = MASKED_CHANGED;
    } else {
      edits.push({ start: value.start, end: value.end, insert: text });
    }
  }
  return applyEdits(side.text, edits);
}
