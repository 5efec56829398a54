/** Builds gate inputs for the tests: a production PR with nothing required but what each test sets. */
import { requirementsSchema, type Requirements } from "../../src/engine/config/schema.js";
import type { GateInput, GateReview } from "../../src/engine/gate/index.js";

export const HEAD = "c0ffee0000000000000000000000000000000000";
export const OLD = "0ld0000000000000000000000000000000000000";

/** `requires` as written in the config, with the schema's defaults applied. */
export function requires(written: Record<string, unknown>): Requirements {
  return requirementsSchema.parse(written);
}

export function gateInput(overrides: Partial<GateInput> & { requires?: Requirements } = {}): GateInput {
  return {
    environment: "production",
    from: "staging",
    requires: requires({}),
    headSha: HEAD,
    reviews: [],
    eligibleApprovers: new Set(),
    triggeredBy: null,
    commitAuthors: [],
    pushers: [],
    tampered: null,
    sourceSince: undefined,
    rollback: false,
    hold: null,
    checkRuns: [],
    policyErrors: 0,
    ...overrides,
  };
}

let minute = 0;

/** A review, each one a minute after the one before. */
export function review(reviewer: string, state: GateReview["state"], commitId = HEAD): GateReview {
  minute++;
  return { reviewer, state, commitId, submittedAt: new Date(Date.UTC(2026, 2, 2, 9, minute)) };
}

/** A promotion into production on Friday 2026-03-27 at 18:00 in Berlin: one approval short, still soaking, outside the window. */
export function waitingInput(overrides: Partial<GateInput> = {}): GateInput {
  return gateInput({
    requires: requires({
      approvals: 2,
      reviewers: ["@acme/sre"],
      soak: "30m",
      windows: [{ days: "Mon-Thu", hours: "09:00-16:00", timezone: "Europe/Berlin" }],
      checks: ["e2e"],
    }),
    reviews: [review("bob", "APPROVED"), review("dave", "APPROVED", OLD), review("mallory", "APPROVED")],
    eligibleApprovers: new Set(["bob", "dave"]),
    triggeredBy: "mallory",
    sourceSince: new Date("2026-03-27T16:42:00Z"),
    checkRuns: [{ name: "e2e", status: "completed", conclusion: "success" }],
    ...overrides,
  });
}

export const FRIDAY_EVENING = new Date("2026-03-27T17:00:00Z");
