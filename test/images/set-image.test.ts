import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { InputError } from "../../src/engine/errors.js";
import { droppedPinNote } from "../../src/engine/images/dropped-pin.js";
import { findImageReferences } from "../../src/engine/images/find-references.js";
import { setImage } from "../../src/engine/images/set-image.js";
import { changedLines, type DataPath, expectByteMinimal, expectSameDataExcept, fixture, type LineChange, type LineInsert } from "./line-diff.js";

const T = "9.9.9";
const D = `sha256:${"b".repeat(64)}`;

interface EditCase {
  fixture: string;
  /** The image as the user names it. */
  image: string;
  tag: string | null;
  digest: string | null;
  /** Write the digest also where the reference has none (`pullRequests.pinDigests`). */
  pin?: boolean;
  /** Lines of the references that match. */
  lines: number[];
  changes?: LineChange[];
  inserts?: LineInsert[];
  /** The values the re-parsed documents hold afterwards, at their paths. */
  data: [DataPath, unknown][];
}

const c = (line: number, from: string, to: string): LineChange => ({ line, from, to });

/** Every image of every fixture: a new tag, and a new digest where the reference has one (or `pin` asks for one). */
const CASES: EditCase[] = [
  // kustomization images
  {
    fixture: "overlay-dev/kustomization.yaml",
    image: "ghcr.io/acme/api",
    tag: T,
    digest: null,
    lines: [7],
    changes: [c(7, "v1.4.2", T)],
    data: [[[0, "images", 0, "newTag"], T]],
  },
  {
    fixture: "overlay-dev/kustomization.yaml",
    image: "ghcr.io/acme/web",
    tag: T,
    digest: null,
    lines: [11],
    changes: [c(11, "2.0.1-4d09b7bd", T)],
    data: [[[0, "images", 1, "newTag"], T]],
  },
  {
    fixture: "overlay-dev/kustomization.yaml",
    image: "mysql",
    tag: T,
    digest: null,
    lines: [14],
    changes: [c(14, "8.3", T)],
    data: [[[0, "images", 2, "newTag"], T]],
  },
  {
    fixture: "kustomize-no-tag.yaml",
    image: "ghcr.io/acme/source-controller",
    tag: T,
    digest: null,
    lines: [7],
    inserts: [{ after: 7, text: "    newTag: 9.9.9" }],
    data: [[[0, "images", 0, "newTag"], T]],
  },
  {
    fixture: "kustomize-no-tag.yaml",
    image: "ghcr.io/acme/notifier",
    tag: T,
    digest: null,
    lines: [9],
    inserts: [{ after: 9, text: "    newTag: 9.9.9" }],
    data: [[[0, "images", 1, "newTag"], T]],
  },
  {
    fixture: "kustomize-no-tag.yaml",
    image: "ghcr.io/acme/solo",
    tag: T,
    digest: null,
    lines: [11],
    inserts: [{ after: 11, text: "    newTag: 9.9.9" }],
    data: [[[0, "images", 2, "newTag"], T]],
  },
  {
    fixture: "kustomize-crlf.yaml",
    image: "ghcr.io/acme/api",
    tag: T,
    digest: null,
    lines: [7],
    changes: [c(7, "1.0", T)],
    data: [[[0, "images", 0, "newTag"], T]],
  },
  {
    fixture: "kustomize-crlf.yaml",
    image: "registry.example.com:8443/acme/batch",
    tag: T,
    digest: null,
    lines: [9],
    inserts: [{ after: 9, text: "  newTag: 9.9.9" }],
    data: [[[0, "images", 1, "newTag"], T]],
  },
  {
    fixture: "kustomize-crlf-no-final-newline.yaml",
    image: "ghcr.io/acme/api",
    tag: T,
    digest: null,
    lines: [5],
    changes: [c(5, "1.0.0", T)],
    data: [[[0, "images", 0, "newTag"], T]],
  },
  {
    fixture: "kustomize-crlf-no-final-newline.yaml",
    image: "ghcr.io/acme/last",
    tag: T,
    digest: null,
    lines: [7],
    inserts: [{ after: 7, text: "    newTag: 9.9.9" }],
    data: [[[0, "images", 1, "newTag"], T]],
  },
  {
    fixture: "kustomize-component.yaml",
    image: "europe-docker.pkg.dev/acme-ci/shop/cart",
    tag: T,
    digest: null,
    lines: [10],
    changes: [c(10, "CONTAINER_IMAGES_TAG", T)],
    data: [[[0, "images", 0, "newTag"], T]],
  },
  {
    fixture: "kustomize-component.yaml",
    image: "europe-docker.pkg.dev/acme-ci/shop/checkout",
    tag: T,
    digest: null,
    lines: [12],
    changes: [c(12, "CONTAINER_IMAGES_TAG", T)],
    data: [[[0, "images", 1, "newTag"], T]],
  },
  {
    fixture: "kustomize-digest.yaml",
    image: "ghcr.io/acme/api",
    tag: T,
    digest: D,
    lines: [8],
    changes: [c(8, "6.8.0", T), c(9, "sha256:6c1975b871efb327528c84d46d38e6dd7906eecee6402bc270eeb7f1b1a506df", D)],
    data: [
      [[0, "images", 0, "newTag"], T],
      [[0, "images", 0, "digest"], D],
    ],
  },
  {
    fixture: "kustomize-digest.yaml",
    image: "acme-worker",
    tag: null,
    digest: D,
    lines: [11],
    changes: [c(11, "sha256:25a0d4", D)],
    data: [[[0, "images", 1, "digest"], D]],
  },
  {
    fixture: "flux-kustomization.yaml",
    image: "my-registry/podinfo",
    tag: T,
    digest: null,
    lines: [15],
    changes: [c(15, "v1", T)],
    data: [[[0, "spec", "images", 0, "newTag"], T]],
  },
  {
    fixture: "flux-kustomization.yaml",
    image: "podinfo-tagged",
    tag: T,
    digest: null,
    lines: [17],
    changes: [c(17, "1.8.0", T)],
    data: [[[0, "spec", "images", 1, "newTag"], T]],
  },
  {
    fixture: "flux-kustomization.yaml",
    image: "my-podinfo",
    tag: T,
    digest: null,
    lines: [19],
    inserts: [{ after: 19, text: "      newTag: 9.9.9" }],
    data: [[[0, "spec", "images", 2, "newTag"], T]],
  },
  // the version outside newTag/digest
  {
    fixture: "kustomize-version-in-name.yaml",
    image: "postgres",
    tag: T,
    digest: D,
    lines: [7],
    changes: [c(7, "11@sha256:f9d849e120edc0d084f7ab63d8deac7eeadfaa1c0561050a6acfd3c174f79eb9", `${T}@${D}`)],
    data: [[[0, "images", 0, "newTag"], `${T}@${D}`]],
  },
  {
    fixture: "kustomize-version-in-name.yaml",
    image: "ghcr.io/acme/cache",
    tag: T,
    digest: null,
    lines: [9],
    changes: [c(9, "4.2.0", T)],
    data: [[[0, "images", 1, "newName"], `ghcr.io/acme/cache:${T}`]],
  },
  {
    fixture: "kustomize-version-in-name.yaml",
    image: "acme-queue",
    tag: null,
    digest: D,
    lines: [11],
    changes: [c(11, "sha256:c06101082682415852dca14e56b54abefa9ca23721b1e7cc3b382cdea89d5094", D)],
    data: [[[0, "images", 2, "newName"], `registry.acme.test/acme/queue@${D}`]],
  },
  // The tag in `name` selects the resources' images: a new tag goes into a newTag key.
  {
    fixture: "kustomize-version-in-name.yaml",
    image: "redis",
    tag: T,
    digest: D,
    lines: [12],
    changes: [c(13, "sha256:19df0d491d1ab2958066f979bf304be30f677446ab1fd332bf2c17fc274671ab", D)],
    inserts: [{ after: 13, text: "    newTag: 9.9.9" }],
    data: [
      [[0, "images", 3, "digest"], D],
      [[0, "images", 3, "newTag"], T],
    ],
  },
  {
    fixture: "kustomize-version-in-name.yaml",
    image: "ghcr.io/acme/api",
    tag: T,
    digest: null,
    lines: [15],
    changes: [c(15, "1.4.0", T)],
    data: [[[0, "images", 4, "newTag"], T]],
  },
  {
    fixture: "flux-kustomization.yaml",
    image: "podinfo-pinned",
    tag: null,
    digest: D,
    lines: [21],
    changes: [c(21, "sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3", D)],
    data: [[[0, "spec", "images", 3, "digest"], D]],
  },
  // Helm values
  { fixture: "helm-values.yaml", image: "ghcr.io/acme/api", tag: T, digest: null, lines: [6], changes: [c(6, "v5", T)], data: [[[0, "image", "tag"], T]] },
  {
    fixture: "helm-values.yaml",
    image: "docker.io/acme/worker",
    tag: T,
    digest: D,
    pin: true,
    lines: [14],
    changes: [c(14, "1.27.1-debian-12-r3", T), c(15, '""', `"${D}"`)],
    data: [
      [[0, "worker", "image", "tag"], T],
      [[0, "worker", "image", "digest"], D],
    ],
  },
  {
    fixture: "helm-values.yaml",
    image: "public.ecr.aws/docker/library/redis",
    tag: T,
    digest: null,
    lines: [22],
    changes: [c(22, "8.6.2", T)],
    data: [[[0, "backend", "cache", "redis", "tag"], T]],
  },
  {
    fixture: "helm-values.yaml",
    image: "ghcr.io/acme/exporter",
    tag: T,
    digest: null,
    lines: [27],
    changes: [c(27, "v1.75.0", T)],
    data: [[[0, "exporter", "image", "tag"], T]],
  },
  {
    fixture: "helm-values.yaml",
    image: "ghcr.io/acme/sidecar",
    tag: T,
    digest: null,
    lines: [32],
    changes: [c(32, "0.9.1", T)],
    data: [[[0, "sidecar", "tag"], T]],
  },
  {
    fixture: "helm-empty-tags.yaml",
    image: "ghcr.io/acme/api",
    tag: T,
    digest: null,
    lines: [8],
    changes: [c(8, 'tag: ""', 'tag: "9.9.9"')],
    data: [[[0, "api", "image", "tag"], T]],
  },
  {
    fixture: "helm-empty-tags.yaml",
    image: "ghcr.io/acme/web",
    tag: T,
    digest: null,
    lines: [12],
    changes: [c(12, "null", T)],
    data: [[[0, "web", "image", "tag"], T]],
  },
  {
    fixture: "helm-empty-tags.yaml",
    image: "ghcr.io/acme/jobs",
    tag: T,
    digest: null,
    lines: [16],
    changes: [c(16, "tag:", "tag: 9.9.9")],
    data: [[[0, "jobs", "image", "tag"], T]],
  },
  // An empty value followed by a comment: the tag goes between the colon and the comment.
  {
    fixture: "helm-empty-tags.yaml",
    image: "ghcr.io/acme/cron",
    tag: T,
    digest: null,
    lines: [39],
    changes: [c(39, "tag:  #", "tag: 9.9.9 #")],
    data: [[[0, "cron", "image", "tag"], T]],
  },
  {
    fixture: "helm-tag-digest.yaml",
    image: "ghcr.io/acme/media",
    tag: T,
    digest: D,
    lines: [5],
    changes: [c(5, "1.43.3.10896@sha256:4f1d88882a9883cc525e7c84b22c67c57416b7d3b35c3412329eeb07786433a7", `${T}@${D}`)],
    data: [[[0, "media", "image", "tag"], `${T}@${D}`]],
  },
  {
    fixture: "helm-tag-digest.yaml",
    image: "docker.io/acme/postgresql",
    tag: T,
    digest: D,
    lines: [10],
    changes: [c(10, "11.5.0-debian-9-r0", T), c(11, "sha256:4762726f1471ef048dd807afdc0e19265e95ffdcc7cb4a34891f680290022809", D)],
    data: [
      [[0, "database", "image", "tag"], T],
      [[0, "database", "image", "digest"], D],
    ],
  },
  {
    fixture: "helm-image-list-no-final-newline.yaml",
    image: "acme/nginx",
    tag: T,
    digest: null,
    lines: [4],
    changes: [c(4, "1.27.1", T)],
    data: [[[0, "images", 0, "tag"], T]],
  },
  {
    fixture: "helm-image-list-no-final-newline.yaml",
    image: "busybox",
    tag: T,
    digest: null,
    lines: [7],
    changes: [c(7, "1.36.1", T)],
    data: [[[0, "images", 1, "tag"], T]],
  },
  {
    fixture: "helm-image-strings.yaml",
    image: "ghcr.io/acme/frontend",
    tag: T,
    digest: null,
    lines: [3],
    changes: [c(3, "3.2.1", T)],
    data: [[[0, "frontend", "image"], "ghcr.io/acme/frontend:9.9.9"]],
  },
  {
    fixture: "helm-image-strings.yaml",
    image: "ghcr.io/acme/admin-ui",
    tag: T,
    digest: null,
    lines: [6],
    changes: [c(6, "latest", T)],
    data: [[[0, "admin", "ui", "image"], "ghcr.io/acme/admin-ui:9.9.9"]],
  },
  {
    fixture: "helm-image-strings.yaml",
    image: "localhost:5000/acme/mirror",
    tag: T,
    digest: null,
    lines: [8],
    changes: [c(8, "1.0", T)],
    data: [[[0, "registryMirror", "image"], "localhost:5000/acme/mirror:9.9.9"]],
  },
  {
    fixture: "helm-image-strings.yaml",
    image: "docker.io/acme/hub",
    tag: T,
    digest: null,
    lines: [10],
    changes: [c(10, "2024.05.01", T)],
    data: [[[0, "hub", "image"], "index.docker.io/acme/hub:9.9.9"]],
  },
  {
    fixture: "helm-image-strings.yaml",
    image: "acme-legacy",
    tag: T,
    digest: null,
    lines: [12],
    changes: [c(12, "acme-legacy", "acme-legacy:9.9.9")],
    data: [[[0, "legacy", "image"], "acme-legacy:9.9.9"]],
  },
  {
    fixture: "helm-anchor.yaml",
    image: "docker.io/acme/logs",
    tag: T,
    digest: null,
    lines: [6],
    changes: [c(6, "v1.5.2", T)],
    data: [[[0, "image", "tag"], T]],
  },
  { fixture: "helm-numeric-tags.yaml", image: "mysql", tag: T, digest: null, lines: [5], changes: [c(5, "8.3", T)], data: [[[0, "mysql", "image", "tag"], T]] },
  {
    fixture: "helm-numeric-tags.yaml",
    image: "ghcr.io/acme/proxy",
    tag: T,
    digest: null,
    lines: [9],
    changes: [c(9, "1.10", T)],
    data: [[[0, "proxy", "image", "tag"], T]],
  },
  {
    fixture: "helm-numeric-tags.yaml",
    image: "ghcr.io/acme/postgres",
    tag: T,
    digest: null,
    lines: [13],
    changes: [c(13, "16", T)],
    data: [[[0, "postgres", "image", "tag"], T]],
  },
  {
    fixture: "helm-numeric-tags.yaml",
    image: "ghcr.io/acme/app",
    tag: T,
    digest: null,
    lines: [17],
    changes: [c(17, "3.0", T)],
    data: [[[0, "app", "image", "tag"], T]],
  },
  {
    fixture: "flux-helmrelease.yaml",
    image: "ghcr.io/acme/shop",
    tag: T,
    digest: null,
    lines: [32],
    changes: [c(32, "6.14.1", T)],
    data: [[[2, "spec", "values", "image", "tag"], T]],
  },
  // manifests
  {
    fixture: "deployment.yaml",
    image: "ghcr.io/acme/migrate",
    tag: T,
    digest: D,
    lines: [13],
    changes: [c(13, "v0.3.0@sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d", `${T}@${D}`)],
    data: [[[0, "spec", "template", "spec", "initContainers", 0, "image"], `ghcr.io/acme/migrate:${T}@${D}`]],
  },
  {
    fixture: "deployment.yaml",
    image: "ghcr.io/acme/api",
    tag: T,
    digest: null,
    lines: [16],
    changes: [c(16, "1.2.3", T)],
    data: [[[0, "spec", "template", "spec", "containers", 0, "image"], "ghcr.io/acme/api:9.9.9"]],
  },
  {
    fixture: "deployment.yaml",
    image: "redis",
    tag: T,
    digest: null,
    lines: [21],
    changes: [c(21, "alpine", T)],
    data: [[[0, "spec", "template", "spec", "containers", 1, "image"], "redis:9.9.9"]],
  },
  {
    fixture: "deployment.yaml",
    image: "localhost:5000/app",
    tag: T,
    digest: null,
    lines: [23],
    changes: [c(23, "1.0", T)],
    data: [[[0, "spec", "template", "spec", "containers", 2, "image"], "localhost:5000/app:9.9.9"]],
  },
  {
    fixture: "deployment.yaml",
    image: "acme-builder",
    tag: T,
    digest: null,
    lines: [25],
    changes: [c(25, "acme-builder", "acme-builder:9.9.9")],
    data: [[[0, "spec", "template", "spec", "containers", 3, "image"], "acme-builder:9.9.9"]],
  },
  {
    fixture: "deployment.yaml",
    image: "gcr.io/acme-releases/tools/migrate",
    tag: null,
    digest: D,
    lines: [27],
    changes: [c(27, "sha256:728a991fa5162aa82ce9a52f41e5d5b1d690ec18b2108c5726f6a82b203aa635", D)],
    data: [[[0, "spec", "template", "spec", "containers", 4, "image"], `gcr.io/acme-releases/tools/migrate@${D}`]],
  },
  {
    fixture: "deployment.yaml",
    image: "docker.io/acme/postgresql-16",
    tag: T,
    digest: D,
    lines: [29],
    changes: [c(29, "6.2.1106@sha256:83bab9e63d9eaa7a9052e095af64983aab2c87fb11e6157f4f05fe95d8c22c32", `${T}@${D}`)],
    data: [[[0, "spec", "template", "spec", "containers", 5, "image"], `index.docker.io/acme/postgresql-16:${T}@${D}`]],
  },
  {
    fixture: "multi-doc.yaml",
    image: "ghcr.io/acme/api",
    tag: T,
    digest: null,
    lines: [14, 17],
    changes: [c(14, "6.14.1", T), c(17, "6.14.1", T)],
    data: [
      [[0, "spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0, "image"], "ghcr.io/acme/api:9.9.9"],
      [[0, "spec", "jobTemplate", "spec", "template", "spec", "containers", 0, "image"], "ghcr.io/acme/api:9.9.9"],
    ],
  },
  {
    fixture: "multi-doc.yaml",
    image: "docker.io/acme/db",
    tag: T,
    digest: null,
    lines: [29],
    changes: [c(29, "3.0", T)],
    data: [[[1, "spec", "template", "spec", "containers", 0, "image"], "docker.io/acme/db:9.9.9"]],
  },
  {
    fixture: "crlf-pods.yaml",
    image: "mcr.microsoft.com/acme/samples",
    tag: T,
    digest: null,
    lines: [8],
    changes: [c(8, "aspnetapp", T)],
    data: [[[0, "spec", "containers", 0, "image"], "mcr.microsoft.com/acme/samples:9.9.9"]],
  },
  {
    fixture: "crlf-pods.yaml",
    image: "acme/windowsservercore",
    tag: T,
    digest: null,
    lines: [19],
    changes: [c(19, "windowsservercore", "windowsservercore:9.9.9")],
    data: [[[1, "spec", "containers", 0, "image"], "acme/windowsservercore:9.9.9"]],
  },
  {
    fixture: "argo-workflow.yaml",
    image: "python",
    tag: T,
    digest: null,
    lines: [14],
    changes: [c(14, "alpine3.6", T)],
    data: [[[0, "spec", "templates", 1, "script", "image"], "python:9.9.9"]],
  },
  {
    fixture: "argo-workflow.yaml",
    image: "alpine",
    tag: T,
    digest: null,
    lines: [21],
    changes: [c(21, "3.6", T)],
    data: [[[0, "spec", "templates", 2, "container", "image"], "alpine:9.9.9"]],
  },
  // image volumes
  {
    fixture: "image-volume.yaml",
    image: "ghcr.io/acme/api",
    tag: T,
    digest: null,
    lines: [10],
    changes: [c(10, "1.4.0", T)],
    data: [[[0, "spec", "template", "spec", "containers", 0, "image"], `ghcr.io/acme/api:${T}`]],
  },
  {
    fixture: "image-volume.yaml",
    image: "ghcr.io/acme/models",
    tag: T,
    digest: D,
    lines: [17],
    changes: [c(17, "2024.06@sha256:d2b96b99f0436dc2834522ddf3250136c2041392615bcde2968963fe1fa6e6e7", `${T}@${D}`)],
    data: [[[0, "spec", "template", "spec", "volumes", 0, "image", "reference"], `ghcr.io/acme/models:${T}@${D}`]],
  },
  {
    fixture: "image-volume.yaml",
    image: "quay.io/acme/tools",
    tag: T,
    digest: null,
    lines: [30],
    changes: [c(30, "v3", T)],
    data: [[[1, "spec", "volumes", 0, "image", "reference"], `quay.io/acme/tools:${T}`]],
  },
  {
    fixture: "image-volume.yaml",
    image: "busybox",
    tag: T,
    digest: null,
    lines: [33],
    changes: [c(33, "1.36", T)],
    data: [[[1, "spec", "containers", 0, "image"], `busybox:${T}`]],
  },
  // Argo CD
  {
    fixture: "argocd-app-kustomize.yaml",
    image: "nginx",
    tag: T,
    digest: null,
    lines: [14],
    changes: [c(14, "1.17.10", T)],
    data: [[[0, "spec", "source", "kustomize", "images", 0], "nginx:9.9.9"]],
  },
  {
    fixture: "argocd-app-kustomize.yaml",
    image: "ghcr.io/acme/store-front",
    tag: T,
    digest: null,
    lines: [15],
    changes: [c(15, "2.2.0", T)],
    data: [[[0, "spec", "source", "kustomize", "images", 1], "ghcr.io/acme/store-front=ghcr.io/acme/store-front:9.9.9"]],
  },
  {
    fixture: "argocd-app-kustomize.yaml",
    image: "ghcr.io/acme/store-admin",
    tag: T,
    digest: null,
    lines: [17],
    changes: [c(17, "2.2.0", T)],
    data: [[[0, "spec", "source", "kustomize", "images", 2], "ghcr.io/acme/store-admin=ghcr.io/acme/store-admin:9.9.9"]],
  },
  {
    fixture: "argocd-app-kustomize.yaml",
    image: "ghcr.io/acme/virtual-worker",
    tag: T,
    digest: null,
    lines: [19],
    changes: [c(19, "2.2.0", T)],
    data: [[[0, "spec", "source", "kustomize", "images", 3], "ghcr.io/acme/virtual-worker=ghcr.io/acme/virtual-worker:9.9.9"]],
  },
  {
    fixture: "argocd-app-helm.yaml",
    image: "ghcr.io/acme/checkout",
    tag: T,
    digest: null,
    lines: [19],
    changes: [c(19, "1.27.1", T)],
    data: [[[0, "spec", "sources", 0, "helm", "parameters", 1, "value"], T]],
  },
  {
    fixture: "argocd-app-helm.yaml",
    image: "ghcr.io/acme/payments",
    tag: T,
    digest: null,
    lines: [29],
    changes: [c(29, "0.4.2", T)],
    data: [[[0, "spec", "sources", 1, "helm", "valuesObject", "image", "tag"], T]],
  },
  {
    fixture: ".argocd-source-app.yaml",
    image: "nginx",
    tag: T,
    digest: D,
    lines: [3],
    changes: [c(3, "latest@sha256:9d6b58feebd2dbd3c56ab5853333d627cc6e281011cfd6050fa4bcf2072c9496", `${T}@${D}`)],
    data: [[[0, "kustomize", "images", 0], `nginx:${T}@${D}`]],
  },
  {
    fixture: ".argocd-source-app.yaml",
    image: "ghcr.io/acme/web",
    tag: T,
    digest: D,
    lines: [4],
    changes: [c(4, "latest@sha256:3a4f9f4724701a6a897444de6b03d1338ffc94c2ce1c70bef2a95fd1e7c1b17d", `${T}@${D}`)],
    data: [[[0, "kustomize", "images", 1], `ghcr.io/acme/web:${T}@${D}`]],
  },
  // markers
  { fixture: "markers.yaml", image: "ghcr.io/acme/cron", tag: T, digest: null, lines: [3], changes: [c(3, "1.4.2", T)], data: [[[0, "cron", "version"], T]] },
  {
    fixture: "markers.yaml",
    image: "ghcr.io/acme/runner",
    tag: T,
    digest: null,
    lines: [6],
    changes: [c(6, "2.0.0", T)],
    data: [[[0, "tools", "runner"], "ghcr.io/acme/runner:9.9.9"]],
  },
];

const FIXTURE_NAMES = [...new Set(CASES.map((x) => x.fixture)), "transformer-config.yaml", "argocd-appset-helm-parameter.yaml", "flux-image-automation.yaml"];

describe("setImage on every image of every fixture", () => {
  it.each(CASES)("$fixture: $image → $tag $digest", (edit) => {
    const before = fixture(edit.fixture);
    const result = setImage(edit.fixture, before, { image: edit.image, tag: edit.tag, digest: edit.digest, pinDigests: edit.pin });
    expect(result.matched.map((ref) => ref.line)).toEqual(edit.lines);
    expect(result.droppedPin).toBeNull();
    // (a) + (b): only the expected lines changed, and on them only the tag/digest text.
    expectByteMinimal(before, result.text, { changes: edit.changes ?? [], inserts: edit.inserts ?? [] });
    // (c): the same data, except the swapped values.
    expectSameDataExcept(before, result.text, edit.data);
    // The file now reports the new version for every matched reference.
    const image = result.matched[0]?.image;
    const after = findImageReferences(edit.fixture, result.text).filter((ref) => ref.image === image);
    expect(after).toHaveLength(edit.lines.length);
    for (const ref of after) {
      if (edit.tag !== null) expect(ref.tag).toBe(edit.tag);
      if (edit.digest !== null) expect(ref.digest).toBe(edit.digest);
    }
  });

  it("covers every reference of every fixture", () => {
    // Each reference a fixture reports is the target of at least one case above (image references without a name cannot be set).
    // flux-image-automation.yaml holds no reference (see find-references.test.ts).
    for (const name of FIXTURE_NAMES.filter((n) => n !== "flux-image-automation.yaml")) {
      const lines = findImageReferences(name, fixture(name))
        .filter((r) => r.image !== null)
        .map((r) => r.line);
      const covered = CASES.filter((x) => x.fixture === name).flatMap((x) => x.lines);
      expect({ name, lines: lines.filter((l) => !covered.includes(l)) }).toEqual({ name, lines: [] });
    }
  });

  it("setting the version a file already has changes nothing", () => {
    const before = fixture("deployment.yaml");
    const result = setImage("deployment.yaml", before, { image: "ghcr.io/acme/api", tag: "1.2.3", digest: null });
    expect(result.text).toBe(before);
    expect(result.matched.map((r) => r.line)).toEqual([16]);
  });
});

describe("setImage exact results", () => {
  it("inserts one newTag line at the entry's key indent (LF)", () => {
    const result = setImage("kustomize-no-tag.yaml", fixture("kustomize-no-tag.yaml"), { image: "ghcr.io/acme/notifier", tag: "1.2.0", digest: null });
    expect(result.text).toBe(
      [
        "apiVersion: kustomize.config.k8s.io/v1beta1",
        "kind: Kustomization",
        "resources:",
        "  - gotk-components.yaml",
        "images:",
        "  - name: acme/source-controller",
        "    newName: ghcr.io/acme/source-controller",
        "  - name: acme/notifier",
        "    newName: ghcr.io/acme/notifier",
        "    newTag: 1.2.0",
        "    # pinned elsewhere",
        "  - name: ghcr.io/acme/solo",
        "",
      ].join("\n"),
    );
  });

  it("inserts one newTag line with the file's CRLF ending", () => {
    const result = setImage("kustomize-crlf.yaml", fixture("kustomize-crlf.yaml"), { image: "ghcr.io/acme/batch", tag: "1.2.0", digest: null });
    expect(result.text).toBe(
      "apiVersion: kustomize.config.k8s.io/v1beta1\r\nkind: Kustomization\r\nresources:\r\n  - deployment.yaml\r\nimages:\r\n" +
        '- name: ghcr.io/acme/api\r\n  newTag: "1.0"\r\n- name: ghcr.io/acme/batch\r\n  newName: registry.example.com:8443/acme/batch\r\n  newTag: 1.2.0\r\n',
    );
  });

  it("inserts the newTag line with CRLF in a CRLF file that has no final newline", () => {
    const result = setImage("k.yaml", fixture("kustomize-crlf-no-final-newline.yaml"), { image: "ghcr.io/acme/last", tag: "1.2.0", digest: null });
    expect(JSON.stringify(result.text)).toBe(
      JSON.stringify(
        "apiVersion: kustomize.config.k8s.io/v1beta1\r\nkind: Kustomization\r\nimages:\r\n  - name: ghcr.io/acme/api\r\n    newTag: 1.0.0\r\n" +
          "  - name: ghcr.io/acme/last\r\n    newName: ghcr.io/acme/last\r\n    newTag: 1.2.0",
      ),
    );
  });

  it("inserts newTag into a flow-style entry", () => {
    const result = setImage("kustomization.yaml", "images: [{name: ghcr.io/acme/api}]\n", { image: "ghcr.io/acme/api", tag: "v2", digest: null });
    expect(result.text).toBe("images: [{name: ghcr.io/acme/api, newTag: v2}]\n");
  });

  it("fills an empty quoted tag inside its quotes, keeping the comment", () => {
    const text = 'image:\n  repository: ghcr.io/acme/a\n  tag: "" # chart default\n';
    expect(setImage("v.yaml", text, { image: "ghcr.io/acme/a", tag: "1.0.0", digest: null }).text).toBe(
      'image:\n  repository: ghcr.io/acme/a\n  tag: "1.0.0" # chart default\n',
    );
    const single = "image:\n  repository: ghcr.io/acme/a\n  tag: ''\n";
    expect(setImage("v.yaml", single, { image: "ghcr.io/acme/a", tag: "1.0.0", digest: null }).text).toBe(
      "image:\n  repository: ghcr.io/acme/a\n  tag: '1.0.0'\n",
    );
  });

  it("replaces `tag: null` and `tag: ~`, and fills `tag:`", () => {
    const block = (tag: string) => `image:\n  repository: ghcr.io/acme/a\n  ${tag}\n  pullPolicy: Always\n`;
    const set = (text: string) => setImage("v.yaml", text, { image: "ghcr.io/acme/a", tag: "1.0.0", digest: null }).text;
    expect(set(block("tag: null"))).toBe(block("tag: 1.0.0"));
    expect(set(block("tag: ~"))).toBe(block("tag: 1.0.0"));
    expect(set(block("tag:"))).toBe(block("tag: 1.0.0"));
    expect(set("image:\n  repository: ghcr.io/acme/a\n  tag:")).toBe("image:\n  repository: ghcr.io/acme/a\n  tag: 1.0.0");
  });

  it("fills an empty `tag:` that is followed by a comment without joining the comment to the tag", () => {
    const text = "image:\n  repository: ghcr.io/acme/a\n  tag: # chart default\n";
    expect(setImage("v.yaml", text, { image: "ghcr.io/acme/a", tag: "1.0.0", digest: null }).text).toBe(
      "image:\n  repository: ghcr.io/acme/a\n  tag: 1.0.0 # chart default\n",
    );
  });

  it("fills an empty `newTag:` that is followed by a comment without joining the comment to the tag", () => {
    const text = "images:\n- name: ghcr.io/acme/a\n  newTag: # set by CI\n";
    expect(setImage("kustomization.yaml", text, { image: "ghcr.io/acme/a", tag: "v2", digest: null }).text).toBe(
      "images:\n- name: ghcr.io/acme/a\n  newTag: v2 # set by CI\n",
    );
  });

  it("a marker on the image string of a mirror changes only its tag", () => {
    const text = "mirrored: mirror.acme.io/acme/a:1.0 # promenade: ghcr.io/acme/a\n";
    expect(findImageReferences("m.yaml", text).map((r) => [r.line, r.shape, r.image, r.tag, r.digest])).toEqual([[1, "marker", "ghcr.io/acme/a", "1.0", null]]);
    expect(setImage("m.yaml", text, { image: "ghcr.io/acme/a", tag: "2.0", digest: null }).text).toBe(
      "mirrored: mirror.acme.io/acme/a:2.0 # promenade: ghcr.io/acme/a\n",
    );
  });

  it("gives an untagged image string a tag", () => {
    const text = "spec:\n  containers:\n  - name: b\n    image: acme-builder\n";
    expect(setImage("d.yaml", text, { image: "acme-builder", tag: "2.0.0", digest: null }).text).toBe(
      "spec:\n  containers:\n  - name: b\n    image: acme-builder:2.0.0\n",
    );
    expect(setImage("d.yaml", text, { image: "acme-builder", tag: null, digest: D }).text).toBe(
      `spec:\n  containers:\n  - name: b\n    image: acme-builder@${D}\n`,
    );
  });

  describe("a tag that looks like a number stays a string", () => {
    const cases: [string, string, string, string][] = [
      // [file, text, image, expected text] for the new tag 1.10
      ["v.yaml", "image:\n  repository: ghcr.io/acme/a\n  tag: v5\n", "ghcr.io/acme/a", 'image:\n  repository: ghcr.io/acme/a\n  tag: "1.10"\n'],
      ["v.yaml", "image:\n  repository: ghcr.io/acme/a\n  tag: 16\n", "ghcr.io/acme/a", 'image:\n  repository: ghcr.io/acme/a\n  tag: "1.10"\n'],
      ["v.yaml", "image:\n  repository: ghcr.io/acme/a\n  tag: null\n", "ghcr.io/acme/a", 'image:\n  repository: ghcr.io/acme/a\n  tag: "1.10"\n'],
      ["v.yaml", "image:\n  repository: ghcr.io/acme/a\n  tag:\n", "ghcr.io/acme/a", 'image:\n  repository: ghcr.io/acme/a\n  tag: "1.10"\n'],
      ["v.yaml", 'image:\n  repository: ghcr.io/acme/a\n  tag: "8.3"\n', "ghcr.io/acme/a", 'image:\n  repository: ghcr.io/acme/a\n  tag: "1.10"\n'],
      ["v.yaml", "image:\n  repository: ghcr.io/acme/a\n  tag: '8.3'\n", "ghcr.io/acme/a", "image:\n  repository: ghcr.io/acme/a\n  tag: '1.10'\n"],
      ["kustomization.yaml", "images:\n- name: a\n  newTag: v1.0.0\n", "a", 'images:\n- name: a\n  newTag: "1.10"\n'],
      ["kustomization.yaml", "images:\n- name: a\n  newName: b\n", "a", 'images:\n- name: a\n  newName: b\n  newTag: "1.10"\n'],
      ["m.yaml", "version: 1.4.2 # promenade: ghcr.io/acme/cron\n", "ghcr.io/acme/cron", 'version: "1.10" # promenade: ghcr.io/acme/cron\n'],
      [
        "app.yaml",
        "spec:\n  source:\n    helm:\n      parameters:\n      - name: image.repository\n        value: ghcr.io/acme/x\n      - name: image.tag\n        value: v1\n",
        "ghcr.io/acme/x",
        'spec:\n  source:\n    helm:\n      parameters:\n      - name: image.repository\n        value: ghcr.io/acme/x\n      - name: image.tag\n        value: "1.10"\n',
      ],
      // In an image string the tag is part of a string already.
      ["d.yaml", "containers:\n- image: acme:1.0\n", "acme", "containers:\n- image: acme:1.10\n"],
    ];
    it.each(cases)("%s: %j", (file, text, image, expected) => {
      const result = setImage(file, text, { image, tag: "1.10", digest: null });
      expect(result.text).toBe(expected);
      expect(findImageReferences(file, result.text).map((r) => r.tag)).toEqual(["1.10"]);
    });

    it.each(["1.10", "16", "3.0", "1e3", "0x1F", "0o17", "010", "1_000", "true", "yes", "on", "y", "null", "2001-12-14"])(
      "%s is quoted when written plain",
      (tag) => {
        const text = setImage("v.yaml", "image:\n  repository: ghcr.io/acme/a\n  tag: v1\n", { image: "ghcr.io/acme/a", tag, digest: null }).text;
        expect(text).toBe(`image:\n  repository: ghcr.io/acme/a\n  tag: "${tag}"\n`);
        expect((parse(text, { version: "1.1" }) as { image: { tag: unknown } }).image.tag).toBe(tag);
        expect((parse(text) as { image: { tag: unknown } }).image.tag).toBe(tag);
      },
    );

    it.each(["v1.10", "1.10-alpine", "latest", "2024.05.01", "sha-4d09b7bd"])("%s stays plain", (tag) => {
      const text = setImage("v.yaml", "image:\n  repository: ghcr.io/acme/a\n  tag: v1\n", { image: "ghcr.io/acme/a", tag, digest: null }).text;
      expect(text).toBe(`image:\n  repository: ghcr.io/acme/a\n  tag: ${tag}\n`);
    });
  });

  describe("a new tag without a digest drops the old digest", () => {
    it("from an image string name:tag@digest", () => {
      const text = `containers:\n- image: ghcr.io/acme/migrate:v0.3.0@${D}\n`;
      expect(setImage("d.yaml", text, { image: "ghcr.io/acme/migrate", tag: "v0.4.0", digest: null }).text).toBe(
        "containers:\n- image: ghcr.io/acme/migrate:v0.4.0\n",
      );
    });

    it("from a Helm tag holding tag@digest", () => {
      const text = `image:\n  repository: ghcr.io/acme/media\n  tag: 1.0@${D}\n`;
      expect(setImage("v.yaml", text, { image: "ghcr.io/acme/media", tag: "v2", digest: null }).text).toBe(
        "image:\n  repository: ghcr.io/acme/media\n  tag: v2\n",
      );
    });

    it("from a Helm digest key, which is emptied", () => {
      const text = `image:\n  repository: ghcr.io/acme/db\n  tag: v1\n  digest: ${D}\n`;
      expect(setImage("v.yaml", text, { image: "ghcr.io/acme/db", tag: "v2", digest: null }).text).toBe(
        'image:\n  repository: ghcr.io/acme/db\n  tag: v2\n  digest: ""\n',
      );
    });

    it("from a kustomize entry on the last line of a file without a final newline, which keeps having none", () => {
      const text = `images:\n- name: a\n  newTag: v1\n  digest: ${D}`;
      expect(JSON.stringify(setImage("kustomization.yaml", text, { image: "a", tag: "v2", digest: null }).text)).toBe(
        JSON.stringify("images:\n- name: a\n  newTag: v2"),
      );
    });

    it("from a kustomize entry, whose digest line is removed", () => {
      const before = fixture("kustomize-digest.yaml");
      const result = setImage("kustomize-digest.yaml", before, { image: "ghcr.io/acme/api", tag: "6.9.0", digest: null });
      const lines = before.split("\n");
      lines[7] = '    newTag: 6.9.0 # {"$imagepolicy": "flux-system:api:tag"}';
      lines.splice(8, 1);
      expect(result.text).toBe(lines.join("\n"));
      expect(changedLines(before, result.text)).toEqual({ modified: [8], added: [], removed: [9] });
    });
  });

  it("a digest-only target keeps the tag and sets the digest", () => {
    const text = "containers:\n- image: ghcr.io/acme/a:1.0\n";
    expect(setImage("d.yaml", text, { image: "ghcr.io/acme/a", tag: null, digest: D }).text).toBe(`containers:\n- image: ghcr.io/acme/a:1.0@${D}\n`);
    const kustomize = "images:\n  - name: ghcr.io/acme/a\n    newTag: v1 # pinned\n";
    expect(setImage("kustomization.yaml", kustomize, { image: "ghcr.io/acme/a", tag: null, digest: D }).text).toBe(`${kustomize}    digest: ${D}\n`);
  });
});

describe("setImage matches names after Docker normalisation", () => {
  const redis = fixture("deployment.yaml");
  it.each([
    "redis",
    "library/redis",
    "docker.io/redis",
    "docker.io/library/redis",
    "index.docker.io/library/redis",
    "registry-1.docker.io/library/redis",
    "redis:alpine",
  ])("%s matches `image: redis:alpine`", (image) => {
    const result = setImage("deployment.yaml", redis, { image, tag: "7.2", digest: null });
    expect(result.matched.map((r) => r.line)).toEqual([21]);
    expectByteMinimal(redis, result.text, { changes: [c(21, "alpine", "7.2")] });
  });

  it.each(["ghcr.io/acme/redis", "redis-cache", "docker.io/acme/redis", "library/redis/x"])("%s does not match `image: redis:alpine`", (image) => {
    expect(setImage("deployment.yaml", redis, { image, tag: "7.2", digest: null }).matched.filter((r) => r.line === 21)).toEqual([]);
  });

  it("index.docker.io in the file matches docker.io from the user", () => {
    for (const image of ["docker.io/acme/postgresql-16", "index.docker.io/acme/postgresql-16", "acme/postgresql-16"]) {
      expect(setImage("deployment.yaml", redis, { image, tag: "7", digest: D }).matched.map((r) => r.line)).toEqual([29]);
    }
  });

  it("a kustomize entry matches on name or newName", () => {
    const text = fixture("overlay-dev/kustomization.yaml");
    for (const image of ["quay.io/acme/web", "ghcr.io/acme/web"]) {
      const result = setImage("overlay-dev/kustomization.yaml", text, { image, tag: "3.0.0", digest: null });
      expect(result.matched.map((r) => r.line)).toEqual([11]);
      expectByteMinimal(text, result.text, { changes: [c(11, "2.0.1-4d09b7bd", "3.0.0")] });
    }
    const flux = fixture("flux-kustomization.yaml");
    for (const image of ["podinfo", "docker.io/library/podinfo", "my-registry/podinfo", "docker.io/my-registry/podinfo"]) {
      expect(setImage("flux-kustomization.yaml", flux, { image, tag: "v2", digest: null }).matched.map((r) => r.line)).toEqual([15]);
    }
    const argo = fixture("argocd-app-kustomize.yaml");
    expect(setImage("a.yaml", argo, { image: "index.docker.io/library/nginx", tag: "1.27", digest: null }).matched.map((r) => r.line)).toEqual([14]);
  });

  it("an Argo CD `name=newName:tag` string matches on either name", () => {
    const text = "spec:\n  source:\n    kustomize:\n      images:\n      - quay.io/acme/web=ghcr.io/acme/web:1.0\n";
    for (const image of ["quay.io/acme/web", "ghcr.io/acme/web"]) {
      expect(setImage("app.yaml", text, { image, tag: "2.0", digest: null }).text).toBe(text.replace(":1.0", ":2.0"));
    }
  });
});

describe("setImage of an image the file does not hold", () => {
  it.each(FIXTURE_NAMES)("%s is returned unchanged", (name) => {
    const text = fixture(name);
    const result = setImage(name, text, { image: "ghcr.io/acme/absent", tag: T, digest: D });
    expect(result.text).toBe(text);
    expect(result.matched).toEqual([]);
  });

  it.each([
    ["multi-doc.yaml", "gcr.io/acme/clonerefs"], // in a `|` block scalar
    ["multi-doc.yaml", "alpine"], // in a `|` block scalar
    ["multi-doc.yaml", "ghcr.io/acme/folded"], // in a `>` block scalar
    ["deployment.yaml", "ghcr.io/acme/api-v2"],
    ["flux-helmrelease.yaml", "acme/redis"], // a repository without a tag key
    ["helm-empty-tags.yaml", "ghcr.io/acme/absent"],
    ["markers.yaml", "ghcr.io/acme/orphan"], // a marker on a line of its own
    ["markers.yaml", "ghcr.io/acme/inside"], // marker text inside a string
    ["argocd-app-helm.yaml", "ghcr.io/acme/checkout-v2"],
    ["argocd-appset-helm-parameter.yaml", "placeholder"],
    ["overlay-dev/kustomization.yaml", "quay.io/acme/api"],
  ])("%s: %s is not there", (name, image) => {
    const text = fixture(name);
    const result = setImage(name, text, { image, tag: T, digest: null });
    expect(result.text).toBe(text);
    expect(result.matched).toEqual([]);
  });
});

describe("setImage refuses what it cannot write byte-minimally", () => {
  it("an image string written with escapes", () => {
    const text = 'containers:\n- image: "ghcr.io/acme/api:1.\\u0030"\n';
    expect(() => setImage("d.yaml", text, { image: "ghcr.io/acme/api", tag: "2.0", digest: null })).toThrow(InputError);
    try {
      setImage("d.yaml", text, { image: "ghcr.io/acme/api", tag: "2.0", digest: null });
    } catch (error) {
      expect((error as InputError).line).toBe(2);
      expect((error as InputError).file).toBe("d.yaml");
    }
  });

  it("a file that is not YAML and may hold the image: InputError with file and line, never a result", () => {
    const text = "containers:\n- image: nginx:1.0\n  args: [a, b\n";
    expect(() => setImage("bad.yaml", text, { image: "nginx", tag: "1.1", digest: null })).toThrow(/^bad\.yaml:4: not valid YAML/);
    expect(() => setImage("bad.yaml", text, { image: "nginx", tag: "1.1", digest: null })).toThrow(InputError);
  });

  it("a broken file that cannot name the image is left alone", () => {
    const text = "a: [1, 2\nb: c\n";
    expect(setImage("bad.yaml", text, { image: "ghcr.io/acme/api", tag: "1", digest: null })).toEqual({ text, matched: [], droppedPin: null });
  });
});

describe("setImage on an Argo CD helm parameter", () => {
  it("with pinDigests, carries a digest as tag@digest, as a Helm tag does, changing only those characters", () => {
    const text = fixture("argocd-app-helm.yaml");
    const result = setImage("argocd-app-helm.yaml", text, { image: "ghcr.io/acme/checkout", tag: T, digest: D, pinDigests: true });
    expectByteMinimal(text, result.text, { changes: [c(19, "1.27.1", `${T}@${D}`)] });
    expect(findImageReferences("argocd-app-helm.yaml", result.text).find((ref) => ref.line === 19)).toMatchObject({ tag: T, digest: D });
  });
});

describe("setImage keeps each reference's form", () => {
  // [fixture, image, line]: references that carry a tag and no digest.
  const tagOnly: [string, string, number][] = [
    ["kustomize-version-in-name.yaml", "ghcr.io/acme/api", 15],
    ["kustomize-version-in-name.yaml", "ghcr.io/acme/cache", 9],
    ["helm-values.yaml", "docker.io/acme/worker", 14],
    ["image-volume.yaml", "ghcr.io/acme/api", 10],
    ["image-volume.yaml", "quay.io/acme/tools", 30],
    ["argocd-app-helm.yaml", "ghcr.io/acme/checkout", 19],
    ["markers.yaml", "ghcr.io/acme/cron", 3],
  ];

  it.each(tagOnly)("%s: %s stays tag-only when the new version has a digest", (name, image, line) => {
    const before = fixture(name);
    const result = setImage(name, before, { image, tag: T, digest: D });
    expect(result.text).toBe(setImage(name, before, { image, tag: T, digest: null }).text);
    expect(result.text).not.toContain(D);
    expect(findImageReferences(name, result.text).find((ref) => ref.line === line)).toMatchObject({ tag: T, digest: null });
    expect(result.droppedPin).toBeNull();
  });

  it("pinDigests writes the digest where there was none, in each reference's own place", () => {
    const set = (name: string, image: string) => setImage(name, fixture(name), { image, tag: T, digest: D, pinDigests: true }).text;
    const kustomize = fixture("kustomize-version-in-name.yaml");
    expectByteMinimal(kustomize, set("kustomize-version-in-name.yaml", "ghcr.io/acme/api"), {
      changes: [c(15, "1.4.0", T)],
      inserts: [{ after: 15, text: `    digest: ${D}` }],
    });
    expectByteMinimal(kustomize, set("kustomize-version-in-name.yaml", "ghcr.io/acme/cache"), { changes: [c(9, "4.2.0", `${T}@${D}`)] });
    expectByteMinimal(fixture("image-volume.yaml"), set("image-volume.yaml", "quay.io/acme/tools"), { changes: [c(30, "v3", `${T}@${D}`)] });
    expectByteMinimal(fixture("helm-values.yaml"), set("helm-values.yaml", "docker.io/acme/worker"), {
      changes: [c(14, "1.27.1-debian-12-r3", T), c(15, '""', `"${D}"`)],
    });
  });

  it("a reference pinned by digest gets the new digest with the new tag", () => {
    const result = setImage("kustomize-digest.yaml", fixture("kustomize-digest.yaml"), { image: "ghcr.io/acme/api", tag: T, digest: D });
    expect(findImageReferences("kustomize-digest.yaml", result.text)[0]).toMatchObject({ tag: T, digest: D });
    expect(result.droppedPin).toBeNull();
  });

  describe("a new version without a digest drops the pin, and says so", () => {
    const file = "kustomize-version-in-name.yaml";
    const before = fixture(file);
    const drop = (image: string) => setImage(file, before, { image, tag: "12", digest: null });

    it("newTag: tag@digest keeps only the tag (quoted, as it looks like a number)", () => {
      const result = drop("postgres");
      expectByteMinimal(before, result.text, { changes: [c(7, "11@sha256:f9d849e120edc0d084f7ab63d8deac7eeadfaa1c0561050a6acfd3c174f79eb9", '"12"')] });
      expect(result.droppedPin).toEqual({ file, line: 7, image: "docker.io/library/postgres", version: "12" });
    });

    it("newName: repo@digest takes the tag in place of the digest", () => {
      const result = drop("registry.acme.test/acme/queue");
      expectByteMinimal(before, result.text, { changes: [c(11, "@sha256:c06101082682415852dca14e56b54abefa9ca23721b1e7cc3b382cdea89d5094", ":12")] });
      expect(result.droppedPin).toEqual({ file, line: 11, image: "registry.acme.test/acme/queue", version: "12" });
    });

    it("name: repo:tag with a digest key loses the digest line and gets a newTag", () => {
      const result = drop("redis");
      const lines = before.split("\n");
      lines.splice(12, 1, '    newTag: "12"');
      expect(result.text).toBe(lines.join("\n"));
      expect(findImageReferences(file, result.text).find((ref) => ref.image === "docker.io/library/redis")).toMatchObject({ tag: "12", digest: null });
      expect(result.droppedPin).toEqual({ file, line: 12, image: "docker.io/library/redis", version: "12" });
    });

    it("an image volume reference keeps only the tag", () => {
      const volumes = fixture("image-volume.yaml");
      const result = setImage("image-volume.yaml", volumes, { image: "ghcr.io/acme/models", tag: "2024.07", digest: null });
      expectByteMinimal(volumes, result.text, { changes: [c(17, "06@sha256:d2b96b99f0436dc2834522ddf3250136c2041392615bcde2968963fe1fa6e6e7", "07")] });
      expect(result.droppedPin).toEqual({ file: "image-volume.yaml", line: 17, image: "ghcr.io/acme/models", version: "2024.07" });
    });

    it("is reported once per file, at the first pinned reference", () => {
      const text = `containers:\n- image: ghcr.io/acme/a:1.0@${D}\n- image: ghcr.io/acme/a:1.0\n- image: ghcr.io/acme/a:1.0@${D}\n`;
      const result = setImage("d.yaml", text, { image: "ghcr.io/acme/a", tag: "2.0", digest: null });
      expect(result.text).toBe("containers:\n- image: ghcr.io/acme/a:2.0\n- image: ghcr.io/acme/a:2.0\n- image: ghcr.io/acme/a:2.0\n");
      expect(result.droppedPin).toEqual({ file: "d.yaml", line: 2, image: "ghcr.io/acme/a", version: "2.0" });
    });
  });

  it("droppedPinNote says which pin is dropped and why", () => {
    const pin = { file: "deploy/prod/kustomization.yaml", line: 7, image: "ghcr.io/acme/api", version: "1.5.0" };
    expect(droppedPinNote(pin)).toBe("the pin of ghcr.io/acme/api in deploy/prod/kustomization.yaml is dropped: 1.5.0 has no digest");
    expect(droppedPinNote(pin, (text) => `<${text}>`)).toBe(
      "the pin of <ghcr.io/acme/api> in <deploy/prod/kustomization.yaml> is dropped: <1.5.0> has no digest",
    );
  });
});

describe("the byte-diff helper", () => {
  const before = "a: 1\r\nimage: x:1.0\r\nb: 2  \r\nc: 3";
  it("accepts exactly the expected change", () => {
    expectByteMinimal(before, "a: 1\r\nimage: x:2.0\r\nb: 2  \r\nc: 3", { changes: [c(2, "1.0", "2.0")] });
    expect(changedLines(before, "a: 1\r\nimage: x:2.0\r\nb: 2  \r\nc: 3\n")).toEqual({ modified: [2, 4], added: [], removed: [] });
  });
  it.each([
    ["a changed EOL", "a: 1\r\nimage: x:2.0\nb: 2  \r\nc: 3"],
    ["a dropped trailing blank", "a: 1\r\nimage: x:2.0\r\nb: 2\r\nc: 3"],
    ["an added final newline", "a: 1\r\nimage: x:2.0\r\nb: 2  \r\nc: 3\r\n"],
    ["added quotes", 'a: 1\r\nimage: "x:2.0"\r\nb: 2  \r\nc: 3'],
    ["an extra line", "a: 1\r\nimage: x:2.0\r\nb: 2  \r\n\r\nc: 3"],
    ["no change", before],
  ])("rejects %s", (_label, after) => {
    expect(() => expectByteMinimal(before, after, { changes: [c(2, "1.0", "2.0")] })).toThrow();
  });
  it("checks inserted lines and their EOL", () => {
    expectByteMinimal(before, "a: 1\r\nimage: x:1.0\r\nb: 2  \r\nc: 3\r\nd: 4", { inserts: [{ after: 4, text: "d: 4" }] });
    expect(() => expectByteMinimal(before, "a: 1\r\nimage: x:1.0\r\nb: 2  \r\nc: 3\nd: 4", { inserts: [{ after: 4, text: "d: 4" }] })).toThrow();
  });
});
