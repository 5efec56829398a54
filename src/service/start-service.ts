/**
 * Running Promenade as a service: the handlers registered on the dispatcher,
 * deliveries stored in the queue by the intake and processed from it, the
 * gate's timers, `/healthz` and `/metrics`, and the start-up work (gates
 * settled again, failed deliveries redelivered).
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import { listInstallations } from "../github/installations.js";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { reconcileGates as reconcileInstallations, type Reconciled } from "../promote/reconcile-gates.js";
import { createDispatcher, type HandlerApp } from "./dispatcher.js";
import { GateTimers } from "./gate-timers.js";
import { serviceRoutes, type RouteHandler } from "./http-routes.js";
import { startIntake } from "./intake.js";
import { countPromotions } from "./promotion-metrics.js";
import { createQueue, type RedisQueueOptions } from "./queue/index.js";
import { redeliverFailed } from "./redeliver-failed.js";
import { registryWebhookRoute } from "./registry-webhooks/route.js";
import { createRepositoryIndexStore } from "./repository-index/index.js";
import { requireWebhookSecret } from "./require-webhook-secret.js";
import { settleLater } from "./settle-later.js";
import { stopOnSignal } from "./stop-on-signal.js";

/** Registers the handlers on `handlers`, with the gate's timers. */
export type RegisterHandlers = (handlers: HandlerApp, timers: GateTimers) => void;

/**
 * Starts the service of `app`; refuses to without `WEBHOOK_SECRET` (but with
 * `NODE_ENV=development`). Environment: `REDIS_URL` (the Redis queue,
 * shared by replicas; in-process without), `PROMENADE_QUEUE_ATTEMPTS` (tries
 * per delivery, default 5), `PROMENADE_STARTUP=off` (no start-up work),
 * `PROMENADE_WRITES_PER_MINUTE` (content-creating requests per installation
 * and minute, default 80), `REGISTRY_WEBHOOK_SECRET` (turns on
 * `POST /registry-webhooks/<provider>`), `PROMENADE_INDEX_TTL_MINUTES` (how
 * long the repository index lives, default 6 hours).
 * `queueOverrides` set the queue's timings (tests).
 */
export function startService(
  app: Probot,
  options: Partial<ApplicationFunctionOptions> | undefined,
  register: RegisterHandlers,
  env: NodeJS.ProcessEnv = process.env,
  queueOverrides: RedisQueueOptions = {},
): void {
  requireWebhookSecret(env);
  const writes = Number(env.PROMENADE_WRITES_PER_MINUTE);
  const queue = createQueue(env, { ...queueOptions(env, app), ...queueOverrides });
  const index = createRepositoryIndexStore(env, { prefix: queueOverrides.prefix, onError: queueOptions(env, app).onError });
  const dispatcher = createDispatcher(app, queue, index, Number.isInteger(writes) && writes > 0 ? writes : undefined);
  const timers = new GateTimers(settleLater(app), app.log);
  countPromotions();
  register(dispatcher.app, timers);
  startIntake(app, dispatcher, queue);
  const served = addRoutes(app, options, serviceRoutes(queue));
  addRoutes(app, options, registryWebhookRoute(queue, env.REGISTRY_WEBHOOK_SECRET, app.log));
  // Only a process that serves HTTP (not a test's `probot.load`) owns its signals.
  if (served) stopOnSignal(app, [() => queue.close(), () => index.close()]);
  if (env.PROMENADE_STARTUP !== "off") void startUp(app, timers);
}

/** Adds the routes to Probot's HTTP server; without one (`probot.load` in tests, a serverless host) Probot throws, and there is nothing to serve. */
function addRoutes(app: Probot, options: Partial<ApplicationFunctionOptions> | undefined, routes: RouteHandler): boolean {
  try {
    if (options?.addHandler === undefined) return false;
    options.addHandler(routes);
    return true;
  } catch (error) {
    app.log.debug(`no HTTP server for Promenade's own routes: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

function queueOptions(env: NodeJS.ProcessEnv, app: Probot): RedisQueueOptions {
  const attempts = Number(env.PROMENADE_QUEUE_ATTEMPTS);
  return {
    ...(Number.isInteger(attempts) && attempts > 0 ? { attempts } : {}),
    onError: (error) => app.log.warn({ err: error }, `delivery queue: ${error.message}`),
  };
}

/** Settles the open pull requests of every installation of `app` again (reconcileGates), timing each one's next moment on `timers`. */
export async function reconcileGates(app: Probot, timers: GateTimers, now: () => Date = () => new Date()): Promise<Reconciled> {
  const installations = await listInstallations(await app.auth());
  const connect = async (installationId: number) => createOctokitGitHub(await app.auth(installationId), app);
  return reconcileInstallations(installations, connect, (job, at) => timers.schedule(job, at), { warn: (message) => app.log.warn(message) }, now);
}

/** Settles the open pull requests again (re-arming the gate's timers), then asks GitHub for the deliveries it could not make. */
async function startUp(app: Probot, timers: GateTimers): Promise<void> {
  try {
    const { repositories, pullRequests } = await reconcileGates(app, timers);
    app.log.info(`start-up: settled ${pullRequests} open pull request(s) in ${repositories} repositories`);
    const redelivered = await redeliverFailed(app);
    app.log.info(`start-up: asked GitHub to redeliver ${redelivered} failed deliver${redelivered === 1 ? "y" : "ies"}`);
  } catch (error) {
    app.log.warn({ err: error }, `start-up work failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
