/** Facts of a pull request as the gate takes them. */
import type { PromotionTrust } from "./promotion-trust.js";
import type { GateHold } from "./types.js";

/** Why Promenade's record of the pull request cannot be believed; null when it can, or it is no promotion PR. */
export function untrustedReason(trust: PromotionTrust): string | null {
  return trust.kind === "changed" ? trust.reason : null;
}

/** A hold as recorded (its time as text) as the gate takes it; null when the environment is not held. */
export function gateHold(hold: { by: string; reason: string | null; at: string } | undefined): GateHold | null {
  return hold === undefined ? null : { by: hold.by, reason: hold.reason, at: new Date(hold.at) };
}
