/**
 * Where the handlers are registered: an `@octokit/webhooks` instance that
 * builds each handler's Context the way Probot does (an Octokit for the
 * delivery's installation, a logger carrying the delivery id), but that only
 * the queue's worker feeds. Probot itself only stores deliveries (intake), so
 * GitHub gets its acknowledgement before any work is done.
 */
import { Webhooks } from "@octokit/webhooks";
import { Context, type Probot } from "probot";
import { instrumentRequests } from "./github-requests.js";
import type { Delivery } from "./queue/index.js";

/** What a handler registers on: Probot's `on`, and the app's credentials and logger. */
export type HandlerApp = Pick<Probot, "on" | "auth" | "log">;

/** The handlers' registry, and the function that runs them on one delivery (rejecting when any of them failed). */
export interface Dispatcher {
  app: HandlerApp;
  dispatch(delivery: Delivery): Promise<void>;
}

/** A dispatcher whose Contexts authenticate as `app`'s installations, their requests paced and counted (instrumentRequests). */
export function createDispatcher(app: Probot, writesPerMinute?: number): Dispatcher {
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
      const octokit = (await (await appAuth()).auth({ type: "event-octokit", event })) as Awaited<ReturnType<Probot["auth"]>>;
      instrumentRequests(octokit, installationOf(event.payload), writesPerMinute);
      return new Context(event, octokit, app.log.child({ name: "event", id: event.id }));
    },
  });
  return {
    app: { on: webhooks.on as unknown as Probot["on"], auth: app.auth.bind(app), log: app.log },
    dispatch: (delivery) => webhooks.receive(delivery as Parameters<typeof webhooks.receive>[0]),
  };
}

function installationOf(payload: unknown): string {
  const id = (payload as { installation?: { id?: number } }).installation?.id;
  return id === undefined ? "none" : String(id);
}
