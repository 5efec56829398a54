/**
 * Google Artifact Registry notifications, published to the project's `gcr`
 * Pub/Sub topic and delivered by a push subscription: the envelope's
 * `message.data` is base64 of JSON `{action, digest?, tag?}`, where
 * `digest` is `image@sha256:…` and `tag` is `image:tag`.
 */
import { z } from "zod";
import { readPushes, schemaProblem, splitTag, type RegistryPayloadReading } from "./reading.js";

const envelope = z.object({
  message: z.object({ data: z.string() }),
  subscription: z.string(),
});

const notification = z.object({
  action: z.string(),
  digest: z.string().nullish(),
  tag: z.string().nullish(),
});

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The JSON value base64 `data` holds, or undefined when it holds none. */
function decode(data: string): unknown {
  if (!BASE64.test(data)) return undefined;
  try {
    return JSON.parse(Buffer.from(data, "base64").toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/** The push an Artifact Registry INSERT notification with a tag reports; deletes and pushes by digest alone are ignored. */
export function readGar(body: unknown): RegistryPayloadReading {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return { kind: "invalid", reason: schemaProblem(parsed.error) };
  const decoded = decode(parsed.data.message.data);
  if (decoded === undefined) return { kind: "invalid", reason: "message.data: expected base64 of a JSON object" };
  const read = notification.safeParse(decoded);
  if (!read.success) return { kind: "invalid", reason: schemaProblem(read.error, ["message", "data"]) };
  const { action, digest, tag } = read.data;
  if (action !== "INSERT") return { kind: "ignored", reason: "not an image push (action INSERT)" };
  if (!tag) return { kind: "ignored", reason: "the push has no tag" };
  const tagged = splitTag(tag);
  if (tagged === null) return { kind: "invalid", reason: "message.data.tag: expected image:tag" };
  let pushedDigest: string | null = null;
  if (digest) {
    const at = digest.indexOf("@");
    if (at === -1 || digest.slice(0, at) !== tagged.name) {
      return { kind: "invalid", reason: "message.data.digest: expected image@sha256:… of the image the tag names" };
    }
    pushedDigest = digest.slice(at + 1);
  }
  const fields = { image: "message.data.tag", tag: "message.data.tag", digest: "message.data.digest" };
  return readPushes([{ push: { image: tagged.name, tag: tagged.tag, digest: pushedDigest }, fields }], "the push has no tag");
}
