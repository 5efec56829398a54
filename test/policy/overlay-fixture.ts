/**
 * The kustomize overlay of test/fixtures/kustomize-overlay/ (a base with
 * limits, a production overlay whose patches hold only `replicas` and only an
 * `imagePullPolicy`), its variants, and renderers for it: the machine's
 * kubectl or kustomize when it has one, and a fake kubectl printing what
 * kubectl prints for the variant.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { findKustomizeTool, type KustomizeTool } from "../../src/render-manifests/kustomize.js";
import { fakeToolDir, KUBECTL_VERSION } from "../render-manifests/fake-tools.js";

const ROOT = fileURLToPath(new URL("../fixtures/kustomize-overlay/", import.meta.url));

export const BASE_DEPLOYMENT = "apps/api/base/deployment.yaml";
export const KUSTOMIZATION = "deploy/production/kustomization.yaml";
export const REPLICAS_PATCH = "deploy/production/replicas-patch.yaml";
export const PULL_POLICY_PATCH = "deploy/production/pull-policy-patch.yaml";

/** A policy (one entry of `policies:`) that a replicas-only patch judged as a whole Deployment would fail. */
export const REPLICAS_RULE = `  - name: prod-replicas
    match: { kind: Deployment }
    cel: "has(object.spec.replicas) && object.spec.replicas >= 2"
    message: production Deployments run at least 2 replicas
`;

/** A policy that fails a Deployment one of whose containers pulls `Always` (the overlay's base does, in the variant that says so). */
export const PULL_POLICY_RULE = `  - name: pinned-pull-policy
    match: { kind: Deployment }
    cel: 'object.spec.template.spec.containers.all(c, !has(c.imagePullPolicy) || c.imagePullPolicy != "Always")'
    message: containers do not pull on every start
`;

/** How a test changes the overlay. */
export interface Variant {
  /** The base's `imagePullPolicy` for the api container (IfNotPresent in the fixture). */
  apiPullPolicy?: string;
  /** The pull-policy patch also makes the proxy privileged. */
  privilegedProxy?: boolean;
  /** The overlay's `newTag` for the api (1.4.0 in the fixture). */
  apiTag?: string;
  /** The base sets no limits on the api container. */
  apiWithoutLimits?: boolean;
}

/** The overlay's files (its README left out), by repository path, changed as `variant` says. */
export function overlayFiles(variant: Variant = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(ROOT, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name !== "README.md")
      files[relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join("/")] = readFileSync(join(entry.parentPath, entry.name), "utf8");
  }
  const edit = (file: string, from: string, to: string) => {
    const text = files[file] as string;
    if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
    files[file] = text.replace(from, to);
  };
  if (variant.apiPullPolicy !== undefined) edit(BASE_DEPLOYMENT, "imagePullPolicy: IfNotPresent", `imagePullPolicy: ${variant.apiPullPolicy}`);
  if (variant.privilegedProxy === true)
    edit(PULL_POLICY_PATCH, "imagePullPolicy: IfNotPresent\n", "imagePullPolicy: IfNotPresent\n          securityContext:\n            privileged: true\n");
  if (variant.apiTag !== undefined) edit(KUSTOMIZATION, "newTag: 1.4.0", `newTag: ${variant.apiTag}`);
  if (variant.apiWithoutLimits === true) edit(BASE_DEPLOYMENT, "          resources:\n            limits: { cpu: 500m, memory: 256Mi }\n", "");
  return files;
}

/** What `kubectl kustomize deploy/production` prints for the overlay changed as `variant` says. */
export function renderedOverlay(variant: Variant = {}): string {
  const privileged = variant.privilegedProxy === true ? "        securityContext:\n          privileged: true\n" : "";
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 10
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - image: ghcr.io/acme/proxy:2.0.0
        imagePullPolicy: IfNotPresent
        name: proxy
        resources:
          limits:
            cpu: 100m
            memory: 64Mi
${privileged}      - image: ghcr.io/acme/api:${variant.apiTag ?? "1.4.0"}
        imagePullPolicy: ${variant.apiPullPolicy ?? "IfNotPresent"}
        name: api
${variant.apiWithoutLimits === true ? "" : "        resources:\n          limits:\n            cpu: 500m\n            memory: 256Mi\n"}`;
}

/** The directory of a fake kubectl that prints the rendering of `variant`, whatever it is asked to build. */
export function fakeKubectlDir(variant: Variant = {}): Promise<string> {
  return fakeToolDir({ kubectl: `${KUBECTL_VERSION}\nprintf '%s' '${renderedOverlay(variant)}'` });
}

/** The machine's kustomize or kubectl, or null when it has neither. */
export const realTool: KustomizeTool | null = await findKustomizeTool();
