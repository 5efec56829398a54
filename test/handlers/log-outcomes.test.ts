/** The log lines of a handler's outcomes: what was opened, and every promotion skipped with why, as structured fields. */
import type { Context } from "probot";
import { describe, expect, it } from "vitest";
import { imagePromotion } from "../../src/engine/plan/build-promotion.js";
import { logOutcomes } from "../../src/handlers/log-outcomes.js";

const API = "ghcr.io/acme/api";

/** A logger that keeps what was logged at info level: the structured fields (if any) and the message. */
function recordingLog(): { log: Context["log"]; lines: unknown[][] } {
  const lines: unknown[][] = [];
  const log = { info: (...args: unknown[]) => void lines.push(args) } as unknown as Context["log"];
  return { log, lines };
}

describe("logOutcomes", () => {
  it("logs each PR's action, then each skipped promotion with its reason, a held environment's included", () => {
    const { log, lines } = recordingLog();
    const trigger = { kind: "environment-change" as const, environment: "staging" };
    const promotion = imagePromotion({
      environment: "production",
      from: "staging",
      image: API,
      slug: "api",
      fromVersion: { tag: "1.2.0", digest: null },
      toVersion: { tag: "1.3.0", digest: null },
      trigger,
    });
    const version = { tag: "0.9.0", digest: null };
    logOutcomes(log, {
      outcomes: [
        {
          action: "created",
          promotion: { ...promotion, environment: "staging", branch: "promenade/staging/api" },
          pullRequest: { url: "https://github.com/acme/gitops/pull/7" } as never,
        },
        { action: "held", promotion, pullRequest: null },
      ],
      skipped: [{ environment: "qa", image: API, version, reason: "older", message: "0.9.0 is older than 1.0.0, which qa runs" }],
    });
    expect(lines).toEqual([
      ["created promenade/staging/api: https://github.com/acme/gitops/pull/7"],
      [{ skipped: { environment: "qa", image: API, version, reason: "older" } }, "skipped ghcr.io/acme/api to qa: 0.9.0 is older than 1.0.0, which qa runs"],
      [
        { skipped: { environment: "production", image: API, version: { tag: "1.3.0", digest: null }, reason: "held" } },
        "skipped ghcr.io/acme/api to production: production is held (/unhold production to resume)",
      ],
    ]);
  });
});
