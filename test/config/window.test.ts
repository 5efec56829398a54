import { describe, expect, it } from "vitest";
import { isValidTimeZone, isWithinWindow, parseDays, parseHours } from "../../src/engine/config/window.js";

describe("parseDays", () => {
  it.each([
    ["Mon-Thu", [1, 2, 3, 4]],
    ["Mon,Wed,Fri", [1, 3, 5]],
    ["Sat-Sun", [0, 6]],
    ["Mon-Wed, Fri", [1, 2, 3, 5]],
    ["monday-FRIDAY", [1, 2, 3, 4, 5]],
    ["Fri-Mon", [0, 1, 5, 6]],
    ["Sun-Thu", [0, 1, 2, 3, 4]],
    ["Tue-Tue", [2]],
    ["Sun", [0]],
  ])("reads %s", (text, days) => {
    expect(parseDays(text)).toEqual(days);
  });

  it.each(["", "Mon-", "Mon,,Fri", "Mon-Wed-Fri", "Thurs", "weekdays", "1-5"])("refuses %j", (text) => {
    expect(parseDays(text)).toBeNull();
  });
});

describe("parseHours", () => {
  it("reads start and end in minutes", () => {
    expect(parseHours("09:00-16:00")).toEqual({ start: 540, end: 960 });
    expect(parseHours("00:00-24:00")).toEqual({ start: 0, end: 1440 });
    expect(parseHours("23:59-24:00")).toEqual({ start: 1439, end: 1440 });
  });

  it.each(["9:00-16:00", "09:00-16:00 ", "22:00-06:00", "10:00-10:00", "24:00-24:00", "00:00-24:01", "09:60-10:00", "09-16"])("refuses %j", (text) => {
    expect(parseHours(text)).toBeNull();
  });
});

describe("isValidTimeZone", () => {
  it("knows IANA names and UTC, and nothing else", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Europe/Berlinn")).toBe(false);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it.each(["UTC", "Etc/UTC", "Europe/Berlin", "America/Los_Angeles", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "Etc/GMT+1"])(
    "accepts the IANA name %s",
    (zone) => expect(isValidTimeZone(zone)).toBe(true),
  );

  // Intl knows PST, EST, CET, GMT and EST5EDT; abbreviations are still refused (EST is UTC-5 all year, not New York's time).
  it.each(["PST", "EST", "CET", "GMT", "EST5EDT", "Japan", "utc", "UTC+2", "GMT+1", "+02:00", "Z", "Europe/", "/Berlin"])(
    "refuses %s, which is not a region/place name or UTC",
    (zone) => expect(isValidTimeZone(zone)).toBe(false),
  );
});

describe("isWithinWindow", () => {
  const berlin = { days: "Mon-Thu", hours: "09:00-16:00", timezone: "Europe/Berlin" };

  it("reads days and hours in the window's time zone", () => {
    // Thursday 2024-01-04: Berlin is UTC+1 in winter.
    expect(isWithinWindow(berlin, new Date("2024-01-04T07:59:59Z"))).toBe(false);
    expect(isWithinWindow(berlin, new Date("2024-01-04T08:00:00Z"))).toBe(true);
    expect(isWithinWindow(berlin, new Date("2024-01-04T14:59:59Z"))).toBe(true);
    expect(isWithinWindow(berlin, new Date("2024-01-04T15:00:00Z"))).toBe(false);
    // Friday in Berlin.
    expect(isWithinWindow(berlin, new Date("2024-01-05T10:00:00Z"))).toBe(false);
    // Summer time: UTC+2.
    expect(isWithinWindow(berlin, new Date("2024-07-04T07:30:00Z"))).toBe(true);
  });

  it("takes the weekday where the window is, not in UTC", () => {
    const tokyo = { days: "Mon", hours: "00:00-24:00", timezone: "Asia/Tokyo" };
    // Sunday 2024-01-07 20:00 UTC is Monday 05:00 in Tokyo.
    expect(isWithinWindow(tokyo, new Date("2024-01-07T20:00:00Z"))).toBe(true);
    expect(isWithinWindow(tokyo, new Date("2024-01-07T14:00:00Z"))).toBe(false);
  });

  it("contains no instant for an invalid window", () => {
    expect(isWithinWindow({ days: "Mon-Sun", hours: "22:00-06:00", timezone: "UTC" }, new Date("2024-01-04T23:00:00Z"))).toBe(false);
  });
});
