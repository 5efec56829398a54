/**
 * The key Promenade signs its hidden data blocks with (promotion PR bodies,
 * the holds issue). Derived from the app's own credentials, so every replica
 * and a restarted app verify what another wrote, and nobody without those
 * credentials can write a block that verifies.
 */
import { hkdfSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

let derived: { material: string; key: Buffer } | undefined;

/** In development without any credential: a key of this process only (what it signs is not believed after a restart). */
let developmentMaterial: string | undefined;

/**
 * HKDF-SHA256 over `PROMENADE_SIGNING_KEY` when set (the GitHub Action sets
 * it from its `signing-key` input: it has no app credentials), else the app's
 * private key (`PRIVATE_KEY`, or the file at `PRIVATE_KEY_PATH`) or, without
 * one, its `WEBHOOK_SECRET`. Throws when
 * there is neither (the app does not start without a webhook secret), but
 * with `NODE_ENV=development`.
 */
export function dataSigningKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const material = keyMaterial(env);
  if (derived?.material !== material) {
    derived = { material, key: Buffer.from(hkdfSync("sha256", material, "promenade", "promenade data block signing key v1", 32)) };
  }
  return derived.key;
}

function keyMaterial(env: NodeJS.ProcessEnv): string {
  if (env.PROMENADE_SIGNING_KEY !== undefined && env.PROMENADE_SIGNING_KEY !== "") return env.PROMENADE_SIGNING_KEY;
  if (env.PRIVATE_KEY !== undefined && env.PRIVATE_KEY !== "") return env.PRIVATE_KEY;
  if (env.PRIVATE_KEY_PATH !== undefined && env.PRIVATE_KEY_PATH !== "") return readFileSync(env.PRIVATE_KEY_PATH, "utf8");
  if (env.WEBHOOK_SECRET !== undefined && env.WEBHOOK_SECRET !== "") return env.WEBHOOK_SECRET;
  if (env.NODE_ENV === "development") return (developmentMaterial ??= randomBytes(32).toString("hex"));
  throw new Error("no key to sign Promenade's data with: set WEBHOOK_SECRET (and PRIVATE_KEY or PRIVATE_KEY_PATH)");
}
