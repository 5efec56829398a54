import { describe, expect, it } from "vitest";
import { evaluateGate, type GateCheckRun, type GateInput } from "../../src/engine/gate/index.js";
import { gateInput, requires } from "./gate-input.js";

const NOW = new Date("2026-03-02T12:00:00Z");

function requirement(kind: string, input: Partial<GateInput>) {
  return evaluateGate(gateInput(input), NOW).requirements.find((status) => status.kind === kind);
}

describe("hold", () => {
  it("is met when the environment is not held", () => {
    expect(requirement("hold", {})).toEqual({ kind: "hold", met: true, detail: "production is not held" });
  });

  it("fails the gate while held, with the reason", () => {
    const hold = { by: "carol", reason: "incident 42", at: new Date("2026-03-02T08:15:00Z") };
    expect(requirement("hold", { hold })).toEqual({
      kind: "hold",
      met: false,
      detail: "production held by @carol since 2026-03-02 08:15 UTC: incident 42 (`/unhold production` resumes)",
      missing: "held by @carol: incident 42",
    });
  });

  it("fails the gate while held, without a reason", () => {
    const status = requirement("hold", { hold: { by: "@carol", reason: null, at: new Date("2026-03-02T08:15:00Z") } });
    expect(status?.missing).toBe("held by @carol");
    expect(status?.detail).toBe("production held by @carol since 2026-03-02 08:15 UTC (`/unhold production` resumes)");
  });
});

describe("required checks", () => {
  const run = (name: string, status: string, conclusion: string | null = null): GateCheckRun => ({ name, status, conclusion });

  it.each<[string, GateCheckRun[], boolean, string, string | undefined]>([
    ["succeeded", [run("e2e", "completed", "success")], true, "e2e succeeded", undefined],
    ["has not run", [run("lint", "completed", "success")], false, "e2e has not run", "e2e has not run"],
    ["queued", [run("e2e", "queued")], false, "e2e pending", "e2e pending"],
    ["in progress", [run("e2e", "in_progress")], false, "e2e pending", "e2e pending"],
    ["failed", [run("e2e", "completed", "failure")], false, "e2e failed", "e2e failed"],
    ["timed out", [run("e2e", "completed", "timed_out")], false, "e2e timed out", "e2e timed out"],
    ["skipped (passes, as for GitHub's required checks)", [run("e2e", "completed", "skipped")], true, "e2e succeeded", undefined],
    ["neutral (passes, as for GitHub's required checks)", [run("e2e", "completed", "neutral")], true, "e2e succeeded", undefined],
    ["ended otherwise", [run("e2e", "completed", "something_new")], false, "e2e has not succeeded", "e2e has not succeeded"],
    ["re-run and now pending (newest first)", [run("e2e", "in_progress"), run("e2e", "completed", "success")], false, "e2e pending", "e2e pending"],
    ["re-run and now succeeded (newest first)", [run("e2e", "completed", "success"), run("e2e", "completed", "failure")], true, "e2e succeeded", undefined],
  ])("e2e %s", (_name, checkRuns, met, detail, missing) => {
    const status = requirement("checks", { requires: requires({ checks: ["e2e"] }), checkRuns });
    expect(status).toEqual({ kind: "checks", met, detail, ...(missing === undefined ? {} : { missing }) });
  });

  it("names every check that is not there yet", () => {
    const status = requirement("checks", {
      requires: requires({ checks: ["build", "e2e", "smoke"] }),
      checkRuns: [run("build", "completed", "success"), run("smoke", "completed", "failure")],
    });
    expect(status).toEqual({
      kind: "checks",
      met: false,
      detail: "build succeeded; e2e has not run; smoke failed",
      missing: "e2e has not run, smoke failed",
    });
  });

  it("does not apply when no check is required", () => {
    expect(requirement("checks", { checkRuns: [run("e2e", "completed", "failure")] })).toBeUndefined();
  });
});

describe("policy", () => {
  it.each<[number | null, boolean, string, string | undefined]>([
    [0, true, "no policy errors", undefined],
    [1, false, "1 policy error (see promenade/policy)", "1 policy error"],
    [2, false, "2 policy errors (see promenade/policy)", "2 policy errors"],
    [null, false, "policies not evaluated on this head commit yet", "policy not evaluated yet"],
  ])("with %j errors", (policyErrors, met, detail, missing) => {
    expect(requirement("policy", { policyErrors })).toEqual({ kind: "policy", met, detail, ...(missing === undefined ? {} : { missing }) });
  });
});
