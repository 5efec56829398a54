import type { Delivery } from "./types.js";

interface KeyedPayload {
  repository?: { full_name?: unknown; name?: unknown; owner?: { login?: unknown } | null } | null;
  installation?: { id?: unknown } | null;
}

/** The repository a delivery is about ("owner/repo" lower-cased), or "installation:<id>" / "app" when it names none: work for one key runs one at a time. */
export function serialKey(delivery: Delivery): string {
  const payload = (typeof delivery.payload === "object" && delivery.payload !== null ? delivery.payload : {}) as KeyedPayload;
  const repo = payload.repository;
  if (repo) {
    if (typeof repo.full_name === "string" && repo.full_name !== "") return repo.full_name.toLowerCase();
    const owner = repo.owner?.login;
    if (typeof owner === "string" && typeof repo.name === "string") return `${owner}/${repo.name}`.toLowerCase();
  }
  const installation = payload.installation?.id;
  if (typeof installation === "number" || typeof installation === "string") return `installation:${installation}`;
  return "app";
}
