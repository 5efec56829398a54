/**
 * Deploy windows: `{ days: Mon-Thu, hours: "09:00-16:00", timezone: Europe/Berlin }`.
 * Merges are allowed only while the clock in `timezone` is on one of `days`
 * between the start (inclusive) and the end (exclusive) of `hours`.
 *
 * On each of its days a window is one span of time, from the instant the
 * clock in its zone first shows the start to the instant it first shows the
 * end. So across daylight-saving changes: a time the clock skips (02:30 in
 * Berlin on the night it goes from 02:00 to 03:00) is reached at the first
 * instant after it (03:00 summer time); a time the clock shows twice (02:30
 * on the night it goes back) is reached at its first occurrence, and the
 * repeated hour does not open the window a second time. Time-zone data and
 * local-time arithmetic come from luxon.
 */
import { DateTime } from "luxon";

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

/**
 * True when `timeZone` is a name of the IANA time-zone database written as a
 * region and place (`Europe/Berlin`, `America/New_York`, `Etc/UTC`), or
 * `UTC`. Names without a region are refused even where the database or
 * `Intl` knows them: abbreviations such as `PST`, `EST` or `CET` are not
 * places, and `EST` is UTC-5 all year, not New York's time; offsets such as
 * `UTC+2` or `GMT+1` are not names at all.
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone !== "UTC" && !timeZone.includes("/")) return false;
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

/** One opening of a window on one day: from `start` (inclusive) to `end` (exclusive). */
export interface WindowSpan {
  start: Date;
  end: Date;
}

/** A calendar day, as the wall clock of a window's zone names it. */
interface LocalDay {
  year: number;
  month: number;
  day: number;
}

interface ParsedWindow {
  days: readonly number[];
  hours: Hours;
  zone: string;
}

function parseWindow(window: WindowSpec): ParsedWindow | null {
  const days = parseDays(window.days);
  const hours = parseHours(window.hours);
  if (days === null || hours === null || !isValidTimeZone(window.timezone)) return null;
  return { days, hours, zone: window.timezone };
}

/** What the wall clock of `zone` shows at the instant `ms`, as milliseconds of a UTC calendar (so it can be compared). */
function wallClock(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).setZone("UTC", { keepLocalTime: true }).toMillis();
}

/**
 * The instant at which the clock of `zone` first shows `minute` minutes after
 * the start of `day` (1440: midnight at its end), or the first instant after
 * it when the clock skips that time.
 */
function localInstant(day: LocalDay, minute: number, zone: string): number {
  const wall = DateTime.fromObject(day, { zone: "UTC" }).plus({ minutes: minute });
  const resolved = DateTime.fromObject({ year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute }, { zone });
  const shownLater = wallClock(resolved.toMillis(), zone) - wall.toMillis();
  if (shownLater === 0) {
    // The clock shows this time once, or twice when it goes back: take the first.
    return Math.min(...resolved.getPossibleOffsets().map((candidate) => candidate.toMillis()));
  }
  // Skipped: luxon moved past the gap by its length; find the instant the clock jumps, to the second.
  let before = resolved.toMillis() - shownLater;
  let after = resolved.toMillis();
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (wallClock(middle, zone) >= wall.toMillis()) after = middle;
    else before = middle;
  }
  return after;
}

/** The day `offset` days after the day the clock of `zone` shows at `at`, and its weekday (0 = Sunday). */
function dayAround(at: Date, zone: string, offset: number): { day: LocalDay; weekday: number } {
  const local = DateTime.fromJSDate(at, { zone });
  const date = DateTime.fromObject({ year: local.year, month: local.month, day: local.day }, { zone: "UTC" }).plus({ days: offset });
  return { day: { year: date.year, month: date.month, day: date.day }, weekday: date.weekday % 7 };
}

/** The window's span on `offset` days after the local day of `at`; null when the window is closed all that day. */
function spanAround(window: ParsedWindow, at: Date, offset: number): WindowSpan | null {
  const { day, weekday } = dayAround(at, window.zone, offset);
  if (!window.days.includes(weekday)) return null;
  const start = localInstant(day, window.hours.start, window.zone);
  const end = localInstant(day, window.hours.end, window.zone);
  // A window wholly inside a skipped hour never opens that day.
  return start < end ? { start: new Date(start), end: new Date(end) } : null;
}

/** The span of `window` that contains the instant `at`, or null when the window is closed then (or invalid). */
export function windowSpanAt(window: WindowSpec, at: Date): WindowSpan | null {
  const parsed = parseWindow(window);
  if (parsed === null) return null;
  for (const offset of [-1, 0, 1]) {
    const span = spanAround(parsed, at, offset);
    if (span !== null && span.start <= at && at < span.end) return span;
  }
  return null;
}

/** The first span of `window` that starts at or after `at`, or null when there is none (an invalid window). */
export function nextWindowSpan(window: WindowSpec, at: Date): WindowSpan | null {
  const parsed = parseWindow(window);
  if (parsed === null) return null;
  // Two weeks: a window whose only day falls on a skipped hour opens again a week later.
  for (let offset = -1; offset <= 14; offset++) {
    const span = spanAround(parsed, at, offset);
    if (span !== null && span.start >= at) return span;
  }
  return null;
}

/**
 * True when the instant `at` falls inside `window`, reading the weekday and
 * the time of day in the window's time zone (see the top of this file for
 * daylight-saving changes). The window must be valid (a validated config's
 * windows are); an invalid one contains no instant.
 */
export function isWithinWindow(window: WindowSpec, at: Date): boolean {
  return windowSpanAt(window, at) !== null;
}
