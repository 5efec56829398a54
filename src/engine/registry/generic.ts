/**
 * The payload any registry or CI job can send: exactly `{image, tag,
 * digest?}`, with `image` a name without tag or digest.
 */
import { z } from "zod";
import { readPushes, schemaProblem, type RegistryPayloadReading } from "./reading.js";

const schema = z.strictObject({
  image: z.string(),
  tag: z.string(),
  digest: z.string().nullish(),
});

/** The one push a generic payload states. */
export function readGeneric(body: unknown): RegistryPayloadReading {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { kind: "invalid", reason: schemaProblem(parsed.error) };
  const { image, tag, digest } = parsed.data;
  return readPushes([{ push: { image, tag, digest: digest ?? null }, fields: { image: "image", tag: "tag", digest: "digest" } }], "no push");
}
