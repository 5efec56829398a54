/**
 * `POST /registry-webhooks/<provider>`: a container registry announces
 * pushed images. The request is authenticated with `REGISTRY_WEBHOOK_SECRET`
 * the way its provider sends it, read into image pushes, and stored in the
 * delivery queue (de-duplicated by what was pushed); the answer never waits
 * for GitHub. Without the secret configured the route does not exist.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "probot";
import { isRegistryProvider, readRegistryPayload, registryDeliveryId, type RegistryProvider } from "../../engine/registry/registry-payload.js";
import type { RouteHandler } from "../http-routes.js";
import { metrics } from "../metrics.js";
import { REGISTRY_PUSH, type RegistryPushPayload } from "../own-deliveries.js";
import type { WorkQueue } from "../queue/index.js";
import { authenticateRegistryRequest } from "./authenticate.js";

const PATH = /^\/registry-webhooks\/([^/]+)\/?$/;

/** The largest body read: registry notifications are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The registry webhook route, storing accepted pushes in `queue`; `secret` empty or unset turns it off (404). */
export function registryWebhookRoute(queue: Pick<WorkQueue, "enqueue">, secret: string | undefined, log: Pick<Logger, "info" | "warn">): RouteHandler {
  return async (request, response) => {
    const url = new URL(request.url ?? "/", "http://promenade");
    const match = PATH.exec(url.pathname);
    if (match === null) return false;
    const provider = decodeURIComponent(match[1] as string);
    if (!secret) return answer(response, 404, { error: "registry webhooks are off: REGISTRY_WEBHOOK_SECRET is not set" });
    if (!isRegistryProvider(provider)) return answer(response, 404, { error: `unknown registry provider '${provider.slice(0, 40)}'` });
    if (request.method !== "POST") return answer(response, 405, { error: "registry webhooks are POST requests" }, { allow: "POST" });
    const rawBody = await readBody(request);
    if (rawBody === null) return answer(response, 413, { error: `the body is larger than ${MAX_BODY_BYTES} bytes` });
    if (!authenticateRegistryRequest(provider, { query: url.searchParams, headers: request.headers, rawBody }, secret)) {
      return refused(response, provider, 401, "unauthorized", "wrong or missing secret or signature");
    }
    const reading = readRegistryPayload(provider, parseJson(rawBody));
    if (reading.kind === "invalid") return refused(response, provider, 400, "invalid", reading.reason);
    if (reading.kind === "ignored") {
      metrics.registryWebhooks.inc({ provider, outcome: "ignored" });
      return answer(response, 200, { status: "ignored", reason: reading.reason });
    }
    const payload: RegistryPushPayload = { provider, pushes: reading.pushes };
    const id = registryDeliveryId(provider, reading.pushes);
    const outcome = await queue.enqueue({ id, name: REGISTRY_PUSH, payload });
    metrics.registryWebhooks.inc({ provider, outcome });
    const images = reading.pushes.map((push) => `${push.image}:${push.tag}`);
    log.info({ id, provider, images }, `registry webhook (${provider}): ${outcome} ${images.join(", ")}`);
    return answer(response, 202, { status: outcome, id, images });
  };

  function refused(response: ServerResponse, provider: RegistryProvider, status: number, outcome: "unauthorized" | "invalid", reason: string): true {
    metrics.registryWebhooks.inc({ provider, outcome });
    log.warn({ provider, status }, `registry webhook (${provider}) refused: ${reason}`);
    return answer(response, status, { error: reason });
  }
}

function answer(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): true {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
  return true;
}

/** The body, or null when it is larger than MAX_BODY_BYTES (the rest is not read). */
async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The JSON of the body, or undefined when it is not JSON (the provider's reader then says what it expected). */
function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}
