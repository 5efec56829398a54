/**
 * Durations as written in the config: whole numbers with a unit, largest
 * unit first, units used at most once: `30s`, `30m`, `2h`, `1d`, `1h30m`,
 * `1d12h`. Units: `d` (24 hours), `h`, `m`, `s`.
 */

/** The grammar of a duration; the JSON Schema carries it as `pattern`. */
export const DURATION_PATTERN = /^(?=\d)(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds in `text` (`"1h30m"` → 5 400 000), or null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return null;
  const [, days, hours, minutes, seconds] = match;
  const ms = Number(days ?? 0) * DAY + Number(hours ?? 0) * HOUR + Number(minutes ?? 0) * MINUTE + Number(seconds ?? 0) * SECOND;
  return Number.isSafeInteger(ms) ? ms : null;
}

/** The shortest duration text for `ms`, rounded down to whole seconds: 5 400 000 → `"1h30m"`, 0 → `"0s"`. */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.floor(ms / SECOND));
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", DAY / SECOND],
    ["h", HOUR / SECOND],
    ["m", MINUTE / SECOND],
    ["s", 1],
  ] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  return parts.length === 0 ? "0s" : parts.join("");
}
