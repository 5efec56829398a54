import { describe, expect, it } from "vitest";
import { lastStart, laterStart, versionStart } from "../../src/engine/gate/soak-start.js";

const EARLY = new Date("2026-11-20T10:00:00Z");
const LATE = new Date("2026-11-21T10:00:00Z");

describe("versionStart", () => {
  it("takes the recorded start, or the signed time when later", () => {
    expect(versionStart({ hasRecords: true, start: EARLY }, null, true)).toEqual({ at: EARLY });
    expect(versionStart({ hasRecords: true, start: EARLY }, LATE, true)).toEqual({ at: LATE });
    expect(versionStart({ hasRecords: true, start: LATE }, EARLY, true)).toEqual({ at: LATE });
  });

  it("cannot tell when the records say the version does not run, whatever was signed", () => {
    expect(versionStart({ hasRecords: true, start: null }, EARLY, true)).toEqual({ at: null });
  });

  it("without records: the signed time, else the git history when the listing was complete, else nothing", () => {
    expect(versionStart({ hasRecords: false, start: null }, EARLY, false)).toEqual({ at: EARLY });
    expect(versionStart({ hasRecords: false, start: null }, null, true)).toEqual({ fromHistory: true });
    expect(versionStart({ hasRecords: false, start: null }, null, false)).toEqual({ at: null });
  });
});

describe("laterStart and lastStart", () => {
  it("keeps null for a recorded start that is none", () => {
    expect(laterStart(null, LATE)).toBeNull();
    expect(laterStart(EARLY, null)).toEqual(EARLY);
  });

  it("is the last start, null when any is unknown", () => {
    expect(lastStart([EARLY, LATE])).toEqual(LATE);
    expect(lastStart([EARLY, null])).toBeNull();
  });
});
