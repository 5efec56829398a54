/**
 * Harbor 2.x webhooks in the Default payload format: a PUSH_ARTIFACT event
 * lists the pushed artifacts, each with its digest, its tag (empty for a
 * push by digest) and its address `host/project/repo:tag`.
 */
import { z } from "zod";
import { readPushes, schemaProblem, type FoundPush, type RegistryPayloadReading } from "./reading.js";

const event = z.object({ type: z.string(), event_data: z.looseObject({}) });

const pushData = z.object({
  resources: z
    .array(
      z.object({
        digest: z.string().nullish(),
        tag: z.string().nullish(),
        resource_url: z.string(),
      }),
    )
    .nullish(),
});

/** `resource_url` without its `@digest` and `:tag`. */
function imageOf(resourceUrl: string): string {
  const at = resourceUrl.indexOf("@");
  const name = at === -1 ? resourceUrl : resourceUrl.slice(0, at);
  const colon = name.lastIndexOf(":");
  return colon > name.lastIndexOf("/") ? name.slice(0, colon) : name;
}

/** One push per tagged artifact of a Harbor PUSH_ARTIFACT event; other event types are ignored. */
export function readHarbor(body: unknown): RegistryPayloadReading {
  const parsed = event.safeParse(body);
  if (!parsed.success) return { kind: "invalid", reason: schemaProblem(parsed.error) };
  if (parsed.data.type !== "PUSH_ARTIFACT") return { kind: "ignored", reason: "not an artifact push (PUSH_ARTIFACT) event" };
  const data = pushData.safeParse(parsed.data.event_data);
  if (!data.success) return { kind: "invalid", reason: schemaProblem(data.error, ["event_data"]) };
  const found: FoundPush[] = [];
  (data.data.resources ?? []).forEach((resource, index) => {
    if (!resource.tag) return;
    const at = `event_data.resources[${index}]`;
    found.push({
      push: { image: imageOf(resource.resource_url), tag: resource.tag, digest: resource.digest || null },
      fields: { image: `${at}.resource_url`, tag: `${at}.tag`, digest: `${at}.digest` },
    });
  });
  return readPushes(found, "the push has no tagged artifact");
}
