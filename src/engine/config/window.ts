/**
 * Deploy windows: `{ days: Mon-Thu, hours: "09:00-16:00", timezone: Europe/Berlin }`.
 * Merges are allowed only while the clock in `timezone` is on one of `days`
 * between the start (inclusive) and the end (exclusive) of `hours`.
 */

/** Day numbers as JavaScript counts them (`Date#getDay`): 0 is Sunday. */
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const FULL_DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

/** The week as people write ranges in it: Monday first, so `Mon-Fri` is a working week and `Sat-Sun` a weekend. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

function dayNumber(name: string): number | null {
  const lower = name.trim().toLowerCase();
  const short = DAY_NAMES.indexOf(lower as (typeof DAY_NAMES)[number]);
  if (short !== -1) return short;
  const full = FULL_DAY_NAMES.indexOf(lower as (typeof FULL_DAY_NAMES)[number]);
  return full === -1 ? null : full;
}

/**
 * The days named by `text`, sorted, 0 = Sunday; null when `text` is not a
 * day list. `text` is a comma-separated list of days (`Mon`, or `Monday`,
 * any case) and ranges (`Mon-Thu`); a range runs forward through the week
 * from Monday to Sunday and may wrap (`Fri-Mon` is Friday to Monday).
 */
export function parseDays(text: string): number[] | null {
  const days = new Set<number>();
  for (const item of text.split(",")) {
    const ends = item.split("-");
    if (ends.length > 2) return null;
    const first = dayNumber(ends[0] ?? "");
    const last = ends.length === 2 ? dayNumber(ends[1] ?? "") : first;
    if (first === null || last === null) return null;
    let i = WEEK_ORDER.indexOf(first as (typeof WEEK_ORDER)[number]);
    for (;;) {
      const day = WEEK_ORDER[i % 7] as number;
      days.add(day);
      if (day === last) break;
      i++;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** `HH:MM-HH:MM` on a 24-hour clock, from 00:00 up to 24:00; the JSON Schema carries it as `pattern`. */
export const HOURS_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d-(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Start and end of a window's hours, in minutes after midnight. */
export interface Hours {
  start: number;
  end: number;
}

/** `"09:00-16:00"` → `{start: 540, end: 960}`; null when malformed or when the start is not before the end. */
export function parseHours(text: string): Hours | null {
  if (!HOURS_PATTERN.test(text)) return null;
  const [start, end] = text.split("-").map((time) => {
    const [h, m] = time.split(":");
    return Number(h) * 60 + Number(m);
  }) as [number, number];
  return start < end ? { start, end } : null;
}

/** True when `Intl` knows `timeZone` (an IANA name such as `Europe/Berlin`, or `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone === "") return false;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The parts of a deploy window that `isWithinWindow` reads. */
export interface WindowSpec {
  days: string;
  hours: string;
  timezone: string;
}

/**
 * True when the instant `at` falls inside `window`, reading the weekday and
 * the time of day in the window's time zone. The window must be valid
 * (a validated config's windows are); an invalid one contains no instant.
 */
export function isWithinWindow(window: WindowSpec, at: Date): boolean {
  const days = parseDays(window.days);
  const hours = parseHours(window.hours);
  if (days === null || hours === null || !isValidTimeZone(window.timezone)) return false;
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: window.timezone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  const day = dayNumber(part("weekday"));
  const minute = Number(part("hour")) * 60 + Number(part("minute"));
  return day !== null && days.includes(day) && hours.start <= minute && minute < hours.end;
}
