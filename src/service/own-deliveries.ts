/**
 * The app's own deliveries: work it queues for itself, beside GitHub's
 * webhooks, in the same queue (so they are de-duplicated, retried and
 * serialised per repository like any delivery).
 */
import type { ImagePush } from "../engine/plan/promotion.js";
import type { RegistryProvider } from "../engine/registry/registry-payload.js";
import type { RepoRef } from "../github/github-client.js";
import type { Delivery } from "./queue/index.js";

/** A pushed image routed to one repository that takes it: processed in that repository's turn. */
export const ROUTED_PUSH = "promenade_routed_push";

/** Image pushes a registry webhook announced: routed to every installation's repositories that take them. */
export const REGISTRY_PUSH = "promenade_registry_push";

export interface RoutedPushPayload {
  installation: { id: number };
  /** Shaped like a webhook's repository, so the queue serialises it with that repository's other deliveries. */
  repository: { full_name: string; name: string; owner: { login: string } };
  push: ImagePush;
  /** Where the push came from, for logs and metrics: `package` or a registry provider. */
  source: string;
}

export interface RegistryPushPayload {
  provider: RegistryProvider;
  pushes: ImagePush[];
}

/** The delivery taking `push` to `repo`; its id derives from the delivery that routed it, so a redelivery routes nothing twice. */
export function routedPushDelivery(routedBy: string, installationId: number, repo: RepoRef, push: ImagePush, source: string): Delivery {
  const payload: RoutedPushPayload = {
    installation: { id: installationId },
    repository: { full_name: `${repo.owner}/${repo.repo}`, name: repo.repo, owner: { login: repo.owner } },
    push,
    source,
  };
  return { id: `${routedBy}/${installationId}/${repo.owner}/${repo.repo}/${push.image}:${push.tag}`.toLowerCase(), name: ROUTED_PUSH, payload };
}

/** The dashboard issue of one repository rendered again, after an event that changes what it shows: processed in that repository's turn, after that event. */
export const DASHBOARD_REFRESH = "promenade_dashboard";

export interface DashboardRefreshPayload {
  installation: { id: number };
  /** Shaped like a webhook's repository, so the queue serialises it with that repository's other deliveries. */
  repository: { full_name: string; name: string; owner: { login: string } };
}

/** The delivery refreshing the dashboard of `repo` after delivery `triggeredBy`; its id derives from it, so a redelivery refreshes nothing twice. */
export function dashboardRefreshDelivery(triggeredBy: string, installationId: number, repo: RepoRef): Delivery {
  const payload: DashboardRefreshPayload = {
    installation: { id: installationId },
    repository: { full_name: `${repo.owner}/${repo.repo}`, name: repo.repo, owner: { login: repo.owner } },
  };
  return { id: `${triggeredBy}/dashboard/${repo.owner}/${repo.repo}`.toLowerCase(), name: DASHBOARD_REFRESH, payload };
}
