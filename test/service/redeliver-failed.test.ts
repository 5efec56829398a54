import nock from "nock";
import { describe, expect, it } from "vitest";
import { redeliverFailed } from "../../src/service/redeliver-failed.js";
import { createTestProbot, GITHUB_API, useNockGuard } from "../helpers/github-mock.js";

useNockGuard();

const NOW = new Date("2026-03-10T12:00:00Z");
const HOUR = 60 * 60 * 1000;
const DELIVERIES = "/app/hook/deliveries";

/** One attempt as `GET /app/hook/deliveries` lists it, delivered `hoursAgo` before NOW. */
function attempt(id: number, guid: string, hoursAgo: number, statusCode: number) {
  return {
    id,
    guid,
    delivered_at: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString(),
    redelivery: false,
    duration: 0.1,
    status: statusCode >= 200 && statusCode < 300 ? "OK" : "Internal Server Error",
    status_code: statusCode,
    event: "registry_package",
    action: "published",
    installation_id: 4242,
    repository_id: 1,
    throttled_at: null,
  };
}

/** Answers the page of deliveries after `cursor` (the first page without one) with `attempts`, linking to the page after `next` when given. */
function servePage(attempts: ReturnType<typeof attempt>[], cursor?: string, next?: string): void {
  const link: Record<string, string> = next === undefined ? {} : { link: `<${GITHUB_API}${DELIVERIES}?per_page=100&cursor=${next}>; rel="next"` };
  nock(GITHUB_API)
    .matchHeader("authorization", APP_JWT)
    .get(DELIVERIES)
    .query({ per_page: "100", ...(cursor === undefined ? {} : { cursor }) })
    .reply(200, attempts, link);
}

/** Accepts the redelivery of each attempt of `ids`. */
function acceptRedeliveries(...ids: number[]): void {
  for (const id of ids) nock(GITHUB_API).matchHeader("authorization", APP_JWT).post(`${DELIVERIES}/${id}/attempts`).reply(202, {});
}

/** The app's JWT (never an installation token) on each request. */
const APP_JWT = /^bearer [\w-]+\.[\w-]+\.[\w-]+$/;

describe("redeliverFailed", () => {
  it("redelivers the newest attempt of each delivery that never succeeded in the last 3 days, reading pages until older ones come", async () => {
    const { probot, recorder } = createTestProbot();
    servePage([attempt(106, "guid-b", 1, 502), attempt(105, "guid-a", 2, 200), attempt(104, "guid-a", 3, 500)], undefined, "v1_104");
    servePage(
      [attempt(103, "guid-b", 24, 0), attempt(102, "guid-a", 48, 500), attempt(101, "guid-c", 96, 500), attempt(100, "guid-d", 100, 500)],
      "v1_104",
      "v1_100",
    );
    acceptRedeliveries(106);
    await expect(redeliverFailed(probot, NOW)).resolves.toBe(1);
    expect(recorder.lines()).toEqual([
      "GET /app/hook/deliveries?per_page=100",
      "GET /app/hook/deliveries?per_page=100&cursor=v1_104",
      "POST /app/hook/deliveries/106/attempts",
    ]);
  });

  it("redelivers each failed guid once, keeping a delivery made exactly 3 days ago", async () => {
    const { probot, recorder } = createTestProbot();
    servePage([attempt(9, "guid-x", 0, 500), attempt(8, "guid-y", 71, 404), attempt(7, "guid-x", 71.5, 500), attempt(6, "guid-z", 72, 500)]);
    acceptRedeliveries(9, 8, 6);
    await expect(redeliverFailed(probot, NOW)).resolves.toBe(3);
    expect(recorder.lines().slice(1)).toEqual([
      "POST /app/hook/deliveries/9/attempts",
      "POST /app/hook/deliveries/8/attempts",
      "POST /app/hook/deliveries/6/attempts",
    ]);
  });

  it("asks for nothing when every delivery succeeded in the end", async () => {
    const { probot, recorder } = createTestProbot();
    servePage([attempt(3, "guid-a", 1, 202), attempt(2, "guid-a", 2, 500), attempt(1, "guid-b", 5, 200)]);
    await expect(redeliverFailed(probot, NOW)).resolves.toBe(0);
    expect(recorder.lines()).toEqual(["GET /app/hook/deliveries?per_page=100"]);
  });

  it("stops at an empty page", async () => {
    const { probot } = createTestProbot();
    servePage([], undefined, "v1_0");
    await expect(redeliverFailed(probot, NOW)).resolves.toBe(0);
  });
});
