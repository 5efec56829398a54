import { describe, expect, it } from "vitest";
import type { PromotionTrust } from "../../src/engine/gate/promotion-trust.js";
import { movedVersions, signedTime, soakSubject } from "../../src/engine/gate/source-since.js";
import type { PromotionData } from "../../src/engine/markdown/promotion-data.js";
import { config } from "../plan/helpers.js";

const CONFIG = config(`environments:
  staging: { path: deploy/staging }
  production: { path: deploy/production, from: staging, requires: { soak: 1h } }
  canary: { path: deploy/canary, from: staging }
`);

const API = "ghcr.io/acme/api";
const VERSION = { tag: "1.4.0", digest: null };

function promotion(trigger: PromotionData["trigger"], since?: string): PromotionTrust {
  const image = { image: API, fromVersion: null, toVersion: VERSION, bump: "minor" as const, ...(since === undefined ? {} : { since }) };
  return {
    kind: "promotion",
    data: { version: 1, environment: "production", branch: "promenade/production/api", images: [image], trigger, superseded: [] } as unknown as PromotionData,
  };
}

describe("soakSubject", () => {
  it("does not apply without soak, or to a rollback", () => {
    expect(soakSubject(CONFIG, "canary", { kind: "hand-made" }, null)).toEqual({ kind: "none" });
    expect(soakSubject(CONFIG, "production", promotion({ kind: "rollback" }), null)).toEqual({ kind: "none" });
  });

  it("cannot be told for a promotion PR changed by hand", () => {
    expect(soakSubject(CONFIG, "production", { kind: "changed", reason: "edited", data: null }, 1)).toEqual({ kind: "unknown" });
  });

  it("waits on the versions of the signed data, with their signed times", () => {
    const trust = promotion({ kind: "environment-change", environment: "staging" }, "2026-11-20T10:00:00.000Z");
    expect(soakSubject(CONFIG, "production", trust, 0)).toEqual({
      kind: "brought",
      from: "staging",
      versions: [{ image: API, version: VERSION, signedSince: new Date("2026-11-20T10:00:00Z") }],
    });
  });

  it("for a pull request made by hand: the versions its files move, none when the review found none moved", () => {
    expect(soakSubject(CONFIG, "production", { kind: "hand-made" }, null)).toEqual({ kind: "moved", from: "staging" });
    expect(soakSubject(CONFIG, "production", { kind: "hand-made" }, 2)).toEqual({ kind: "moved", from: "staging" });
    expect(soakSubject(CONFIG, "production", { kind: "hand-made" }, 0)).toEqual({ kind: "none" });
  });
});

describe("movedVersions and signedTime", () => {
  it("lists the moved versions without signed times; null when none moves", () => {
    expect(movedVersions(new Map([[API, VERSION]]))).toEqual([{ image: API, version: VERSION, signedSince: null }]);
    expect(movedVersions(new Map())).toBeNull();
  });

  it("reads a signed time, null when absent or not a time", () => {
    expect(signedTime("2026-11-20T10:00:00Z")).toEqual(new Date("2026-11-20T10:00:00Z"));
    expect(signedTime(undefined)).toBeNull();
    expect(signedTime("yesterday")).toBeNull();
  });
});
