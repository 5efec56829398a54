/**
 * Where the handlers are registered: an `@octokit/webhooks` instance that
 * builds each handler's Context the way Probot does (an Octokit for the
 * delivery's installation, a logger carrying the delivery id), but that only
 * the queue's worker feeds. Probot itself only stores deliveries (intake), so
 * GitHub gets its acknowledgement before any work is done. The app's own
 * deliveries (own-deliveries.ts) go to the handlers registered with `onOwn`.
 */
import { Webhooks } from "@octokit/webhooks";
import { Context, type Probot } from "probot";
import type { RepositoryIndexStore } from "../promote/image-routing/repository-index.js";
import { instrumentRequests } from "./github-requests.js";
import type { Delivery, WorkQueue } from "./queue/index.js";

type Octokit = Awaited<ReturnType<Probot["auth"]>>;

/** One of the app's own deliveries, as its handler gets it. */
export interface OwnDelivery {
  id: string;
  payload: unknown;
  log: Probot["log"];
  /** An Octokit for installation `id` (paced and counted like a webhook's), or the app's own without one. */
  octokit(installationId?: number): Promise<Octokit>;
}

/** What a handler registers on: Probot's `on`, the app's credentials and logger, its own deliveries, and the repository index. */
export interface HandlerApp extends Pick<Probot, "on" | "auth" | "log"> {
  /** Runs `handler` on the app's own deliveries named `name`. */
  onOwn(name: string, handler: (delivery: OwnDelivery) => Promise<void>): void;
  /** Queues one of the app's own deliveries (de-duplicated by id). */
  enqueue(delivery: Delivery): Promise<"queued" | "duplicate">;
  /** Which repositories of each installation take which images. */
  index: RepositoryIndexStore;
}

/** The handlers' registry, and the function that runs them on one delivery (rejecting when any of them failed). */
export interface Dispatcher {
  app: HandlerApp;
  dispatch(delivery: Delivery): Promise<void>;
}

/** A dispatcher whose Contexts authenticate as `app`'s installations, their requests paced and counted (instrumentRequests). */
export function createDispatcher(app: Probot, queue: WorkQueue, index: RepositoryIndexStore, writesPerMinute?: number): Dispatcher {
  // One app-authenticated Octokit for every delivery, as Probot keeps one (it signs its own short-lived JWTs).
  let appOctokit: ReturnType<Probot["auth"]> | undefined;
  const appAuth = (): ReturnType<Probot["auth"]> => {
    appOctokit ??= app.auth().catch((error: unknown) => {
      appOctokit = undefined;
      throw error;
    });
    return appOctokit;
  };
  const webhooks = new Webhooks<Context>({
    // Signatures were checked by Probot when the delivery came in; this instance never verifies one.
    secret: "deliveries-are-verified-at-intake",
    transform: async (event) => {
      const octokit = (await (await appAuth()).auth({ type: "event-octokit", event })) as Octokit;
      instrumentRequests(octokit, installationOf(event.payload), writesPerMinute);
      return new Context(event, octokit, app.log.child({ name: "event", id: event.id }));
    },
  });
  const own = new Map<string, (delivery: OwnDelivery) => Promise<void>>();
  const installationOctokit = async (installationId?: number): Promise<Octokit> => {
    if (installationId === undefined) return appAuth();
    const octokit = await app.auth(installationId);
    instrumentRequests(octokit, String(installationId), writesPerMinute);
    return octokit;
  };
  return {
    app: {
      on: webhooks.on as unknown as Probot["on"],
      auth: app.auth.bind(app),
      log: app.log,
      onOwn: (name, handler) => own.set(name, handler),
      enqueue: (delivery) => queue.enqueue(delivery),
      index,
    },
    dispatch: async (delivery) => {
      const handler = own.get(delivery.name);
      if (handler === undefined) return webhooks.receive(delivery as Parameters<typeof webhooks.receive>[0]);
      return handler({ id: delivery.id, payload: delivery.payload, log: app.log.child({ name: "event", id: delivery.id }), octokit: installationOctokit });
    },
  };
}

function installationOf(payload: unknown): string {
  const id = (payload as { installation?: { id?: number } }).installation?.id;
  return id === undefined ? "none" : String(id);
}
