import { describe, expect, it } from "vitest";
import { evaluateGate } from "../../src/engine/gate/index.js";
import { FRIDAY_EVENING, gateInput, review, waitingInput } from "./gate-input.js";

describe("evaluateGate", () => {
  it("lists what is missing in the title, in order, and looks again when the soak ends", () => {
    const decision = evaluateGate(waitingInput(), FRIDAY_EVENING);
    expect(decision.passed).toBe(false);
    expect(decision.title).toBe("1 of 2 approvals from @acme/sre; soak 12m left; window opens Mon 09:00 Europe/Berlin");
    expect(decision.requirements.map((requirement) => [requirement.kind, requirement.met])).toEqual([
      ["approvals", false],
      ["soak", false],
      ["window", false],
      ["hold", true],
      ["checks", true],
      ["policy", true],
    ]);
    expect(decision.nextChangeAt).toEqual(new Date("2026-03-27T17:12:00Z"));
    expect(decision.nextChangeReason).toBe("soak ends");
    expect(decision.evaluatedAt).toEqual(FRIDAY_EVENING);
  });

  it("looks again when the window opens once the soak is over", () => {
    const decision = evaluateGate(waitingInput(), new Date("2026-03-27T17:20:00Z"));
    expect(decision.title).toBe("1 of 2 approvals from @acme/sre; window opens Mon 09:00 Europe/Berlin");
    // Berlin moves to summer time on Sunday: Monday 09:00 is 07:00 UTC.
    expect(decision.nextChangeAt).toEqual(new Date("2026-03-30T07:00:00Z"));
    expect(decision.nextChangeReason).toBe("window opens");
  });

  it("passes when everything is met, and looks again when the window closes", () => {
    const decision = evaluateGate(waitingInput({ reviews: [review("bob", "APPROVED"), review("dave", "APPROVED")] }), new Date("2026-03-30T07:00:00Z"));
    expect(decision.passed).toBe(true);
    expect(decision.title).toBe("Gate passed");
    expect(decision.nextChangeAt).toEqual(new Date("2026-03-30T14:00:00Z"));
    expect(decision.nextChangeReason).toBe("window closes");
  });

  it("passes with nothing to look at again when only hold and policy apply", () => {
    const decision = evaluateGate(gateInput(), FRIDAY_EVENING);
    expect(decision).toEqual({
      passed: true,
      requirements: [
        { kind: "hold", met: true, detail: "production is not held" },
        { kind: "policy", met: true, detail: "no policy errors" },
      ],
      title: "Gate passed",
      nextChangeAt: null,
      nextChangeReason: null,
      evaluatedAt: FRIDAY_EVENING,
    });
  });

  it("fails on a hold, a failed check and policy errors together", () => {
    const decision = evaluateGate(
      waitingInput({
        reviews: [review("bob", "APPROVED"), review("dave", "APPROVED")],
        sourceSince: new Date("2026-03-20T00:00:00Z"),
        hold: { by: "carol", reason: "incident 42", at: new Date("2026-03-30T06:00:00Z") },
        checkRuns: [{ name: "e2e", status: "completed", conclusion: "failure" }],
        policyErrors: 2,
      }),
      new Date("2026-03-30T08:00:00Z"),
    );
    expect(decision.title).toBe("held by @carol: incident 42; e2e failed; 2 policy errors");
    // The gate cannot pass before the window closes at 16:00 (14:00Z), but it is looked at again then all the same.
    expect(decision.nextChangeAt).toEqual(new Date("2026-03-30T14:00:00Z"));
  });
});
