/**
 * What the orchestrators report as they go, for whoever counts it (the
 * service's metrics): each promotion PR written (opened, updated, closed,
 * merged), each `promenade/gate` check written (passed, or waiting), and
 * each pushed image routed.
 * Promote knows nothing of the counters: the service registers an observer.
 */

/** What happened to a promotion PR. */
export type PromotionAction = "opened" | "updated" | "closed" | "merged";

/** What a `promenade/gate` check written said: success, or anything else (still waiting for something). */
export type GateResult = "passed" | "waiting";

/** Where a pushed image went: to at least one repository, or to none (no repository takes it). */
export type RouteOutcome = "routed" | "unreferenced";

/** The observer of the orchestrators. */
export interface PromotionEvents {
  onPromotion(action: PromotionAction): void;
  onGate(result: GateResult): void;
  /** A pushed image routed, by where it came from (`package`, or the registry provider). */
  onImageRoute(source: string, outcome: RouteOutcome): void;
}

/** The observer that notes nothing: the default (the CLI, the Action, tests that do not count). */
const IGNORED_EVENTS: PromotionEvents = { onPromotion: () => undefined, onGate: () => undefined, onImageRoute: () => undefined };

let observer: PromotionEvents = IGNORED_EVENTS;

/** Makes `events` the process's observer (one per process, as its metrics are); answers a function that restores the previous one. */
export function observePromotionEvents(events: PromotionEvents): () => void {
  const previous = observer;
  observer = events;
  return () => {
    observer = previous;
  };
}

/** The process's observer. */
export function promotionEvents(): PromotionEvents {
  return observer;
}
