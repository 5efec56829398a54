import { describe, expect, it } from "vitest";
import { evaluateGate, type GateInput } from "../../src/engine/gate/index.js";
import { gateInput, requires } from "./gate-input.js";

const MERGED = new Date("2026-03-02T10:00:00Z");

function soakInput(overrides: Partial<GateInput> = {}): GateInput {
  return gateInput({ requires: requires({ soak: "30m" }), sourceSince: MERGED, ...overrides });
}

function soakAt(input: GateInput, now: string) {
  const decision = evaluateGate(input, new Date(now));
  return { decision, soak: decision.requirements.find((requirement) => requirement.kind === "soak") };
}

describe("soak", () => {
  it("is not met before the soak has elapsed, and is met from then on", () => {
    const early = soakAt(soakInput(), "2026-03-02T10:18:00Z");
    expect(early.soak).toEqual({
      kind: "soak",
      met: false,
      detail: "soak 30m: running in staging since 2026-03-02 10:00 UTC, 12m left (until 2026-03-02 10:30 UTC)",
      missing: "soak 12m left",
      changesAt: new Date("2026-03-02T10:30:00Z"),
    });
    expect(early.decision.passed).toBe(false);
    expect(early.decision.title).toBe("soak 12m left");
    expect(early.decision.nextChangeAt).toEqual(new Date("2026-03-02T10:30:00Z"));
    expect(early.decision.nextChangeReason).toBe("soak ends");

    const done = soakAt(soakInput(), "2026-03-02T10:30:00Z");
    expect(done.soak).toEqual({ kind: "soak", met: true, detail: "soak 30m: running in staging since 2026-03-02 10:00 UTC (30m)" });
    expect(done.decision.passed).toBe(true);
    expect(done.decision.title).toBe("Gate passed");
    expect(done.decision.nextChangeAt).toBeNull();
  });

  it.each([
    ["2026-03-02T10:18:01Z", "soak 12m left"],
    ["2026-03-02T10:18:59Z", "soak 12m left"],
    ["2026-03-02T10:29:00Z", "soak 1m left"],
    ["2026-03-02T10:29:00.001Z", "soak 1m left"],
    ["2026-03-02T10:29:01Z", "soak 59s left"],
    ["2026-03-02T10:29:59.500Z", "soak 1s left"],
    ["2026-03-01T10:00:00Z", "soak 1d30m left"],
  ])("at %s says %j, rounding up", (now, missing) => {
    expect(soakAt(soakInput(), now).soak?.missing).toBe(missing);
  });

  it("is skipped for a rollback, and only the soak is", () => {
    const { decision, soak } = soakAt(soakInput({ rollback: true, policyErrors: 1 }), "2026-03-02T10:01:00Z");
    expect(soak).toEqual({ kind: "soak", met: true, detail: "soak 30m: skipped for a rollback" });
    expect(decision.title).toBe("1 policy error");
    expect(decision.nextChangeAt).toBeNull();
  });

  it("does not apply to a PR that moves no image version", () => {
    const { soak } = soakAt(soakInput({ sourceSince: undefined }), "2026-03-02T10:01:00Z");
    expect(soak).toEqual({ kind: "soak", met: true, detail: "soak 30m: no image version changes" });
  });

  it("is not met when it cannot be measured", () => {
    const { decision, soak } = soakAt(soakInput({ sourceSince: null }), "2026-03-02T10:01:00Z");
    expect(soak).toEqual({
      kind: "soak",
      met: false,
      detail: "soak 30m: cannot tell when the version reached staging",
      missing: "soak: cannot tell when the version reached staging",
    });
    expect(decision.nextChangeAt).toBeNull();
  });

  it("names the source environment generically when it is not given", () => {
    const { soak } = soakAt(soakInput({ sourceSince: null, from: undefined }), "2026-03-02T10:01:00Z");
    expect(soak?.missing).toBe("soak: cannot tell when the version reached the source environment");
  });

  it("does not apply without requires.soak", () => {
    const { decision } = soakAt(gateInput({ sourceSince: null }), "2026-03-02T10:01:00Z");
    expect(decision.requirements.map((requirement) => requirement.kind)).toEqual(["hold", "policy"]);
  });
});
