import { describe, expect, it } from "vitest";
import { earliestChange, mayMerge, readyToMerge } from "../../src/engine/gate/merge-readiness.js";
import type { PromotionTrust } from "../../src/engine/gate/promotion-trust.js";
import type { GateDecision } from "../../src/engine/gate/types.js";
import type { PromotionData } from "../../src/engine/markdown/promotion-data.js";
import { config } from "../plan/helpers.js";

const CONFIG = config(`environments:
  staging: { path: deploy/staging, autoMerge: true }
  production: { path: deploy/production, from: staging }
`);

const DATA: PromotionData = {
  version: 1,
  environment: "staging",
  branch: "promenade/staging/api",
  images: [{ image: "ghcr.io/acme/api", fromVersion: null, toVersion: { tag: "1.4.0", digest: null }, bump: "minor" }],
  trigger: { kind: "push", image: "ghcr.io/acme/api" },
  superseded: [],
  commit: "a".repeat(40),
  files: ["deploy/staging/api.yaml"],
} as unknown as PromotionData;

const PROMOTION: PromotionTrust = { kind: "promotion", data: DATA };
const OPEN = { fromFork: false, state: "open" };
const FILES = ["deploy/staging/api.yaml"];

function gate(passed: boolean, nextChangeAt: Date | null = null): GateDecision {
  return { passed, requirements: [], title: passed ? "Gate passed" : "approvals 0/1", nextChangeAt };
}

describe("mayMerge", () => {
  it("merges an unchanged promotion PR into environments that all auto-merge", () => {
    expect(mayMerge(CONFIG, ["staging"], OPEN, PROMOTION, FILES, false)).toBe(true);
  });

  it("needs /promote (now) where an environment does not auto-merge", () => {
    const data = { ...DATA, environment: "production", files: ["deploy/production/api.yaml"] } as PromotionData;
    const trust: PromotionTrust = { kind: "promotion", data };
    expect(mayMerge(CONFIG, ["production"], OPEN, trust, ["deploy/production/api.yaml"], false)).toBe(false);
    expect(mayMerge(CONFIG, ["production"], OPEN, trust, ["deploy/production/api.yaml"], true)).toBe(true);
  });

  it("never merges a pull request made by hand, changed by hand, from a fork, closed, or changing other files", () => {
    expect(mayMerge(CONFIG, ["staging"], OPEN, { kind: "hand-made" }, FILES, true)).toBe(false);
    expect(mayMerge(CONFIG, ["staging"], OPEN, { kind: "changed", reason: "edited", data: DATA }, FILES, true)).toBe(false);
    expect(mayMerge(CONFIG, ["staging"], { fromFork: true, state: "open" }, PROMOTION, FILES, true)).toBe(false);
    expect(mayMerge(CONFIG, ["staging"], { fromFork: false, state: "closed" }, PROMOTION, FILES, true)).toBe(false);
    expect(mayMerge(CONFIG, ["staging"], OPEN, PROMOTION, [...FILES, "deploy/staging/other.yaml"], true)).toBe(false);
    expect(mayMerge(CONFIG, ["production"], OPEN, PROMOTION, FILES, true)).toBe(false);
  });
});

describe("readyToMerge", () => {
  const passing = { name: "e2e", status: "completed", conclusion: "success" };

  it("is ready when every gate passed, the policies found no error and every other check passed", () => {
    expect(
      readyToMerge(new Map([["staging", gate(true)]]), [passing, { ...passing, conclusion: "skipped" }, { ...passing, conclusion: "neutral" }], { errors: 0 }),
    ).toBe(true);
    expect(readyToMerge(new Map(), [], { errors: 0 })).toBe(true);
  });

  it("waits for a failing gate, unevaluated or failing policies, and other checks not completed or failed", () => {
    expect(readyToMerge(new Map([["staging", gate(false)]]), [passing], { errors: 0 })).toBe(false);
    expect(readyToMerge(new Map(), [passing], null)).toBe(false);
    expect(readyToMerge(new Map(), [passing], { errors: 1 })).toBe(false);
    expect(readyToMerge(new Map(), [{ name: "e2e", status: "in_progress", conclusion: null }], { errors: 0 })).toBe(false);
    expect(readyToMerge(new Map(), [{ ...passing, conclusion: "failure" }], { errors: 0 })).toBe(false);
  });
});

describe("earliestChange", () => {
  it("is the earliest time, null when none", () => {
    expect(earliestChange([null, new Date("2026-01-02T00:00:00Z"), new Date("2026-01-01T00:00:00Z")])).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(earliestChange([null])).toBeNull();
    expect(earliestChange([])).toBeNull();
  });
});
