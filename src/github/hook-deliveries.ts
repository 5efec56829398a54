/** The app's webhook deliveries as GitHub recorded them, and asking GitHub to deliver one again (app authentication). */
import { callGitHub } from "./errors.js";
import type { Octokit } from "./octokit.js";

const LIST_DELIVERIES = "GET /app/hook/deliveries";
const REDELIVER = "POST /app/hook/deliveries/{delivery_id}/attempts";

/** One delivery attempt as GitHub lists it. */
export interface HookDelivery {
  /** The attempt's id (for redelivery). */
  id: number;
  /** X-GitHub-Delivery: the same for every attempt of one delivery. */
  guid: string;
  deliveredAt: Date;
  /** Whether the app answered 2xx. */
  ok: boolean;
  redelivery: boolean;
}

/** The deliveries of the last `since` onwards, newest first, reading page after page (cursor) until older ones come. */
export async function listHookDeliveries(appOctokit: Octokit, since: Date): Promise<HookDelivery[]> {
  const found: HookDelivery[] = [];
  let cursor: string | undefined;
  for (;;) {
    const { data, headers } = await callGitHub("list the app's webhook deliveries", LIST_DELIVERIES, () =>
      appOctokit.request(LIST_DELIVERIES, { per_page: 100, ...(cursor === undefined ? {} : { cursor }) }),
    );
    for (const delivery of data) {
      const deliveredAt = new Date(delivery.delivered_at);
      if (deliveredAt < since) return found;
      found.push({
        id: Number(delivery.id),
        guid: delivery.guid,
        deliveredAt,
        ok: delivery.status_code >= 200 && delivery.status_code < 300,
        redelivery: delivery.redelivery,
      });
    }
    cursor = /[?&]cursor=([^&>]+)[^>]*>;\s*rel="next"/.exec(headers.link ?? "")?.[1];
    if (cursor === undefined || data.length === 0) return found;
  }
}

/** Asks GitHub to deliver attempt `id` again. */
export async function redeliver(appOctokit: Octokit, id: number): Promise<void> {
  await callGitHub(`redeliver webhook delivery ${id}`, REDELIVER, () => appOctokit.request(REDELIVER, { delivery_id: id }));
}
