/** The promotions and gate results the orchestrators report (PromotionEvents), counted in the process's metrics. */
import { observePromotionEvents, type PromotionEvents } from "../promote/promotion-events.js";
import { metrics as processMetrics, type Metrics } from "./metrics.js";

/** The observer that counts into `metrics`: `promenade_promotions_total{action}`, `promenade_gate_evaluations_total{result}` and `promenade_image_routes_total{source,outcome}`. */
export function promotionMetrics(metrics: Metrics = processMetrics): PromotionEvents {
  return {
    onPromotion: (action) => metrics.promotions.inc({ action }),
    onGate: (result) => metrics.gateEvaluations.inc({ result }),
    onImageRoute: (source, outcome) => metrics.imageRoutes.inc({ source, outcome }),
  };
}

/** Makes the orchestrators of this process count into `metrics`; answers a function that stops it. */
export function countPromotions(metrics: Metrics = processMetrics): () => void {
  return observePromotionEvents(promotionMetrics(metrics));
}
