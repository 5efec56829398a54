/**
 * On start-up: deliveries GitHub could not hand to the app in the last 3
 * days (the app was down, or failed to store them) are delivered again
 * through GitHub's API, once each. Deliveries stored and then processed are
 * the queue's business (it retries them itself).
 */
import type { Probot } from "probot";
import { listHookDeliveries, redeliver } from "../github/hook-deliveries.js";

/** How far back failed deliveries are looked for (GitHub keeps them 3 days). */
export const REDELIVERY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Redelivers each delivery (by guid) whose attempts in the window all failed,
 * newest attempt first; answers how many. Steps:
 *
 * 1. List the app's deliveries of the last 3 days.
 * 2. Keep the guids that never got a 2xx.
 * 3. Ask GitHub to deliver the newest attempt of each again.
 */
export async function redeliverFailed(app: Pick<Probot, "auth">, now: Date = new Date()): Promise<number> {
  const appOctokit = await app.auth();
  const deliveries = await listHookDeliveries(appOctokit, new Date(now.getTime() - REDELIVERY_WINDOW_MS));
  const succeeded = new Set(deliveries.filter((delivery) => delivery.ok).map((delivery) => delivery.guid));
  const newestFailed = new Map<string, number>();
  for (const delivery of deliveries) {
    if (!succeeded.has(delivery.guid) && !newestFailed.has(delivery.guid)) newestFailed.set(delivery.guid, delivery.id);
  }
  for (const id of newestFailed.values()) await redeliver(appOctokit, id);
  return newestFailed.size;
}
