/**
 * Generates a large, deterministic GitOps repository for the benchmark:
 * N services × 3 environments (dev, staging, production), each service one
 * YAML file per environment under `deploy/<env>/<service>/`, Kustomize
 * overlays and Helm values files half and half, plus `.github/promenade.yml`.
 *
 * Content is realistic rather than minimal: comments, labels, config maps,
 * patches, env lists, probes, and a shared sidecar image (`mesh-proxy`) in
 * every file, so files range from a few hundred bytes to a few KB. The same
 * `services` count always produces the same bytes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { mulberry32 } from "../test/helpers/seeded-random.js";

export const ENVIRONMENTS = ["dev", "staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** A sidecar image referenced once in every generated file. */
export const SHARED_IMAGE = "ghcr.io/acme/mesh-proxy";
const SHARED_TAGS: Record<Environment, string> = { dev: "1.32.0", staging: "1.31.2", production: "1.31.2" };

/** How a service's image is written. */
export type ServiceShape =
  "kustomize-newName" | "kustomize-name" | "kustomize-digest" | "helm-repository" | "helm-registry" | "helm-components" | "helm-string";

const KUSTOMIZE_SHAPES: ServiceShape[] = ["kustomize-newName", "kustomize-name", "kustomize-digest"];
const HELM_SHAPES: ServiceShape[] = ["helm-repository", "helm-registry", "helm-components", "helm-string"];

export interface GeneratedService {
  name: string;
  /** The service's own image (`ghcr.io/acme/<name>`). */
  image: string;
  shape: ServiceShape;
  /** Tag of `image` per environment: dev newest, production oldest. */
  tags: Record<Environment, string>;
  /** Files of this service, relative to the repository root, one per environment. */
  files: string[];
}

export interface GeneratedFleet {
  /** Absolute path of the generated repository; the caller removes it. */
  root: string;
  services: GeneratedService[];
  /** YAML files under `deploy/` (services × environments). */
  yamlFiles: number;
  /** Total bytes of those files, and the smallest and largest. */
  bytes: number;
  minBytes: number;
  maxBytes: number;
  /** Image references written (service images, sidecars, Docker Hub images). */
  references: number;
  /** Files holding `SHARED_IMAGE` (all of them). */
  sharedImageFiles: number;
}

export interface GenerateOptions {
  /** Number of services; default 1,000. */
  services?: number;
  /** Directory to create the repository in; default a new `fs.mkdtempSync` directory under the OS temp dir. */
  root?: string;
}

const DOMAINS = [
  "orders",
  "payments",
  "catalog",
  "accounts",
  "inventory",
  "shipping",
  "pricing",
  "reviews",
  "search",
  "identity",
  "ledger",
  "media",
  "alerts",
  "reports",
  "sessions",
  "checkout",
];
const ROLES = ["api", "worker", "gateway", "sync", "indexer", "scheduler", "web", "events"];
const TEAMS = ["core", "commerce", "platform", "growth", "data", "risk"];
const ENV_KEYS = [
  "LOG_LEVEL",
  "LOG_FORMAT",
  "HTTP_PORT",
  "METRICS_PORT",
  "DATABASE_URL",
  "DATABASE_POOL_SIZE",
  "REDIS_URL",
  "KAFKA_BROKERS",
  "KAFKA_TOPIC",
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_SERVICE_NAME",
  "FEATURE_FLAGS_URL",
  "CACHE_TTL_SECONDS",
  "REQUEST_TIMEOUT_MS",
  "MAX_BODY_BYTES",
  "SENTRY_DSN",
  "TZ",
  "GOMAXPROCS",
  "RATE_LIMIT_PER_MINUTE",
  "UPSTREAM_URL",
  "S3_BUCKET",
  "S3_REGION",
  "WORKER_CONCURRENCY",
  "RETRY_BACKOFF_MS",
];

function pick<T>(items: readonly T[], rnd: () => number): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function hex(rnd: () => number, length: number): string {
  let out = "";
  while (out.length < length)
    out += Math.floor(rnd() * 0x100000000)
      .toString(16)
      .padStart(8, "0");
  return out.slice(0, length);
}

/** Tags per environment: dev newest, staging behind, production further behind (sometimes equal to staging). */
function serviceTags(rnd: () => number): Record<Environment, string> {
  if (rnd() < 0.1) {
    return { dev: `main-${hex(rnd, 7)}`, staging: `main-${hex(rnd, 7)}`, production: `main-${hex(rnd, 7)}` };
  }
  const major = 1 + Math.floor(rnd() * 4);
  const minor = Math.floor(rnd() * 20);
  const patch = Math.floor(rnd() * 8);
  const production = `${major}.${minor}.${patch}`;
  const staging = rnd() < 0.15 ? production : `${major}.${minor + 1}.${Math.floor(rnd() * 3)}`;
  const dev = `${major}.${minor + 2}.0`;
  return { dev, staging, production };
}

function envValue(key: string, name: string, env: Environment, rnd: () => number): string {
  if (key.endsWith("_URL") || key.endsWith("ENDPOINT"))
    return `http://${name}-${key.split("_")[0]?.toLowerCase()}.${env}.svc.cluster.local:${8000 + Math.floor(rnd() * 100)}`;
  if (/(PORT|_MS|_SECONDS|_SIZE|_BYTES|CONCURRENCY|PER_MINUTE|GOMAXPROCS)$/.test(key)) return `"${1 + Math.floor(rnd() * 9000)}"`;
  if (key === "TZ") return "Europe/Berlin";
  if (key === "LOG_LEVEL") return env === "dev" ? "debug" : "info";
  if (key === "LOG_FORMAT") return "json";
  if (key === "S3_REGION") return "eu-central-1";
  return `${name}-${env}-${hex(rnd, 6)}`;
}

/** 2 to 24 distinct environment variables, starting at a per-service offset. */
function envVars(rnd: () => number, name: string, env: Environment, indent: string): string {
  const count = 2 + Math.floor(rnd() * (ENV_KEYS.length - 1));
  const offset = name.length + count;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = ENV_KEYS[(offset + i) % ENV_KEYS.length] as string;
    lines.push(`${indent}- name: ${key}`, `${indent}  value: ${envValue(key, name, env, rnd)}`);
  }
  return lines.join("\n");
}

function kustomization(s: GeneratedService, env: Environment, team: string, replicas: number, rnd: () => number): string {
  const tag = s.tags[env];
  const image =
    s.shape === "kustomize-newName"
      ? `  - name: app\n    newName: ${s.image}\n    newTag: ${tag}`
      : s.shape === "kustomize-name"
        ? `  - name: ${s.image}\n    newTag: "${tag}"`
        : `  - name: ${s.image}\n    newTag: "${tag}"` + (env === "production" ? `\n    # pinned in production\n    digest: sha256:${hex(rnd, 64)}` : "");
  // Some overlays only set images and replicas; others also merge config and patch resources.
  const literalCount = rnd() < 0.4 ? 0 : 2 + Math.floor(rnd() * 14);
  const literals = Array.from({ length: literalCount }, (_, i) => {
    const key = ENV_KEYS[(s.name.length + literalCount + i) % ENV_KEYS.length] as string;
    return `      - ${key}=${envValue(key, s.name, env, rnd).replace(/"/g, "")}`;
  });
  const configMap = literalCount === 0 ? "" : `\nconfigMapGenerator:\n  - name: app-config\n    behavior: merge\n    literals:\n${literals.join("\n")}\n`;
  const patch =
    rnd() < 0.5
      ? ""
      : `
patches:
  - target:
      kind: Deployment
      name: app
    patch: |-
      - op: replace
        path: /spec/template/spec/containers/0/resources
        value:
          requests: { cpu: ${50 * (1 + Math.floor(rnd() * 8))}m, memory: ${64 * (1 + Math.floor(rnd() * 8))}Mi }
          limits: { memory: ${128 * (1 + Math.floor(rnd() * 8))}Mi }
`;
  return `# ${s.name} in ${env}: Kustomize overlay.
# Owner: team-${team}. Runbook: https://runbooks.acme.example/${s.name}
# Promenade edits the image tags below; the rest is maintained by hand.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${team}-${env}
namePrefix: ${s.name}-

resources:
  - https://github.com/acme/platform//bases/web-service?ref=v3.4.0

labels:
  - pairs:
      app.kubernetes.io/name: ${s.name}
      app.kubernetes.io/part-of: ${team}
      acme.example/environment: ${env}
    includeSelectors: true

images:
${image}
  - name: mesh-proxy
    newName: ${SHARED_IMAGE}
    newTag: "${SHARED_TAGS[env]}"

replicas:
  - name: app
    count: ${replicas}
${configMap}${patch}`;
}

function helmValues(s: GeneratedService, env: Environment, team: string, replicas: number, rnd: () => number): string {
  const tag = s.tags[env];
  const repoPath = s.image.slice("ghcr.io/".length);
  const image =
    s.shape === "helm-repository"
      ? `image:\n  repository: ${s.image}\n  tag: ${tag}\n  pullPolicy: IfNotPresent`
      : s.shape === "helm-registry"
        ? `image:\n  registry: ghcr.io\n  repository: ${repoPath}\n  tag: "${tag}"`
        : s.shape === "helm-string"
          ? `image: "${s.image}:${tag}"`
          : `server:\n  image:\n    repository: ${s.image}\n    tag: ${tag}\n  replicaCount: ${replicas}\n` +
            `consumer:\n  image:\n    repository: ${s.image}-consumer\n    tag: ${tag}\n  replicaCount: 1`;
  const redis =
    rnd() < 0.15
      ? `\n# Cache from Docker Hub (docker.io/library/redis).\nredis:\n  enabled: true\n  image:\n    repository: redis\n    tag: "7.2.${env === "production" ? 4 : 5}"\n`
      : "";
  const production =
    env === "production"
      ? `\nnodeSelector:\n  acme.example/pool: general\n\ntolerations:\n  - key: dedicated\n    operator: Equal\n    value: ${team}\n    effect: NoSchedule\n`
      : "";
  return `# Values for oci://ghcr.io/acme/charts/web-service: ${s.name} in ${env}.
# Owner: team-${team}. Promenade edits the image tags; keep them quoted where they are.
nameOverride: ${s.name}
replicaCount: ${replicas}

${image}

# Service mesh sidecar, same version across a whole environment.
meshProxy:
  enabled: true
  image:
    repository: ${SHARED_IMAGE}
    tag: "${SHARED_TAGS[env]}"

service:
  type: ClusterIP
  port: 8080

ingress:
  enabled: ${rnd() < 0.5}
  className: nginx
  hosts:
    - host: ${s.name}.${env === "production" ? "" : `${env}.`}acme.example
      paths: ["/"]

resources:
  requests:
    cpu: ${50 * (1 + Math.floor(rnd() * 8))}m
    memory: ${64 * (1 + Math.floor(rnd() * 8))}Mi
  limits:
    memory: ${128 * (1 + Math.floor(rnd() * 8))}Mi

probes:
  liveness: &probe
    httpGet: { path: /healthz, port: http }
    periodSeconds: 10
  readiness: *probe

podAnnotations:
  prometheus.io/scrape: "true"
  prometheus.io/port: "9090"

env:
${envVars(rnd, s.name, env, "  ")}
${redis}${production}`;
}

const CONFIG = `# Promenade configuration of the generated benchmark fleet.
environments:
  dev:
    path: deploy/dev
    autoMerge: true
  staging:
    path: deploy/staging
    from: dev
  production:
    path: deploy/production
    from: staging
    requires:
      approvals: 2
      reviewers: ["@acme/sre"]
      soak: 2h
      windows:
        - { days: Mon-Thu, hours: "09:00-16:00", timezone: Europe/Berlin }
      checks: ["e2e"]

images:
  - name: ${SHARED_IMAGE}
    versions: ">=1.0.0 <2.0.0"

pullRequests:
  group: image
  labels: [promotion]

policies:
  - builtin: no-latest-tag
  - builtin: allowed-registries
    registries: [ghcr.io/acme, docker.io/library]
    environments: [production]

commands:
  minimumPermission: write
`;

/** Writes the fleet and returns what was written. */
export function generateFleet(options: GenerateOptions = {}): GeneratedFleet {
  const count = options.services ?? 1000;
  const root = options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), "promenade-bench-"));
  fs.mkdirSync(path.join(root, ".github"), { recursive: true });
  fs.writeFileSync(path.join(root, ".github", "promenade.yml"), CONFIG);

  const services: GeneratedService[] = [];
  let bytes = 0;
  let minBytes = Infinity;
  let maxBytes = 0;
  let references = 0;
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const rnd = mulberry32(i + 1);
    const name = `${DOMAINS[i % DOMAINS.length]}-${ROLES[Math.floor(i / DOMAINS.length) % ROLES.length]}-${String(i).padStart(width, "0")}`;
    const team = pick(TEAMS, rnd);
    const kustomize = i % 2 === 0;
    const shapes = kustomize ? KUSTOMIZE_SHAPES : HELM_SHAPES;
    const shape = shapes[Math.floor(i / 2) % shapes.length] as ServiceShape;
    const service: GeneratedService = { name, image: `ghcr.io/acme/${name}`, shape, tags: serviceTags(rnd), files: [] };
    const baseReplicas = 1 + Math.floor(rnd() * 3);
    for (const env of ENVIRONMENTS) {
      const replicas = env === "production" ? baseReplicas + 1 : env === "staging" ? baseReplicas : 1;
      const file = `deploy/${env}/${name}/${kustomize ? "kustomization.yaml" : "values.yaml"}`;
      const text = kustomize ? kustomization(service, env, team, replicas, rnd) : helmValues(service, env, team, replicas, rnd);
      fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
      service.files.push(file);
      const size = Buffer.byteLength(text);
      bytes += size;
      minBytes = Math.min(minBytes, size);
      maxBytes = Math.max(maxBytes, size);
      references += 2 + (shape === "helm-components" ? 1 : 0) + (text.includes("repository: redis\n") ? 1 : 0);
    }
    services.push(service);
  }
  const yamlFiles = count * ENVIRONMENTS.length;
  return { root, services, yamlFiles, bytes, minBytes: yamlFiles === 0 ? 0 : minBytes, maxBytes, references, sharedImageFiles: yamlFiles };
}
