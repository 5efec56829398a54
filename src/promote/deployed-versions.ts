/**
 * Promenade's record of what an environment runs: on every push to the
 * default branch that changes an environment's image versions, a GitHub
 * deployment of that environment (task `promenade`) whose payload names the
 * versions it runs from then on. Soak reads them back, believing only those
 * Promenade's own app created.
 */
import { z } from "zod";
import type { Version } from "../engine/plan/promotion.js";
import type { AppIdentity, Deployment } from "../github/github-client.js";

/** The deployment task of Promenade's records: never a health signal, which comes from other deployments. */
export const DEPLOYMENT_TASK = "promenade";

/** The payload of a record: each image the environment runs, by Docker-normalised name, with its version. */
export interface DeploymentPayload {
  images: Record<string, Version>;
}

const payloadSchema = z.object({
  images: z.record(z.string(), z.object({ tag: z.string().nullable(), digest: z.string().nullable() })),
});

/** The payload recording `versions`, images in name order. */
export function deploymentPayload(versions: ReadonlyMap<string, Version>): DeploymentPayload {
  const images: Record<string, Version> = {};
  for (const image of [...versions.keys()].sort()) {
    const { tag, digest } = versions.get(image) as Version;
    images[image] = { tag, digest };
  }
  return { images };
}

/** The versions a deployment's payload records (GitHub answers an object, or the JSON text of one); null when it records none in this form. */
export function recordedVersions(payload: unknown): Map<string, Version> | null {
  let value = payload;
  if (typeof payload === "string") {
    try {
      value = JSON.parse(payload);
    } catch {
      return null;
    }
  }
  const parsed = payloadSchema.safeParse(value);
  return parsed.success ? new Map(Object.entries(parsed.data.images)) : null;
}

/**
 * Whether Promenade's own app created `deployment`: its creator is the
 * app's bot and, when GitHub names the app it was made through, that is
 * Promenade. People with write access can create deployments of any task
 * and payload; only the app's installation token acts as its bot.
 */
export function isOwnDeployment(deployment: Deployment, own: AppIdentity): boolean {
  if (deployment.creator === null || deployment.creator.toLowerCase() !== own.login.toLowerCase()) return false;
  return deployment.appId === null || deployment.appId === own.id;
}

/** Whether an environment that runs `running` of an image runs `version`: the same tag, and the same digest where both name one. */
export function runsVersion(running: Version | undefined, version: Version): boolean {
  if (running === undefined || running.tag !== version.tag) return false;
  return running.digest === null || version.digest === null || running.digest === version.digest;
}

/**
 * When `version` of `image` started running, by `records` (Promenade's own
 * deployments of the environment, newest first): the newest must run it,
 * then back while they still run it; the earliest of that run is the start.
 * Null when the newest record does not run it.
 */
export function runStart(records: readonly Deployment[], image: string, version: Version): Date | null {
  let start: Date | null = null;
  for (const record of records) {
    if (!runsVersion(recordedVersions(record.payload)?.get(image), version)) break;
    start = record.createdAt;
  }
  return start;
}
