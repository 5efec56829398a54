import { describe, expect, it } from "vitest";
import { proposesNewer } from "../../src/engine/plan/proposes-newer.js";
import type { Promotion } from "../../src/engine/plan/promotion.js";
import type { PromotionData } from "../../src/engine/markdown/promotion-data.js";
import { fanOutConfig } from "./helpers.js";

const API = "ghcr.io/acme/api";
const CONFIG = fanOutConfig();

function pushed(tag: string): Promotion {
  return {
    environment: "dev",
    images: [{ image: API, fromVersion: { tag: "1.0.0", digest: null }, toVersion: { tag, digest: null }, bump: "minor" }],
    branch: "promenade/dev/api",
    title: `Promote api ${tag} to dev`,
    trigger: { kind: "push", image: API, tag, digest: null },
  };
}

function proposing(tag: string): PromotionData {
  return {
    version: 1,
    environment: "dev",
    branch: "promenade/dev/api",
    images: [{ image: API, fromVersion: { tag: "1.0.0", digest: null }, toVersion: { tag, digest: null }, bump: "minor" }],
    trigger: { kind: "push", image: API, tag, digest: null },
    superseded: [],
  } as unknown as PromotionData;
}

describe("proposesNewer", () => {
  it("keeps an open PR that proposes a newer version than a late push", () => {
    expect(proposesNewer(CONFIG, pushed("1.2.0"), proposing("1.3.0"))).toBe(true);
  });

  it("replaces an older or equal proposal", () => {
    expect(proposesNewer(CONFIG, pushed("1.3.0"), proposing("1.2.0"))).toBe(false);
    expect(proposesNewer(CONFIG, pushed("1.3.0"), proposing("1.3.0"))).toBe(false);
  });

  it("only weighs pushes, against a PR whose data is believed", () => {
    expect(proposesNewer(CONFIG, { ...pushed("1.2.0"), trigger: { kind: "rollback" } }, proposing("1.3.0"))).toBe(false);
    expect(proposesNewer(CONFIG, pushed("1.2.0"), null)).toBe(false);
  });
});
