import { describe, expect, it } from "vitest";
import type { DeployWindow } from "../../src/engine/config/schema.js";
import { isWithinWindow } from "../../src/engine/config/window.js";
import { evaluateGate, nextWindowOpening } from "../../src/engine/gate/index.js";
import { gateInput, requires } from "./gate-input.js";

function window(days: string, hours: string, timezone: string): DeployWindow {
  return { days, hours, timezone };
}

const BERLIN_WORKDAYS = window("Mon-Thu", "09:00-16:00", "Europe/Berlin");

function windowAt(windows: DeployWindow[], now: string) {
  const decision = evaluateGate(gateInput({ requires: requires({ windows }) }), new Date(now));
  return { decision, status: decision.requirements.find((requirement) => requirement.kind === "window") };
}

/**
 * Each row: a window, an instant, whether the window is open then, and the next
 * opening at or after it (UTC). 2026 daylight-saving changes: Berlin forward
 * 03-29 02:00→03:00 and back 10-25 03:00→02:00; New York forward 03-08
 * 02:00→03:00 and back 11-01 02:00→01:00.
 */
const CASES: [string, DeployWindow, string, boolean, string][] = [
  // Berlin, Sun 01:00-04:00, spring forward: 01:00 CET (00:00Z) to 04:00 CEST (02:00Z), two hours.
  ["Berlin spring, the evening before", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-03-28T20:00:00Z", false, "2026-03-29T00:00:00Z"],
  ["Berlin spring, just before", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-03-28T23:59:59Z", false, "2026-03-29T00:00:00Z"],
  ["Berlin spring, at the opening", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-03-29T00:00:00Z", true, "2026-03-29T00:00:00Z"],
  ["Berlin spring, at the jump", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-03-29T01:00:00Z", true, "2026-04-04T23:00:00Z"],
  ["Berlin spring, last second", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-03-29T01:59:59Z", true, "2026-04-04T23:00:00Z"],
  ["Berlin spring, closed at 04:00 CEST", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-03-29T02:00:00Z", false, "2026-04-04T23:00:00Z"],
  // Berlin, Sun 01:00-04:00, fall back: 01:00 CEST (Sat 23:00Z) to 04:00 CET (03:00Z), four hours.
  ["Berlin autumn, before", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-10-24T22:59:59Z", false, "2026-10-24T23:00:00Z"],
  ["Berlin autumn, at the opening", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-10-24T23:00:00Z", true, "2026-10-24T23:00:00Z"],
  ["Berlin autumn, first 02:30", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-10-25T00:30:00Z", true, "2026-11-01T00:00:00Z"],
  ["Berlin autumn, second 02:30", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-10-25T01:30:00Z", true, "2026-11-01T00:00:00Z"],
  ["Berlin autumn, last second", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-10-25T02:59:59Z", true, "2026-11-01T00:00:00Z"],
  ["Berlin autumn, closed at 04:00 CET", window("Sun", "01:00-04:00", "Europe/Berlin"), "2026-10-25T03:00:00Z", false, "2026-11-01T00:00:00Z"],
  // A start the clock skips opens at the first instant after it: 02:30 does not exist, 03:00 CEST (01:00Z) does.
  ["Berlin skipped start", window("Sun", "02:30-04:00", "Europe/Berlin"), "2026-03-28T12:00:00Z", false, "2026-03-29T01:00:00Z"],
  ["Berlin skipped start, at 03:00 CEST", window("Sun", "02:30-04:00", "Europe/Berlin"), "2026-03-29T01:00:00Z", true, "2026-03-29T01:00:00Z"],
  ["Berlin skipped start, a second before", window("Sun", "02:30-04:00", "Europe/Berlin"), "2026-03-29T00:59:59Z", false, "2026-03-29T01:00:00Z"],
  // A window wholly inside the skipped hour does not open that day.
  ["Berlin window in the skipped hour", window("Sun", "02:00-02:30", "Europe/Berlin"), "2026-03-28T12:00:00Z", false, "2026-04-05T00:00:00Z"],
  // A start the clock shows twice opens at its first occurrence, once.
  ["Berlin repeated start", window("Sun", "02:30-04:00", "Europe/Berlin"), "2026-10-24T12:00:00Z", false, "2026-10-25T00:30:00Z"],
  ["Berlin window in the repeated hour, first time", window("Sun", "02:00-02:30", "Europe/Berlin"), "2026-10-25T00:10:00Z", true, "2026-11-01T01:00:00Z"],
  ["Berlin window in the repeated hour, second time", window("Sun", "02:00-02:30", "Europe/Berlin"), "2026-10-25T01:10:00Z", false, "2026-11-01T01:00:00Z"],
  // New York, Sun 01:00-04:00, spring forward: 01:00 EST (06:00Z) to 04:00 EDT (08:00Z).
  ["New York spring, before", window("Sun", "01:00-04:00", "America/New_York"), "2026-03-08T05:59:59Z", false, "2026-03-08T06:00:00Z"],
  ["New York spring, at the jump", window("Sun", "01:00-04:00", "America/New_York"), "2026-03-08T07:00:00Z", true, "2026-03-15T05:00:00Z"],
  ["New York spring, closed at 04:00 EDT", window("Sun", "01:00-04:00", "America/New_York"), "2026-03-08T08:00:00Z", false, "2026-03-15T05:00:00Z"],
  ["New York skipped start", window("Sun", "02:30-04:00", "America/New_York"), "2026-03-07T12:00:00Z", false, "2026-03-08T07:00:00Z"],
  // New York, Sun 01:00-04:00, fall back: 01:00 EDT (05:00Z) to 04:00 EST (09:00Z); 01:30 opens at its first occurrence.
  ["New York autumn, before", window("Sun", "01:00-04:00", "America/New_York"), "2026-10-31T12:00:00Z", false, "2026-11-01T05:00:00Z"],
  ["New York autumn, second 01:30", window("Sun", "01:00-04:00", "America/New_York"), "2026-11-01T06:30:00Z", true, "2026-11-08T06:00:00Z"],
  ["New York autumn, last second", window("Sun", "01:00-04:00", "America/New_York"), "2026-11-01T08:59:59Z", true, "2026-11-08T06:00:00Z"],
  ["New York autumn, closed at 04:00 EST", window("Sun", "01:00-04:00", "America/New_York"), "2026-11-01T09:00:00Z", false, "2026-11-08T06:00:00Z"],
  ["New York repeated start", window("Sun", "01:30-04:00", "America/New_York"), "2026-10-31T12:00:00Z", false, "2026-11-01T05:30:00Z"],
  ["New York repeated start, second 01:30", window("Sun", "01:30-04:00", "America/New_York"), "2026-11-01T06:30:00Z", true, "2026-11-08T06:30:00Z"],
  // Working hours on the Monday after each change.
  ["Berlin workdays after spring", BERLIN_WORKDAYS, "2026-03-27T16:00:00Z", false, "2026-03-30T07:00:00Z"],
  ["Berlin workdays after autumn", BERLIN_WORKDAYS, "2026-10-23T16:00:00Z", false, "2026-10-26T08:00:00Z"],
  // The end of the day (24:00) is midnight.
  ["Tokyo whole Monday", window("Mon", "00:00-24:00", "Asia/Tokyo"), "2026-03-01T14:59:59Z", false, "2026-03-01T15:00:00Z"],
  ["Tokyo whole Monday, last second", window("Mon", "00:00-24:00", "Asia/Tokyo"), "2026-03-02T14:59:59Z", true, "2026-03-08T15:00:00Z"],
];

describe("deploy windows across daylight-saving changes", () => {
  it.each(CASES)("%s", (_name, deployWindow, now, open, opening) => {
    expect(isWithinWindow(deployWindow, new Date(now))).toBe(open);
    expect(nextWindowOpening([deployWindow], new Date(now))?.toISOString()).toBe(new Date(opening).toISOString());
  });
});

describe("nextWindowOpening", () => {
  it("is the earliest opening among the windows", () => {
    const windows = [BERLIN_WORKDAYS, window("Fri", "10:00-12:00", "America/New_York")];
    // Friday 2026-03-27: New York opens at 10:00 EDT (14:00Z); once that has passed, Berlin on Monday at 09:00 CEST (07:00Z).
    expect(nextWindowOpening(windows, new Date("2026-03-27T13:00:00Z"))).toEqual(new Date("2026-03-27T14:00:00Z"));
    expect(nextWindowOpening(windows, new Date("2026-03-27T16:00:00Z"))).toEqual(new Date("2026-03-30T07:00:00Z"));
  });

  it("is null without windows", () => {
    expect(nextWindowOpening([], new Date("2026-03-27T13:00:00Z"))).toBeNull();
  });
});

describe("the window requirement", () => {
  it("is met inside a window and changes when the window closes", () => {
    const { decision, status } = windowAt([BERLIN_WORKDAYS], "2026-03-30T10:00:00Z");
    expect(status).toEqual({
      kind: "window",
      met: true,
      detail: "inside Mon-Thu 09:00-16:00 Europe/Berlin until Mon 16:00 Europe/Berlin (2026-03-30 14:00 UTC)",
      changesAt: new Date("2026-03-30T14:00:00Z"),
    });
    expect(decision.passed).toBe(true);
    expect(decision.nextChangeAt).toEqual(new Date("2026-03-30T14:00:00Z"));
    expect(decision.nextChangeReason).toBe("window closes");
  });

  it("is not met outside every window and says when the next one opens, in its own zone", () => {
    const { decision, status } = windowAt([BERLIN_WORKDAYS, window("Fri", "10:00-12:00", "America/New_York")], "2026-03-27T17:00:00Z");
    expect(status).toEqual({
      kind: "window",
      met: false,
      detail: "outside Mon-Thu 09:00-16:00 Europe/Berlin and Fri 10:00-12:00 America/New_York; window opens Mon 09:00 Europe/Berlin (2026-03-30 07:00 UTC)",
      missing: "window opens Mon 09:00 Europe/Berlin",
      changesAt: new Date("2026-03-30T07:00:00Z"),
    });
    expect(decision.title).toBe("window opens Mon 09:00 Europe/Berlin");
    expect(decision.nextChangeAt).toEqual(new Date("2026-03-30T07:00:00Z"));
    expect(decision.nextChangeReason).toBe("window opens");
    const newYork = windowAt([BERLIN_WORKDAYS, window("Fri", "10:00-12:00", "America/New_York")], "2026-03-27T12:00:00Z");
    expect(newYork.status?.missing).toBe("window opens Fri 10:00 America/New_York");
  });

  it("names the wall-clock time a skipped start opens at", () => {
    const { status } = windowAt([window("Sun", "02:30-04:00", "Europe/Berlin")], "2026-03-28T12:00:00Z");
    expect(status?.missing).toBe("window opens Sun 03:00 Europe/Berlin");
  });

  it("closes when the last of the windows that touch each other closes", () => {
    const windows = [
      window("Mon", "09:00-12:00", "Europe/Berlin"),
      window("Mon", "11:00-14:00", "Europe/Berlin"),
      window("Mon", "14:00-15:00", "Europe/Berlin"),
    ];
    const { decision } = windowAt(windows, "2026-03-30T08:00:00Z");
    expect(decision.nextChangeAt).toEqual(new Date("2026-03-30T13:00:00Z"));
  });

  it("closes across midnight when one window ends at 24:00 and the next begins at 00:00", () => {
    const windows = [window("Fri", "20:00-24:00", "UTC"), window("Sat", "00:00-02:00", "UTC")];
    const { status } = windowAt(windows, "2026-03-27T21:00:00Z");
    expect(status?.changesAt).toEqual(new Date("2026-03-28T02:00:00Z"));
  });
});
