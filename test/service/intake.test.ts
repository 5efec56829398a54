import nock from "nock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { GitHubError } from "../../src/github/errors.js";
import { queueOf, startIntake } from "../../src/service/intake.js";
import type { ProcessDelivery, WorkQueue } from "../../src/service/queue/index.js";
import { metrics } from "../../src/service/metrics.js";
import { createTestApp, createTestProbot, GITHUB_API, mockInstallationToken, useNockGuard } from "../helpers/github-mock.js";
import { INSTALLATION_ID, registryPackagePublishedPayload } from "../helpers/payloads.js";
import { REPO } from "../handlers/fixture-repo.js";

useNockGuard();

beforeEach(() => {
  metrics.deliveries.reset();
  metrics.processed.reset();
  metrics.processing.reset();
});

/** A `registry_package.published` of ghcr.io/acme/api:1.5.0; `npm` makes it a package type the app ignores (no request). */
function published(id: string, type: "container" | "npm") {
  const payload = registryPackagePublishedPayload({ repo: { ...REPO, defaultBranch: "main" }, name: "api", tag: "1.5.0" });
  payload.registry_package.package_type = type;
  return { id, name: "registry_package" as const, payload };
}

/** The non-comment lines of one metric's Prometheus text. */
async function samples(name: string): Promise<string[]> {
  const text = await metrics.registry.getSingleMetricAsString(name);
  return text.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
}

describe("intake", () => {
  it("counts each delivery received by event and outcome: queued, or duplicate for a delivery id seen before", async () => {
    const { probot, recorder } = await createTestApp();
    await probot.receive(published("delivery-1", "npm"));
    await probot.receive(published("delivery-1", "npm"));
    await probot.receive(published("delivery-2", "npm"));
    expect(await samples("promenade_deliveries_total")).toEqual([
      'promenade_deliveries_total{event="registry_package",outcome="queued"} 2',
      'promenade_deliveries_total{event="registry_package",outcome="duplicate"} 1',
    ]);
    expect(await samples("promenade_deliveries_processed_total")).toEqual(['promenade_deliveries_processed_total{event="registry_package",result="ok"} 2']);
    expect(await queueOf(probot)?.stats()).toEqual({ waiting: 0, running: 0, failed: 0, processed: 2 });
    expect(recorder.lines()).toEqual([]);
  });

  it("counts a delivery whose handler throws as an error, the queue keeping it as failed", async () => {
    const { probot, recorder } = await createTestApp();
    const warn = vi.spyOn(probot.log, "warn").mockImplementation(() => undefined);
    mockInstallationToken(INSTALLATION_ID);
    nock(GITHUB_API).get("/installation/repositories").query({ per_page: "100" }).reply(500, { message: "Server Error" });
    await probot.receive(published("delivery-fails", "container"));
    expect(await samples("promenade_deliveries_processed_total")).toEqual(['promenade_deliveries_processed_total{event="registry_package",result="error"} 1']);
    expect(await samples("promenade_deliveries_total")).toEqual(['promenade_deliveries_total{event="registry_package",outcome="queued"} 1']);
    expect(await queueOf(probot)?.stats()).toEqual({ waiting: 0, running: 0, failed: 1, processed: 0 });
    expect(await samples("promenade_delivery_processing_seconds")).toContain('promenade_delivery_processing_seconds_count{event="registry_package"} 1');
    expect(warn.mock.calls.map(([, message]) => message)).toContain("processing delivery delivery-fails (registry_package) failed; the queue retries it");
    expect(recorder.lines()).toEqual(["GET /installation/repositories?per_page=100"]);
  });

  it("stores a delivery only once even when it is received again while the first is processed", async () => {
    const { probot } = await createTestApp();
    const queue = queueOf(probot);
    await Promise.all([probot.receive(published("delivery-3", "npm")), probot.receive(published("delivery-3", "npm"))]);
    expect(await samples("promenade_deliveries_total")).toEqual([
      'promenade_deliveries_total{event="registry_package",outcome="queued"} 1',
      'promenade_deliveries_total{event="registry_package",outcome="duplicate"} 1',
    ]);
    expect(await queue?.stats()).toMatchObject({ processed: 1 });
  });
});

describe("a delivery GitHub asked to wait for", () => {
  it("carries GitHub's retry-after, from the errors it wraps, to the queue", async () => {
    const { probot } = createTestProbot();
    await probot.load(() => undefined);
    let run: ProcessDelivery | undefined;
    const queue = { start: (process: ProcessDelivery) => (run = process) } as unknown as WorkQueue;
    const limited = new GitHubError("open a pull request", "POST /repos/{owner}/{repo}/pulls", 403, "req-1", "You have exceeded a secondary rate limit", 7);
    const failing = new AggregateError([new AggregateError([new Error("other"), limited])], "handlers failed");
    startIntake(probot, { app: undefined as never, dispatch: () => Promise.reject(failing) }, queue);
    const thrown = await run?.({ id: "d-1", name: "push", payload: {} }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBe(failing);
    expect((thrown as { retryAfterMs?: number }).retryAfterMs).toBe(7000);
  });
});
