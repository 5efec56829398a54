import { describe, expect, it } from "vitest";
import { candidateApprovers, evaluateGate, type GateInput, type GateReview } from "../../src/engine/gate/index.js";
import { HEAD, OLD, gateInput, requires, review } from "./gate-input.js";

const NOW = new Date("2026-03-02T12:00:00Z");

function approvals(input: Partial<GateInput>) {
  const decision = evaluateGate(gateInput({ requires: requires({ approvals: 1, reviewers: ["@acme/sre", "alice"] }), ...input }), NOW);
  const status = decision.requirements.find((requirement) => requirement.kind === "approvals");
  if (status === undefined) throw new Error("no approvals requirement");
  return status;
}

describe("candidateApprovers", () => {
  it.each<[string, GateReview[], string[]]>([
    ["an approval on the head", [review("bob", "APPROVED")], ["bob"]],
    ["an approval on an older commit", [review("bob", "APPROVED", OLD)], []],
    ["an approval then a comment", [review("bob", "APPROVED"), review("bob", "COMMENTED"), review("bob", "PENDING")], ["bob"]],
    ["an approval cancelled by changes requested", [review("bob", "APPROVED"), review("bob", "CHANGES_REQUESTED")], []],
    ["changes requested, then approved again", [review("bob", "CHANGES_REQUESTED"), review("bob", "APPROVED")], ["bob"]],
    ["approve, request changes, approve", [review("bob", "APPROVED"), review("bob", "CHANGES_REQUESTED"), review("bob", "APPROVED")], ["bob"]],
    ["a dismissed approval", [review("bob", "DISMISSED")], []],
    ["an approval dismissed later", [review("bob", "APPROVED"), review("bob", "DISMISSED")], []],
    ["an old approval, then one on the head", [review("bob", "APPROVED", OLD), review("bob", "APPROVED")], ["bob"]],
    ["an approval on the head, then one on an older commit", [review("bob", "APPROVED"), review("bob", "APPROVED", OLD)], []],
    ["the same reviewer in other case", [review("Bob", "APPROVED"), review("bob", "CHANGES_REQUESTED")], []],
    ["only comments", [review("bob", "COMMENTED")], []],
    ["several reviewers, once each", [review("bob", "APPROVED"), review("carol", "APPROVED"), review("bob", "APPROVED")], ["bob", "carol"]],
  ])("%s", (_name, reviews, expected) => {
    expect(candidateApprovers(reviews, HEAD)).toEqual(expected);
  });
});

describe("approvals", () => {
  it("counts an eligible approval on the head commit", () => {
    const status = approvals({ reviews: [review("bob", "APPROVED")], eligibleApprovers: new Set(["bob"]) });
    expect(status).toEqual({ kind: "approvals", met: true, detail: "1 of 1 approval from @acme/sre, alice (approved: @bob)" });
  });

  it.each<[string, Partial<GateInput>, string]>([
    ["from someone who is not a reviewer", { reviews: [review("erin", "APPROVED")] }, "@erin is not among the reviewers"],
    [
      "from the person who triggered the promotion",
      { reviews: [review("bob", "APPROVED")], eligibleApprovers: new Set(["bob"]), triggeredBy: "bob" },
      "@bob approved but triggered this promotion",
    ],
    [
      "from the author of the head commit",
      { reviews: [review("carl", "APPROVED")], eligibleApprovers: new Set(["carl"]), commitAuthors: ["someone", "carl"] },
      "@carl approved but wrote or committed a commit of this pull request",
    ],
    [
      "from someone who pushed to the pull request's branch",
      { reviews: [review("pat", "APPROVED")], eligibleApprovers: new Set(["pat"]), pushers: ["Pat"] },
      "@pat approved but pushed to this pull request",
    ],
    ["on an older head commit", { reviews: [review("dave", "APPROVED", OLD)], eligibleApprovers: new Set(["dave"]) }, "@dave approved an older commit"],
    [
      "that was dismissed",
      { reviews: [review("gina", "APPROVED"), review("gina", "DISMISSED")], eligibleApprovers: new Set(["gina"]) },
      "@gina's review was dismissed",
    ],
    [
      "cancelled by a later changes-requested",
      { reviews: [review("frank", "APPROVED"), review("frank", "CHANGES_REQUESTED")], eligibleApprovers: new Set(["frank"]) },
      "@frank requested changes",
    ],
  ])("does not count an approval %s, and says why", (_name, input, why) => {
    const status = approvals(input);
    expect(status.met).toBe(false);
    expect(status.detail).toBe(`0 of 1 approval from @acme/sre, alice (${why})`);
    expect(status.missing).toBe("0 of 1 approval from @acme/sre, alice");
  });

  it("counts an approval given again after changes were requested", () => {
    const reviews = [review("frank", "APPROVED"), review("frank", "CHANGES_REQUESTED"), review("frank", "COMMENTED"), review("frank", "APPROVED")];
    expect(approvals({ reviews, eligibleApprovers: new Set(["frank"]) }).met).toBe(true);
  });

  it("says a reviewer lacks write access when no reviewers are configured", () => {
    const input = gateInput({ requires: requires({ approvals: 1 }), reviews: [review("erin", "APPROVED")] });
    const status = evaluateGate(input, NOW).requirements[0];
    expect(status).toEqual({
      kind: "approvals",
      met: false,
      detail: "0 of 1 approval from people with write access (@erin has no write access)",
      missing: "0 of 1 approval",
    });
  });

  it("compares logins without regard to case", () => {
    const status = approvals({
      requires: requires({ approvals: 2, reviewers: ["alice", "Bob"] }),
      reviews: [review("Alice", "APPROVED"), review("BOB", "APPROVED"), review("Carol", "APPROVED"), review("DAVE", "APPROVED")],
      eligibleApprovers: new Set(["alice", "bob", "carol", "dave"]),
      triggeredBy: "carol",
      commitAuthors: ["Dave"],
    });
    expect(status).toEqual({
      kind: "approvals",
      met: true,
      detail:
        "2 of 2 approvals from alice, Bob (approved: @Alice, @BOB; @Carol approved but triggered this promotion; @DAVE approved but wrote or committed a commit of this pull request)",
    });
  });

  it("needs as many approvals as required, naming each kind of approval that does not count", () => {
    const status = approvals({
      requires: requires({ approvals: 2, reviewers: ["@acme/sre", "alice"] }),
      reviews: [review("bob", "APPROVED"), review("dave", "APPROVED", OLD), review("erin", "APPROVED"), review("zed", "COMMENTED")],
      eligibleApprovers: new Set(["bob", "dave"]),
    });
    expect(status).toEqual({
      kind: "approvals",
      met: false,
      detail: "1 of 2 approvals from @acme/sre, alice (approved: @bob; @dave approved an older commit; @erin is not among the reviewers)",
      missing: "1 of 2 approvals from @acme/sre, alice",
    });
  });

  it("does not apply when no approval is required", () => {
    const decision = evaluateGate(gateInput({ requires: requires({ reviewers: ["alice"] }) }), NOW);
    expect(decision.requirements.map((requirement) => requirement.kind)).toEqual(["hold", "policy"]);
  });
});
