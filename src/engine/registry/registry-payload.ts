/**
 * Container registry webhook payloads read into image pushes: one reader
 * per provider, each checking the payload's shape with zod and every push
 * it finds with the image name rules. Pure: no I/O.
 */
import { createHash } from "node:crypto";
import type { ImagePush } from "../plan/promotion.js";
import { readDockerHub } from "./dockerhub.js";
import { readEcr } from "./ecr.js";
import { readGar } from "./gar.js";
import { readGeneric } from "./generic.js";
import { readHarbor } from "./harbor.js";
import { readQuay } from "./quay.js";
import type { RegistryPayloadReading } from "./reading.js";

export type { RegistryPayloadReading } from "./reading.js";

/** The registries whose webhooks are read, by the name they have in the webhook path. */
export const REGISTRY_PROVIDERS = ["dockerhub", "quay", "harbor", "ecr", "gar", "generic"] as const;

/** One of REGISTRY_PROVIDERS. */
export type RegistryProvider = (typeof REGISTRY_PROVIDERS)[number];

const READERS: Record<RegistryProvider, (body: unknown) => RegistryPayloadReading> = {
  dockerhub: readDockerHub,
  quay: readQuay,
  harbor: readHarbor,
  ecr: readEcr,
  gar: readGar,
  generic: readGeneric,
};

/** True when `name` is one of REGISTRY_PROVIDERS. */
export function isRegistryProvider(name: string): name is RegistryProvider {
  return (REGISTRY_PROVIDERS as readonly string[]).includes(name);
}

/**
 * The tagged image pushes a `provider` webhook body (parsed JSON) reports;
 * `ignored` for the provider's other events and untagged pushes; `invalid`,
 * with one line naming the field, for any other body or a bad image name,
 * tag or digest.
 */
export function readRegistryPayload(provider: RegistryProvider, body: unknown): RegistryPayloadReading {
  return READERS[provider](body);
}

/**
 * A delivery id for de-duplication, `registry-<provider>-<32 hex digits>`:
 * the same for the same provider and set of pushes in any order, different
 * when an image, tag or digest differs.
 */
export function registryDeliveryId(provider: RegistryProvider, pushes: readonly ImagePush[]): string {
  const lines = [...new Set(pushes.map((push) => JSON.stringify([push.image, push.tag, push.digest ?? null])))].sort();
  const hash = createHash("sha256")
    .update(`${provider}\n${lines.join("\n")}`)
    .digest("hex");
  return `registry-${provider}-${hash.slice(0, 32)}`;
}
