/** The gate's blocked-versions requirement: a pull request that brings a version `/rollback` blocked in its environment fails until `/unblock`. */
import { describe, expect, it } from "vitest";
import { blockedBrought, blockedStatus } from "../../src/engine/gate/blocked-versions.js";
import { evaluateGate } from "../../src/engine/gate/index.js";
import { gateCheckMarkdown } from "../../src/engine/markdown/gate.js";
import type { BlockedVersion } from "../../src/engine/markdown/holds.js";
import { gateInput } from "./gate-input.js";

const API = "ghcr.io/acme/api";
const WEB = "ghcr.io/acme/web";
const NOW = new Date("2026-03-02T12:00:00Z");
const AT = "2026-03-02T10:00:00Z";

function block(environment: string, image: string, tag: string, by = "alice"): BlockedVersion {
  return { image, version: { tag, digest: null }, environment, by, at: AT };
}

const BLOCKS = [block("production", API, "1.5.0"), block("staging", WEB, "2.0.0"), block("production", WEB, "2.1.0", "bob")];

describe("the versions a pull request brings that are blocked", () => {
  it("are those blocked in its environment only, by image and version", () => {
    const brought = new Map([
      [API, { tag: "1.5.0", digest: `sha256:${"1".repeat(64)}` }],
      [WEB, { tag: "2.0.0", digest: null }],
    ]);
    expect(blockedBrought("production", brought, BLOCKS)).toEqual([{ image: API, version: "1.5.0", by: "alice", at: new Date(AT) }]);
    expect(blockedBrought("staging", brought, BLOCKS)).toEqual([{ image: WEB, version: "2.0.0", by: "alice", at: new Date(AT) }]);
    expect(blockedBrought("production", new Map([[API, { tag: "1.5.1", digest: null }]]), BLOCKS)).toEqual([]);
  });
});

describe("blockedStatus", () => {
  it("does not apply when the pull request brings no blocked version, so other gates read as before", () => {
    expect(blockedStatus("production", undefined)).toBeNull();
    expect(blockedStatus("production", [])).toBeNull();
    expect(evaluateGate(gateInput({ blocked: [] }), NOW).requirements.map((r) => r.kind)).toEqual(["hold", "policy"]);
  });

  it("fails, naming each blocked version, who blocked it, since when and the /unblock that lifts it", () => {
    const status = blockedStatus("production", [
      { image: API, version: "1.5.0", by: "alice", at: new Date(AT) },
      { image: WEB, version: "2.1.0", by: "bob", at: new Date(AT) },
    ]);
    expect(status).toEqual({
      kind: "blocked",
      met: false,
      detail:
        "ghcr.io/acme/api 1.5.0 is blocked in production by @alice since 2026-03-02 10:00 UTC (`/unblock ghcr.io/acme/api 1.5.0` lifts it); ghcr.io/acme/web 2.1.0 is blocked in production by @bob since 2026-03-02 10:00 UTC (`/unblock ghcr.io/acme/web 2.1.0` lifts it)",
      missing: "blocked: ghcr.io/acme/api 1.5.0, ghcr.io/acme/web 2.1.0",
    });
  });

  it("fails the gate after the hold and before checks and policy, also for a rollback PR, with the names inert in the check", () => {
    const decision = evaluateGate(gateInput({ rollback: true, blocked: [{ image: API, version: "1.5.0", by: "alice", at: new Date(AT) }] }), NOW);
    expect(decision.passed).toBe(false);
    expect(decision.requirements.map((r) => r.kind)).toEqual(["hold", "blocked", "policy"]);
    expect(decision.title).toBe("blocked: ghcr.io/acme/api 1.5.0");
    const check = gateCheckMarkdown("production", decision);
    expect(check.summary).toContain("`@alice`");
    expect(check.summary).not.toMatch(/(^|[^`])@alice/);
  });
});
