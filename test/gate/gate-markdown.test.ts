import { describe, expect, it } from "vitest";
import { evaluateGate } from "../../src/engine/gate/index.js";
import { GATE_CHECK_NAME, gateCheckMarkdown, gateSectionMarkdown, ungatedCheckMarkdown } from "../../src/engine/markdown/gate.js";
import { FRIDAY_EVENING, gateInput, requires, review, waitingInput } from "./gate-input.js";

const waiting = evaluateGate(waitingInput(), FRIDAY_EVENING);
const passed = evaluateGate(waitingInput({ reviews: [review("bob", "APPROVED"), review("dave", "APPROVED")], hold: null }), new Date("2026-03-30T07:00:00Z"));

describe("gateSectionMarkdown", () => {
  it("says what the gate is waiting for", () => {
    expect(gateSectionMarkdown("production", waiting)).toMatchInlineSnapshot(`
      "**Gate**: ⏳ waiting — 1 of 2 approvals from \`@acme/sre\`; soak 12m left; window opens Mon 09:00 Europe/Berlin

      - ❌ 1 of 2 approvals from \`@acme/sre\` (approved: \`@bob\`; \`@dave\` approved an older commit; \`@mallory\` approved but triggered this promotion)
      - ❌ soak 30m: running in staging since 2026-03-27 16:42 UTC, 12m left (until 2026-03-27 17:12 UTC)
      - ❌ outside Mon-Thu 09:00-16:00 Europe/Berlin; window opens Mon 09:00 Europe/Berlin (2026-03-30 07:00 UTC)
      - ✅ production is not held
      - ✅ e2e succeeded
      - ✅ no policy errors

      Promenade looks at the gate of \`production\` again when the soak ends: 2026-03-27T17:12:00Z (Friday 27 March 2026, 17:12 UTC, in 12m)."
    `);
  });

  it("says the gate passed, without a time to look again when nothing changes by itself", () => {
    const decision = evaluateGate(
      gateInput({ requires: requires({ approvals: 1 }), reviews: [review("bob", "APPROVED")], eligibleApprovers: new Set(["bob"]) }),
      FRIDAY_EVENING,
    );
    expect(gateSectionMarkdown("production", decision)).toMatchInlineSnapshot(`
      "**Gate**: ✅ passed

      - ✅ 1 of 1 approval from people with write access (approved: \`@bob\`)
      - ✅ production is not held
      - ✅ no policy errors"
    `);
  });

  it("keeps HTML out of the comment", () => {
    const held = evaluateGate(waitingInput({ hold: { by: "carol", reason: "<img src=x> & more\nlines", at: FRIDAY_EVENING } }), FRIDAY_EVENING);
    const section = gateSectionMarkdown("production", held);
    expect(section).not.toContain("<img");
    expect(section).toContain("held by `@carol`: &lt;img src=x&gt; &amp; more lines");
  });
});

describe("gateCheckMarkdown", () => {
  it("is named promenade/gate", () => {
    expect(GATE_CHECK_NAME).toBe("promenade/gate");
  });

  it("fails with what is missing as its title", () => {
    expect(gateCheckMarkdown("production", waiting)).toMatchInlineSnapshot(`
      {
        "conclusion": "failure",
        "summary": "❌ The gate of \`production\` has not passed: 1 of 2 approvals from \`@acme/sre\`; soak 12m left; window opens Mon 09:00 Europe/Berlin.

      |  | requirement | status |
      | --- | --- | --- |
      | ❌ | approvals | 1 of 2 approvals from \`@acme/sre\` (approved: \`@bob\`; \`@dave\` approved an older commit; \`@mallory\` approved but triggered this promotion) |
      | ❌ | soak | soak 30m: running in staging since 2026-03-27 16:42 UTC, 12m left (until 2026-03-27 17:12 UTC) |
      | ❌ | window | outside Mon-Thu 09:00-16:00 Europe/Berlin; window opens Mon 09:00 Europe/Berlin (2026-03-30 07:00 UTC) |
      | ✅ | hold | production is not held |
      | ✅ | checks | e2e succeeded |
      | ✅ | policy | no policy errors |

      Promenade looks at the gate of \`production\` again when the soak ends: 2026-03-27T17:12:00Z (Friday 27 March 2026, 17:12 UTC, in 12m).",
        "title": "1 of 2 approvals from @acme/sre; soak 12m left; window opens Mon 09:00 Europe/Berlin",
      }
    `);
  });

  it("succeeds when the gate passed", () => {
    const check = gateCheckMarkdown("production", passed);
    expect(check.conclusion).toBe("success");
    expect(check.title).toBe("Gate passed");
    expect(check.summary.split("\n\n")[0]).toBe("✅ The gate of `production` passed.");
    expect(check.summary).toContain("| ✅ | window | inside Mon-Thu 09:00-16:00 Europe/Berlin until Mon 16:00 Europe/Berlin (2026-03-30 14:00 UTC) |");
    expect(check.summary).toContain("again when the window closes: 2026-03-30T14:00:00Z (Monday 30 March 2026, 14:00 UTC, in 7h).");
  });

  it("leaves out when it looks again when nothing changes by itself, and the relative time without evaluatedAt", () => {
    const check = gateCheckMarkdown("production", { ...waiting, nextChangeAt: null, nextChangeReason: null });
    expect(check.summary).not.toContain("looks at the gate");
    const bare = gateCheckMarkdown("production", { passed: false, requirements: [], title: "x", nextChangeAt: new Date("2026-03-27T17:12:00Z") });
    expect(bare.summary).toContain("again: 2026-03-27T17:12:00Z (Friday 27 March 2026, 17:12 UTC).");
  });
});

describe("ungatedCheckMarkdown", () => {
  it("passes a pull request that changes no gated environment, so the check can be required everywhere", () => {
    expect(ungatedCheckMarkdown({})).toEqual({
      conclusion: "success",
      title: "No gated environment changes",
      summary: "✅ This pull request changes no environment that has requirements.",
    });
  });

  it("says why Promenade will not merge a promotion PR that was changed by hand, escaped", () => {
    expect(ungatedCheckMarkdown({ untrusted: "edited <b>by</b> hand" }).summary).toContain(
      "Promenade will not merge this pull request: edited &lt;b&gt;by&lt;/b&gt; hand.",
    );
  });

  it("fails while the config on the default branch is invalid, except on a pull request that changes it", () => {
    expect(ungatedCheckMarkdown({ invalidConfig: true })).toMatchObject({ conclusion: "failure", title: "The config on the default branch is invalid" });
    expect(ungatedCheckMarkdown({ invalidConfig: true, changesConfig: true })).toMatchObject({ conclusion: "success", title: "Changes the config" });
  });
});

describe("the integrity requirement", () => {
  it("fails the gate of a promotion PR changed by hand, whatever else it has", () => {
    const decision = evaluateGate(gateInput({ tampered: "commits were pushed to the branch after Promenade's own" }), FRIDAY_EVENING);
    expect(decision.passed).toBe(false);
    expect(decision.requirements[0]).toMatchObject({ kind: "integrity", met: false, missing: "changed by hand" });
    expect(decision.title.startsWith("changed by hand")).toBe(true);
  });
});
