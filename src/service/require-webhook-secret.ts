/** The app never runs without a webhook secret: without one, anyone who can reach it could send it events. */
import { PromenadeError } from "../engine/errors.js";

/** The app was started without `WEBHOOK_SECRET`. */
export class MissingWebhookSecretError extends PromenadeError {
  override name = "MissingWebhookSecretError";
  constructor() {
    super(
      "WEBHOOK_SECRET is not set: Promenade refuses to start without the webhook secret of its GitHub App (set NODE_ENV=development to try it locally without one)",
    );
  }
}

/** Throws MissingWebhookSecretError when `env` has no `WEBHOOK_SECRET`, except with `NODE_ENV=development`. */
export function requireWebhookSecret(env: NodeJS.ProcessEnv): void {
  if ((env.WEBHOOK_SECRET ?? "") === "" && env.NODE_ENV !== "development") throw new MissingWebhookSecretError();
}
