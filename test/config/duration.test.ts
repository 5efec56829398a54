import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/engine/config/duration.js";

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["30m", 1_800_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
    ["1h30m", 5_400_000],
    ["1d2h3m4s", 93_784_000],
    ["0s", 0],
    ["90m", 5_400_000],
  ])("reads %s as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "30", "30 minutes", "30M", "1.5h", "30m1h", "1h1h", " 30m", "-1h", "1w", "99999999999999d"])("refuses %j", (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [999, "0s"],
    [30_000, "30s"],
    [5_400_000, "1h30m"],
    [86_400_000, "1d"],
    [93_784_000, "1d2h3m4s"],
  ])("writes %d ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
