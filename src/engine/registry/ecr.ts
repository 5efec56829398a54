/**
 * Amazon ECR events as EventBridge delivers them (for instance through an
 * API destination): an "ECR Image Action" event reports each push or
 * delete of an image in a private repository of an account and region.
 */
import { z } from "zod";
import { readPushes, schemaProblem, type RegistryPayloadReading } from "./reading.js";

const schema = z.object({
  source: z.literal("aws.ecr"),
  "detail-type": z.string(),
  account: z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id"),
  region: z.string().regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/, "expected an AWS region such as us-west-2"),
  detail: z.looseObject({}),
});

const imageAction = z.object({
  result: z.string(),
  "action-type": z.string(),
  "repository-name": z.string(),
  "image-digest": z.string().nullish(),
  "image-tag": z.string().nullish(),
});

/** The registry host of `account` in `region` (China regions use amazonaws.com.cn). */
function registryHost(account: string, region: string): string {
  return `${account}.dkr.ecr.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
}

/** The push a successful ECR image push event reports; other ECR events, failures, deletes and untagged pushes are ignored. */
export function readEcr(body: unknown): RegistryPayloadReading {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { kind: "invalid", reason: schemaProblem(parsed.error) };
  const event = parsed.data;
  if (event["detail-type"] !== "ECR Image Action") return { kind: "ignored", reason: "not an ECR Image Action event" };
  const action = imageAction.safeParse(event.detail);
  if (!action.success) return { kind: "invalid", reason: schemaProblem(action.error, ["detail"]) };
  const detail = action.data;
  if (detail["action-type"] !== "PUSH") return { kind: "ignored", reason: "not an image push (action-type PUSH)" };
  if (detail.result !== "SUCCESS") return { kind: "ignored", reason: "the push did not succeed" };
  const tag = detail["image-tag"];
  const image = `${registryHost(event.account, event.region)}/${detail["repository-name"]}`;
  const fields = { image: "detail.repository-name", tag: "detail.image-tag", digest: "detail.image-digest" };
  const found = tag ? [{ push: { image, tag, digest: detail["image-digest"] || null }, fields }] : [];
  return readPushes(found, "the push has no tag");
}
