/**
 * Quay "Repository Push" notifications: the repository's pull address
 * (`quay.io/ns/repo`) and the tags the push updated.
 */
import { z } from "zod";
import { readPushes, schemaProblem, type RegistryPayloadReading } from "./reading.js";

const schema = z.object({
  docker_url: z.string(),
  updated_tags: z.array(z.string()),
});

/** One push per tag a Quay repository push notification lists. */
export function readQuay(body: unknown): RegistryPayloadReading {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { kind: "invalid", reason: schemaProblem(parsed.error) };
  const { docker_url: image, updated_tags: tags } = parsed.data;
  const found = tags.map((tag, index) => ({ push: { image, tag }, fields: { image: "docker_url", tag: `updated_tags[${index}]` } }));
  return readPushes(found, "the push updated no tag");
}
