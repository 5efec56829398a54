/**
 * Docker Hub repository webhooks: one request per pushed tag, naming the
 * repository (`acme/api`, or `nginx` for an official image) and the tag,
 * without a digest.
 */
import { z } from "zod";
import { readPushes, schemaProblem, type RegistryPayloadReading } from "./reading.js";

const schema = z.object({
  push_data: z.object({ tag: z.string().nullish() }),
  repository: z.object({ repo_name: z.string() }),
});

/** The push a Docker Hub webhook payload reports, as `docker.io/<namespace>/<name>`. */
export function readDockerHub(body: unknown): RegistryPayloadReading {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { kind: "invalid", reason: schemaProblem(parsed.error) };
  const { push_data: pushData, repository } = parsed.data;
  const path = repository.repo_name.includes("/") ? repository.repo_name : `library/${repository.repo_name}`;
  const found = pushData.tag
    ? [{ push: { image: `docker.io/${path}`, tag: pushData.tag }, fields: { image: "repository.repo_name", tag: "push_data.tag" } }]
    : [];
  return readPushes(found, "the push has no tag");
}
