/**
 * What the provider readers share: the reading they return, one-line
 * problems from zod's issues, and the check of every push they find. No
 * problem text repeats a value from the payload beyond a short clip.
 */
import type { z } from "zod";
import { isImageName, tagProblem } from "../images/image-name.js";
import type { ImagePush } from "../plan/promotion.js";

/** What a registry webhook payload says: tagged image pushes, nothing to act on, or not a payload of its provider. */
export type RegistryPayloadReading = { kind: "pushes"; pushes: ImagePush[] } | { kind: "ignored"; reason: string } | { kind: "invalid"; reason: string };

/** A push with the payload fields its parts came from, for problem texts. */
export interface FoundPush {
  push: ImagePush;
  fields: { image: string; tag: string; digest?: string };
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const CLIP = 40;

/** `text` cut to a few dozen characters, for naming a user's key in a problem. */
function clip(text: string): string {
  return text.length > CLIP ? `${text.slice(0, CLIP)}…` : text;
}

/** `a.b[0].c`, or `body` for the payload itself. */
function pathText(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? clip(String(segment)) : `.${clip(String(segment))}`;
  }
  return text === "" ? "body" : text;
}

/** The first of zod's issues as one line: the field (below `at`, for a part of the payload parsed alone) and what was expected. */
export function schemaProblem(error: z.ZodError, at: readonly PropertyKey[] = []): string {
  const issue = error.issues[0];
  if (issue === undefined) return `${pathText(at)}: not a payload of this provider`;
  const where = pathText([...at, ...issue.path]);
  if (issue.code === "unrecognized_keys") return `${where}: unexpected field ${JSON.stringify(clip(issue.keys[0] ?? ""))}`;
  return `${where}: ${issue.message.replace(/^Invalid input: /, "")}`;
}

/** `name:tag` split at the tag's colon (after the last `/`, so a registry port stays), or null without a tag. */
export function splitTag(reference: string): { name: string; tag: string } | null {
  const colon = reference.lastIndexOf(":");
  if (colon <= reference.lastIndexOf("/")) return null;
  return { name: reference.slice(0, colon), tag: reference.slice(colon + 1) };
}

/** Why `found` cannot be promoted, naming the payload field, or null when its image, tag and digest are good. */
function pushProblem({ push, fields }: FoundPush): string | null {
  if (!isImageName(push.image)) {
    return `${fields.image}: expected a lowercase image name such as registry.example.com/team/app, without tag or digest`;
  }
  const tag = tagProblem(push.tag);
  if (tag !== null) return `${fields.tag}: ${tag}`;
  if (push.digest != null && !DIGEST.test(push.digest)) {
    return `${fields.digest ?? "digest"}: expected sha256: and 64 lowercase hex digits`;
  }
  return null;
}

/**
 * The reading of the pushes a payload holds: invalid at the first bad push,
 * ignored (with `reasonWhenNone`) when there is none, otherwise every
 * distinct push in payload order.
 */
export function readPushes(found: readonly FoundPush[], reasonWhenNone: string): RegistryPayloadReading {
  if (found.length === 0) return { kind: "ignored", reason: reasonWhenNone };
  const pushes: ImagePush[] = [];
  const seen = new Set<string>();
  for (const candidate of found) {
    const problem = pushProblem(candidate);
    if (problem !== null) return { kind: "invalid", reason: problem };
    const { image, tag, digest } = candidate.push;
    const key = `${image}\n${tag}\n${digest ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pushes.push(digest == null ? { image, tag } : { image, tag, digest });
  }
  return { kind: "pushes", pushes };
}
