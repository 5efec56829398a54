/** Small texts shared by the requirements: logins and instants. */
import { DateTime } from "luxon";
import { formatDuration } from "../config/duration.js";

/** A login as compared: without a leading `@`, lower-case (GitHub logins are case-insensitive). */
export function loginKey(login: string): string {
  return login.replace(/^@/, "").toLowerCase();
}

/** A login as shown: `@bob`. */
export function mention(login: string): string {
  return `@${login.replace(/^@/, "")}`;
}

export { utcText } from "../utc-text.js";

/** `Mon 09:00 Europe/Berlin`: the weekday and time the clock of `zone` shows at `at`. */
export function zonedText(at: Date, zone: string): string {
  return `${DateTime.fromJSDate(at, { zone }).setLocale("en-US").toFormat("ccc HH:mm")} ${zone}`;
}

/** A time still to wait, rounded up: to the minute from one minute on (`12m`, `1h1m`), else to the second (`45s`). */
export function waitText(ms: number): string {
  const step = ms >= 60_000 ? 60_000 : 1000;
  return formatDuration(Math.ceil(ms / step) * step);
}
