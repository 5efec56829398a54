import { describe, expect, it } from "vitest";
import { promotionEvents } from "../../src/promote/promotion-events.js";
import { Metrics } from "../../src/service/metrics.js";
import { countPromotions, promotionMetrics } from "../../src/service/promotion-metrics.js";

describe("promotionMetrics", () => {
  it("counts promotions by action and gate results by result", async () => {
    const metrics = new Metrics({ processMetrics: false });
    const events = promotionMetrics(metrics);
    events.onPromotion("opened");
    events.onPromotion("opened");
    events.onPromotion("merged");
    events.onGate("waiting");
    const promotions = await metrics.registry.getSingleMetricAsString("promenade_promotions_total");
    expect(promotions.split("\n").filter((line) => !line.startsWith("#"))).toEqual([
      'promenade_promotions_total{action="opened"} 2',
      'promenade_promotions_total{action="merged"} 1',
    ]);
    const gates = await metrics.registry.getSingleMetricAsString("promenade_gate_evaluations_total");
    expect(gates.split("\n").filter((line) => !line.startsWith("#"))).toEqual(['promenade_gate_evaluations_total{result="waiting"} 1']);
  });

  it("counts pushed images routed by source and outcome", async () => {
    const metrics = new Metrics({ processMetrics: false });
    const events = promotionMetrics(metrics);
    events.onImageRoute("package", "routed");
    events.onImageRoute("dockerhub", "unreferenced");
    const routes = await metrics.registry.getSingleMetricAsString("promenade_image_routes_total");
    expect(routes.split("\n").filter((line) => !line.startsWith("#"))).toEqual([
      'promenade_image_routes_total{source="package",outcome="routed"} 1',
      'promenade_image_routes_total{source="dockerhub",outcome="unreferenced"} 1',
    ]);
  });

  it("is what the orchestrators report to once registered, until stopped", async () => {
    const metrics = new Metrics({ processMetrics: false });
    const stop = countPromotions(metrics);
    promotionEvents().onPromotion("closed");
    promotionEvents().onGate("passed");
    stop();
    promotionEvents().onPromotion("closed");
    expect((await metrics.promotions.get()).values.map((value) => [value.labels.action, value.value])).toEqual([["closed", 1]]);
    expect((await metrics.gateEvaluations.get()).values.map((value) => [value.labels.result, value.value])).toEqual([["passed", 1]]);
  });
});
