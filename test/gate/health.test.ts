/** The health requirement (`requires.healthy`, `requires.healthChecks`): which report decides, and the line it writes. */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/engine/config/parse-config.js";
import { previewGate } from "../../src/engine/gate/gate-preview.js";
import { evaluateGate } from "../../src/engine/gate/index.js";
import {
  answersHealthCheck,
  checkRunHealth,
  deploymentHealth,
  healthStatus,
  statusHealth,
  type HealthReport,
  type SourceHealth,
} from "../../src/engine/gate/health.js";
import { gateCheckMarkdown } from "../../src/engine/markdown/gate.js";
import { gateInput, requires } from "./gate-input.js";

const NOW = new Date("2026-03-30T10:00:00Z");
const A = "aaaaaaa000000000000000000000000000000000";
const B = "bbbbbbb000000000000000000000000000000000";
const API = { image: "ghcr.io/acme/api", version: { tag: "1.4.2", digest: null } };

function reported(deployments: HealthReport[], checks: HealthReport[] = []): SourceHealth {
  return { kind: "reported", versions: [API], deployments, checks };
}

function deployment(state: HealthReport["state"], sha = A): HealthReport {
  return { name: "deployment", state, sha };
}

const healthy = requires({ healthy: true });
const withChecks = requires({ healthy: true, healthChecks: ["kustomization/apps", "smoke"] });

describe("healthStatus with deployments", () => {
  it("does not apply without requires.healthy", () => {
    expect(healthStatus(gateInput({ from: "dev", health: reported([]) }))).toBeNull();
  });

  it("waits, naming the deployment it waits for, while no deployment reports", () => {
    expect(healthStatus(gateInput({ from: "dev", requires: healthy, health: reported([]) }))).toEqual({
      kind: "health",
      met: false,
      detail: "health: waiting for a successful deployment of dev running api 1.4.2",
      missing: "waiting for a healthy dev",
    });
  });

  it("passes on a successful deployment", () => {
    expect(healthStatus(gateInput({ from: "dev", requires: healthy, health: reported([deployment("success")]) }))).toEqual({
      kind: "health",
      met: true,
      detail: "health: api 1.4.2 reported healthy in dev by a deployment (on aaaaaaa)",
    });
  });

  it("shows a failed deployment as a failure", () => {
    expect(healthStatus(gateInput({ from: "dev", requires: healthy, health: reported([deployment("failure", B)]) }))).toEqual({
      kind: "health",
      met: false,
      detail: "health: the deployment of dev running api 1.4.2 failed (on bbbbbbb)",
      missing: "dev unhealthy",
    });
  });

  it("takes the newest deployment that decided: a failure after a success fails, a success after a failure passes", () => {
    const failedLast = healthStatus(gateInput({ from: "dev", requires: healthy, health: reported([deployment("failure", B), deployment("success")]) }));
    expect(failedLast?.met).toBe(false);
    const succeededLast = healthStatus(gateInput({ from: "dev", requires: healthy, health: reported([deployment("success", B), deployment("failure")]) }));
    expect(succeededLast?.met).toBe(true);
  });

  it("looks past a newer deployment still pending to the newest one that decided", () => {
    const status = healthStatus(gateInput({ from: "dev", requires: healthy, health: reported([deployment("pending", B), deployment("failure")]) }));
    expect(status?.detail).toBe("health: the deployment of dev running api 1.4.2 failed (on aaaaaaa)");
  });

  it("waits for the source to run the versions when no record says it does", () => {
    expect(healthStatus(gateInput({ from: "dev", requires: healthy, health: { kind: "unrecorded", versions: [API] } }))).toEqual({
      kind: "health",
      met: false,
      detail: "health: waiting for dev to run api 1.4.2 (no deployment record of Promenade's says it does)",
      missing: "waiting for dev to run api 1.4.2",
    });
  });

  it("is not met when the versions are not believed, met for a rollback or when no version moves", () => {
    expect(healthStatus(gateInput({ requires: healthy, health: { kind: "unknown" } }))?.met).toBe(false);
    expect(healthStatus(gateInput({ requires: healthy, rollback: true, health: reported([]) }))).toMatchObject({
      met: true,
      detail: "health: skipped for a rollback",
    });
    expect(healthStatus(gateInput({ requires: healthy }))).toMatchObject({ met: true, detail: "health: no image version changes" });
  });
});

describe("healthStatus with healthChecks", () => {
  const check = (name: string, state: HealthReport["state"], sha = A): HealthReport => ({ name, state, sha });

  it("waits for the named checks, saying which", () => {
    const status = healthStatus(gateInput({ from: "dev", requires: withChecks, health: reported([deployment("success")], [check("smoke", "success")]) }));
    expect(status).toEqual({
      kind: "health",
      met: false,
      detail:
        "health: waiting for kustomization/apps to succeed on a commit of dev running api 1.4.2 (kustomization/apps has not reported; smoke succeeded on aaaaaaa)",
      missing: "waiting for a healthy dev",
    });
  });

  it("passes when every named check succeeded, a Flux context with its id matching by prefix", () => {
    const status = healthStatus(
      gateInput({ from: "dev", requires: withChecks, health: reported([], [check("kustomization/apps/6f0c9e2a", "success"), check("smoke", "success", B)]) }),
    );
    expect(status).toEqual({
      kind: "health",
      met: true,
      detail: "health: api 1.4.2 reported healthy in dev (kustomization/apps succeeded on aaaaaaa; smoke succeeded on bbbbbbb)",
    });
  });

  it("fails when a named check failed, the newest report deciding", () => {
    const status = healthStatus(
      gateInput({
        from: "dev",
        requires: withChecks,
        health: reported([], [check("kustomization/apps/6f0c9e2a", "failure", B), check("kustomization/apps/6f0c9e2a", "success"), check("smoke", "success")]),
      }),
    );
    expect(status).toMatchObject({ met: false, missing: "dev unhealthy" });
    expect(status?.detail).toBe("health: dev running api 1.4.2 is unhealthy (kustomization/apps failed on bbbbbbb; smoke succeeded on aaaaaaa)");
  });

  it("does not take a look-alike name: kustomization/apps-canary is not kustomization/apps", () => {
    expect(answersHealthCheck("kustomization/apps", "kustomization/apps-canary")).toBe(false);
    expect(answersHealthCheck("kustomization/apps", "kustomization/apps/6f0c9e2a")).toBe(true);
    expect(answersHealthCheck("kustomization/apps", "kustomization/apps")).toBe(true);
  });
});

describe("reading reported states", () => {
  it.each([
    ["success", "success"],
    ["failure", "failure"],
    ["error", "failure"],
    ["in_progress", "pending"],
    ["queued", "pending"],
    ["pending", "pending"],
    ["inactive", null],
  ])("a deployment whose latest status is %s reports %s", (state, health) => {
    expect(deploymentHealth(state)).toBe(health);
  });

  it("reads commit statuses and check runs", () => {
    expect([statusHealth("success"), statusHealth("error"), statusHealth("pending")]).toEqual(["success", "failure", "pending"]);
    expect([checkRunHealth("completed", "success"), checkRunHealth("completed", "skipped"), checkRunHealth("in_progress", null)]).toEqual([
      "success",
      "failure",
      "pending",
    ]);
  });
});

describe("the gate with health", () => {
  it("puts health after soak and before the window, in the list and the title", () => {
    const decision = evaluateGate(
      gateInput({ from: "dev", requires: requires({ soak: "1h", healthy: true }), sourceSince: new Date("2026-03-30T09:30:00Z"), health: reported([]) }),
      NOW,
    );
    expect(decision.requirements.map((requirement) => requirement.kind)).toEqual(["soak", "health", "hold", "policy"]);
    expect(decision.title).toBe("soak 30m left; waiting for a healthy dev");
    expect(gateCheckMarkdown("staging", decision).summary).toContain("| ❌ | health | health: waiting for a successful deployment of dev running api 1.4.2 |");
  });
});

describe("the gate promenade plan previews", () => {
  it("shows a fresh promotion waiting for a healthy source, naming the versions", () => {
    const config = parseConfig("environments:\n  dev: { path: deploy/dev }\n  staging: { path: deploy/staging, from: dev, requires: { healthy: true } }\n");
    const decision = previewGate(
      config,
      {
        environment: "staging",
        from: "dev",
        gated: true,
        files: [],
        images: [{ image: API.image, from: { tag: "1.4.0", digest: null }, to: API.version, bump: "patch" }],
        drift: [],
        policy: null,
        problems: [],
        rendered: { status: "skipped", reason: "rendering is turned off" },
      },
      NOW,
    );
    expect(decision?.requirements.find((requirement) => requirement.kind === "health")?.detail).toBe(
      "health: waiting for a successful deployment of dev running api 1.4.2",
    );
  });
});
