/** The built-in policy `allowed-registries`: images come only from the given registries or registry paths. */
import type { RuleOutcome } from "./policy-report.js";
import { checkReferences, describeReference, type LocatedReference } from "./reference-rule.js";

const DOCKER_HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/**
 * A registry or registry path as images are normalised: the host
 * lower-cased, Docker Hub's aliases as `docker.io`, and a path without a
 * host on Docker Hub (`bitnami` is `docker.io/bitnami`). Unlike an image
 * name, a one-part path gets no `library/`: `docker.io` stays `docker.io`.
 */
export function normalizeRegistry(registry: string): string {
  const [first = "", ...rest] = registry.replace(/\/+$/, "").split("/");
  if (!(first.includes(".") || first.includes(":") || first === "localhost")) return `docker.io/${registry}`;
  const host = DOCKER_HUB_ALIASES.has(first.toLowerCase()) ? "docker.io" : first.toLowerCase();
  return [host, ...rest].join("/");
}

/**
 * Findings for references whose normalised image does not start with one of
 * `registries` followed by `/`. References that do not name their image
 * (a Helm tag without repository) are skipped, and not counted.
 */
export function allowedRegistries(registries: readonly string[], references: readonly LocatedReference[]): RuleOutcome {
  const allowed = registries.map(normalizeRegistry);
  const named = references.filter(({ ref }) => ref.image !== null);
  const list = allowed.join(", ");
  return checkReferences(named, `images come only from ${list}`, (ref) =>
    allowed.some((prefix) => ref.image?.startsWith(`${prefix}/`))
      ? null
      : `${describeReference(ref)} is not from an allowed registry; expected an image from ${list}`,
  );
}
