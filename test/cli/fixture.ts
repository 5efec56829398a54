/** A small GitOps repository for the CLI tests: three environments, Kustomize and Helm. */
import type { RepoFiles } from "../repo/temp-repo.js";

export const CONFIG = `environments:
  dev:
    path: deploy/dev
    autoMerge: true
  staging:
    path: deploy/staging
    from: dev
  production:
    path: deploy/production
    from: staging
`;

/** A kustomization with CRLF line endings, comments and a quoted tag. */
export const DEV_KUSTOMIZATION =
  "apiVersion: kustomize.config.k8s.io/v1beta1\r\n" +
  "kind: Kustomization\r\n" +
  "resources:\r\n" +
  "  - ../../base/api # the base\r\n" +
  "images:\r\n" +
  "  - name: ghcr.io/acme/api\r\n" +
  '    newTag: "1.4.1" # pinned by promenade\r\n' +
  "  - name: nginx\r\n" +
  "    newTag: 1.25\r\n";

/** Helm values: a nested block with a registry, a quoted tag, and an image string. */
export const DEV_VALUES = `# values for dev
replicaCount: 2
image:
  repository: ghcr.io/acme/api
  tag: 1.4.1 # keep this comment

worker:
  image:
    registry: ghcr.io
    repository: acme/api
    tag: '1.4.1'
sidecar:
  image: "docker.io/library/nginx:1.25"
`;

export const STAGING_KUSTOMIZATION = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
images:
  - name: ghcr.io/acme/api
    newTag: 1.3.0
`;

export const PRODUCTION_VALUES = `image:
  repository: ghcr.io/acme/api
  tag: 1.2.0
`;

export const FLEET: RepoFiles = {
  ".github/promenade.yml": CONFIG,
  "deploy/dev/kustomization.yaml": DEV_KUSTOMIZATION,
  "deploy/dev/values.yaml": DEV_VALUES,
  "deploy/dev/README.md": "image: ghcr.io/acme/api:0.0.1\n",
  "deploy/staging/kustomization.yaml": STAGING_KUSTOMIZATION,
  "deploy/production/values.yaml": PRODUCTION_VALUES,
};

/** The fleet without its config file. */
export function withoutConfig(files: RepoFiles): RepoFiles {
  return Object.fromEntries(Object.entries(files).filter(([file]) => file !== ".github/promenade.yml"));
}
