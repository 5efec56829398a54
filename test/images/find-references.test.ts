import { describe, expect, it } from "vitest";
import { findImageReferences } from "../../src/engine/images/find-references.js";
import type { ImageReference, ReferenceShape } from "../../src/engine/images/reference.js";
import { fixture } from "./line-diff.js";

const D_9D6B = "sha256:9d6b58feebd2dbd3c56ab5853333d627cc6e281011cfd6050fa4bcf2072c9496";
const D_3A4F = "sha256:3a4f9f4724701a6a897444de6b03d1338ffc94c2ce1c70bef2a95fd1e7c1b17d";
const D_FD8D = "sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d";
const D_728A = "sha256:728a991fa5162aa82ce9a52f41e5d5b1d690ec18b2108c5726f6a82b203aa635";
const D_83BA = "sha256:83bab9e63d9eaa7a9052e095af64983aab2c87fb11e6157f4f05fe95d8c22c32";
const D_24A0 = "sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3";
const D_4F1D = "sha256:4f1d88882a9883cc525e7c84b22c67c57416b7d3b35c3412329eeb07786433a7";
const D_4762 = "sha256:4762726f1471ef048dd807afdc0e19265e95ffdcc7cb4a34891f680290022809";
const D_6C19 = "sha256:6c1975b871efb327528c84d46d38e6dd7906eecee6402bc270eeb7f1b1a506df";
const D_F9D8 = "sha256:f9d849e120edc0d084f7ab63d8deac7eeadfaa1c0561050a6acfd3c174f79eb9";
const D_C061 = "sha256:c06101082682415852dca14e56b54abefa9ca23721b1e7cc3b382cdea89d5094";
const D_19DF = "sha256:19df0d491d1ab2958066f979bf304be30f677446ab1fd332bf2c17fc274671ab";
const D_D2B9 = "sha256:d2b96b99f0436dc2834522ddf3250136c2041392615bcde2968963fe1fa6e6e7";

type Row = [line: number, shape: ReferenceShape, image: string | null, tag: string | null, digest: string | null];

interface Case {
  /** Fixture file under test/fixtures/yaml. */
  fixture: string;
  /** Every reference, in file order. */
  refs: Row[];
  /** Lines that hold look-alikes which are not image references. */
  traps?: number[];
}

const KUSTOMIZE = "kustomize-images";
const HELM = "helm-values";
const STRING = "helm-image-string";
const CONTAINER = "container-image";
const ARGO_KUSTOMIZE = "argocd-kustomize-images";
const ARGO_PARAM = "argocd-helm-parameter";
const VOLUME = "image-volume";

/** Checked by eye against each fixture, line by line. */
const CASES: Case[] = [
  {
    fixture: "overlay-dev/kustomization.yaml",
    refs: [
      [7, KUSTOMIZE, "ghcr.io/acme/api", "v1.4.2", null],
      [11, KUSTOMIZE, "ghcr.io/acme/web", "2.0.1-4d09b7bd", null],
      [14, KUSTOMIZE, "docker.io/library/mysql", "8.3", null],
    ],
    // 8: comment; 20: `image:` in a patch target selector (with a Flux marker).
    traps: [1, 8, 15, 20],
  },
  {
    fixture: "kustomize-no-tag.yaml",
    refs: [
      [7, KUSTOMIZE, "ghcr.io/acme/source-controller", null, null],
      [9, KUSTOMIZE, "ghcr.io/acme/notifier", null, null],
      [11, KUSTOMIZE, "ghcr.io/acme/solo", null, null],
    ],
  },
  {
    fixture: "kustomize-crlf.yaml",
    refs: [
      [7, KUSTOMIZE, "ghcr.io/acme/api", "1.0", null],
      [9, KUSTOMIZE, "registry.example.com:8443/acme/batch", null, null],
    ],
  },
  {
    fixture: "kustomize-crlf-no-final-newline.yaml",
    refs: [
      [5, KUSTOMIZE, "ghcr.io/acme/api", "1.0.0", null],
      [7, KUSTOMIZE, "ghcr.io/acme/last", null, null],
    ],
  },
  {
    fixture: "kustomize-component.yaml",
    refs: [
      [10, KUSTOMIZE, "europe-docker.pkg.dev/acme-ci/shop/cart", "CONTAINER_IMAGES_TAG", null],
      [12, KUSTOMIZE, "europe-docker.pkg.dev/acme-ci/shop/checkout", "CONTAINER_IMAGES_TAG", null],
    ],
    traps: [1, 2, 3, 5],
  },
  {
    fixture: "kustomize-digest.yaml",
    refs: [
      [8, KUSTOMIZE, "ghcr.io/acme/api", "6.8.0", D_6C19],
      // Digest only: the digest line; kustomize accepts a short digest here.
      [11, KUSTOMIZE, "docker.io/library/acme-worker", null, "sha256:25a0d4"],
    ],
  },
  {
    fixture: "kustomize-version-in-name.yaml",
    refs: [
      // `newTag: 11@sha256:…`
      [7, KUSTOMIZE, "docker.io/library/postgres", "11", D_F9D8],
      // `newName` carrying a tag, then a digest: the version is in the name.
      [9, KUSTOMIZE, "ghcr.io/acme/cache", "4.2.0", null],
      [11, KUSTOMIZE, "registry.acme.test/acme/queue", null, D_C061],
      // `name: repo:tag` with a `digest:` key: the line of the tag text.
      [12, KUSTOMIZE, "docker.io/library/redis", "7.2", D_19DF],
      [15, KUSTOMIZE, "ghcr.io/acme/api", "1.4.0", null],
    ],
    traps: [4, 6, 8, 10, 13, 14],
  },
  {
    fixture: "image-volume.yaml",
    refs: [
      [10, CONTAINER, "ghcr.io/acme/api", "1.4.0", null],
      [17, VOLUME, "ghcr.io/acme/models", "2024.06", D_D2B9],
      // A flow mapping `image: { reference: …, pullPolicy: … }`.
      [30, VOLUME, "quay.io/acme/tools", "v3", null],
      [33, CONTAINER, "docker.io/library/busybox", "1.36", null],
    ],
    // 12: a volume mount's name; 16, 18: the volume's `image:` and `pullPolicy:`; 20-21: a configMap volume.
    traps: [12, 16, 18, 20, 21],
  },
  {
    fixture: "flux-kustomization.yaml",
    refs: [
      [15, KUSTOMIZE, "docker.io/my-registry/podinfo", "v1", null],
      [17, KUSTOMIZE, "docker.io/library/podinfo-tagged", "1.8.0", null],
      [19, KUSTOMIZE, "docker.io/library/my-podinfo", null, null],
      [21, KUSTOMIZE, "docker.io/library/podinfo-pinned", null, D_24A0],
    ],
  },
  {
    // A transformer config: `images:` lists field paths, not images.
    fixture: "transformer-config.yaml",
    refs: [],
    traps: [1, 2, 3],
  },
  {
    fixture: "helm-values.yaml",
    refs: [
      [6, HELM, "ghcr.io/acme/api", "v5", null],
      [14, HELM, "docker.io/acme/worker", "1.27.1-debian-12-r3", null],
      [22, HELM, "public.ecr.aws/docker/library/redis", "8.6.2", null],
      [27, HELM, "ghcr.io/acme/exporter", "v1.75.0", null],
      [32, HELM, "ghcr.io/acme/sidecar", "0.9.1", null],
    ],
    // 31: the `image:` key of the sibling-tag block is not a second reference.
    traps: [5, 15, 21, 26, 28, 31],
  },
  {
    fixture: "helm-empty-tags.yaml",
    refs: [
      [8, HELM, "ghcr.io/acme/api", null, null],
      [12, HELM, "ghcr.io/acme/web", null, null],
      [16, HELM, "ghcr.io/acme/jobs", null, null],
      [39, HELM, "ghcr.io/acme/cron", null, null],
    ],
    // Blocks with nothing to name (registry null; repository and tag both ""/null), a Git repository "", a tag without repository.
    traps: [2, 3, 20, 21, 22, 25, 26, 27, 29, 31],
  },
  {
    fixture: "helm-tag-digest.yaml",
    refs: [
      [5, HELM, "ghcr.io/acme/media", "1.43.3.10896", D_4F1D],
      [10, HELM, "docker.io/acme/postgresql", "11.5.0-debian-9-r0", D_4762],
    ],
  },
  {
    fixture: "helm-image-list-no-final-newline.yaml",
    refs: [
      [4, HELM, "docker.io/acme/nginx", "1.27.1", null],
      [7, HELM, "docker.io/library/busybox", "1.36.1", null],
    ],
  },
  {
    fixture: "helm-image-strings.yaml",
    refs: [
      [3, STRING, "ghcr.io/acme/frontend", "3.2.1", null],
      [6, STRING, "ghcr.io/acme/admin-ui", "latest", null],
      [8, STRING, "localhost:5000/acme/mirror", "1.0", null],
      [10, STRING, "docker.io/acme/hub", "2024.05.01", null],
      [12, STRING, "docker.io/library/acme-legacy", null, null],
    ],
    traps: [1],
  },
  {
    fixture: "helm-anchor.yaml",
    refs: [[6, HELM, "docker.io/acme/logs", "v1.5.2", null]],
    // 19: `image: *img` is the alias: its text lives at the anchor.
    traps: [2, 13, 14, 19],
  },
  {
    fixture: "helm-numeric-tags.yaml",
    refs: [
      [5, HELM, "docker.io/library/mysql", "8.3", null],
      [9, HELM, "ghcr.io/acme/proxy", "1.10", null],
      [13, HELM, "ghcr.io/acme/postgres", "16", null],
      [17, HELM, "ghcr.io/acme/app", "3.0", null],
    ],
    traps: [1, 18],
  },
  {
    fixture: "deployment.yaml",
    refs: [
      [13, CONTAINER, "ghcr.io/acme/migrate", "v0.3.0", D_FD8D],
      [16, CONTAINER, "ghcr.io/acme/api", "1.2.3", null],
      [21, CONTAINER, "docker.io/library/redis", "alpine", null],
      [23, CONTAINER, "localhost:5000/app", "1.0", null],
      [25, CONTAINER, "docker.io/library/acme-builder", null, null],
      [27, CONTAINER, "gcr.io/acme-releases/tools/migrate", null, D_728A],
      [29, CONTAINER, "docker.io/acme/postgresql-16", "6.2.1106", D_83BA],
    ],
    // 17: a commented-out image line.
    traps: [4, 15, 17],
  },
  {
    fixture: "multi-doc.yaml",
    refs: [
      [14, CONTAINER, "ghcr.io/acme/api", "6.14.1", null],
      [17, CONTAINER, "ghcr.io/acme/api", "6.14.1", null],
      [29, CONTAINER, "docker.io/acme/db", "3.0", null],
    ],
    // 36-42: embedded config in `|` and `>` block scalars.
    traps: [1, 19, 30, 36, 37, 38, 39, 40, 41, 42],
  },
  {
    fixture: "crlf-pods.yaml",
    refs: [
      [8, CONTAINER, "mcr.microsoft.com/acme/samples", "aspnetapp", null],
      [19, CONTAINER, "docker.io/acme/windowsservercore", null, null],
    ],
  },
  {
    fixture: "argo-workflow.yaml",
    refs: [
      [14, CONTAINER, "docker.io/library/python", "alpine3.6", null],
      [21, CONTAINER, "docker.io/library/alpine", "3.6", null],
    ],
    traps: [16, 17, 18],
  },
  {
    fixture: "flux-helmrelease.yaml",
    refs: [[32, HELM, "ghcr.io/acme/shop", "6.14.1", null]],
    // 10, 19: `$imagepolicy` markers on chart versions (OCIRepository ref.semver / ref.tag); 35: repository without a tag.
    traps: [8, 10, 19, 35],
  },
  {
    fixture: "argocd-app-kustomize.yaml",
    refs: [
      [14, ARGO_KUSTOMIZE, "docker.io/library/nginx", "1.17.10", null],
      [15, ARGO_KUSTOMIZE, "ghcr.io/acme/store-front", "2.2.0", null],
      // Folded `>-` scalars: the line of the image text, not of the indicator.
      [17, ARGO_KUSTOMIZE, "ghcr.io/acme/store-admin", "2.2.0", null],
      [19, ARGO_KUSTOMIZE, "ghcr.io/acme/virtual-worker", "2.2.0", null],
    ],
    traps: [9, 16, 18],
  },
  {
    fixture: "argocd-app-helm.yaml",
    refs: [
      [19, ARGO_PARAM, "ghcr.io/acme/checkout", "1.27.1", null],
      [29, HELM, "ghcr.io/acme/payments", "0.4.2", null],
    ],
    // 6: image-updater annotation `alias=image:constraint`; 7: its tag path; 17: the repository parameter; 21: a non-image parameter.
    traps: [6, 7, 17, 21],
  },
  {
    fixture: "argocd-appset-helm-parameter.yaml",
    // The parameter sets a tag of an image the file does not name.
    refs: [[22, ARGO_PARAM, null, "placeholder", null]],
  },
  {
    fixture: ".argocd-source-app.yaml",
    refs: [
      [3, ARGO_KUSTOMIZE, "docker.io/library/nginx", "latest", D_9D6B],
      [4, ARGO_KUSTOMIZE, "ghcr.io/acme/web", "latest", D_3A4F],
    ],
  },
  {
    fixture: "markers.yaml",
    refs: [
      [3, "marker", "ghcr.io/acme/cron", "1.4.2", null],
      [6, "marker", "ghcr.io/acme/runner", "2.0.0", null],
    ],
    // 7: a marker on a line of its own; 8: marker text inside a string.
    traps: [1, 4, 7, 8],
  },
  {
    // Flux image automation objects name the repository to scan; writing a tag there would break them.
    fixture: "flux-image-automation.yaml",
    refs: [],
    traps: [8, 21],
  },
];

function rows(refs: ImageReference[]): Row[] {
  return refs.map((r) => [r.line, r.shape, r.image, r.tag, r.digest]);
}

describe("findImageReferences over the fixtures", () => {
  it.each(CASES)("$fixture", ({ fixture: name, refs }) => {
    const found = findImageReferences(name, fixture(name));
    expect(rows(found)).toEqual(refs);
    for (const ref of found) expect(ref.file).toBe(name);
  });

  it.each(CASES.filter((c) => c.traps))("$fixture: nothing is reported on its trap lines", ({ fixture: name, traps }) => {
    const lines = findImageReferences(name, fixture(name)).map((r) => r.line);
    expect(lines.filter((line) => traps?.includes(line))).toEqual([]);
  });

  it("the trap lines hold what they are said to hold", () => {
    // Guards the table above against drift when a fixture is edited.
    const line = (name: string, n: number) => fixture(name).split("\n")[n - 1] ?? "";
    expect(line("overlay-dev/kustomization.yaml", 20)).toMatch(/^ +image: ghcr\.io\/acme\/api # \{"\$imagepolicy"/);
    expect(line("deployment.yaml", 17)).toMatch(/^ +# image: ghcr\.io\/acme\/api:0\.9\.0$/);
    expect(line("multi-doc.yaml", 40)).toMatch(/^ +- image: alpine:3\.20$/);
    expect(line("multi-doc.yaml", 42)).toMatch(/^ +image: ghcr\.io\/acme\/folded:1\.0$/);
    expect(line("flux-helmrelease.yaml", 10)).toMatch(/semver: 6\.14\.0 # \{"\$imagepolicy"/);
    expect(line("flux-helmrelease.yaml", 19)).toMatch(/tag: "3\.13\.0" # \{"\$imagepolicy"/);
    expect(line("helm-anchor.yaml", 19)).toBe("  image: *img");
    expect(line("helm-empty-tags.yaml", 31)).toBe('  repository: ""');
    expect(line("argocd-app-helm.yaml", 6)).toMatch(/image-list: checkout=ghcr\.io\/acme\/checkout:1\.27\.x$/);
    expect(line("transformer-config.yaml", 2)).toBe("- path: spec/runner/template/image");
    expect(line("flux-image-automation.yaml", 8)).toBe("  image: ghcr.io/acme/api");
    expect(line("image-volume.yaml", 16)).toBe("          image:");
    expect(line("image-volume.yaml", 20)).toBe("          configMap:");
  });

  it("finds a file's references the same under any file name, except a kustomization without apiVersion/kind", () => {
    const text = fixture("overlay-dev/kustomization.yaml");
    expect(findImageReferences("kustomization.yml", text)).toHaveLength(3);
    expect(findImageReferences("deploy/Kustomization", text)).toHaveLength(3);
    // Without kind or the file name, `images:` is just a key.
    expect(findImageReferences("overlay-dev/images.yaml", text)).toEqual([]);
    expect(rows(findImageReferences("values.yaml", fixture("kustomize-digest.yaml")))).toEqual(CASES.find((c) => c.fixture === "kustomize-digest.yaml")?.refs);
  });

  it("reports nothing in an empty file, a comment-only file or a scalar document", () => {
    expect(findImageReferences("a.yaml", "")).toEqual([]);
    expect(findImageReferences("a.yaml", "# image: nginx:1.0\n")).toEqual([]);
    expect(findImageReferences("a.yaml", "nginx:1.0\n")).toEqual([]);
    expect(findImageReferences("a.yaml", "---\n---\n")).toEqual([]);
  });

  it("reports both references of the same image in one document, and image strings with a registry port", () => {
    const text = "spec:\n  containers:\n  - image: localhost:5000/app:1.0\n  - image: localhost:5000/app\n";
    expect(rows(findImageReferences("pod.yaml", text))).toEqual([
      [3, CONTAINER, "localhost:5000/app", "1.0", null],
      [4, CONTAINER, "localhost:5000/app", null, null],
    ]);
  });

  it("ignores `image:` values that are not image names", () => {
    const text = [
      "a:",
      '  image: "{{ .Values.image }}"',
      "b:",
      "  image: https://example.com/logo.png",
      "c:",
      "  image: Not An Image",
      "d:",
      "  image: ghcr.io/Acme/api:1.0",
      "e:",
      "  image: 42",
      "",
    ].join("\n");
    expect(findImageReferences("values.yaml", text)).toEqual([]);
  });
});

describe("templated tags are not references: something else fills them in", () => {
  it.each([
    ["Helm tag", 'image:\n  repository: ghcr.io/acme/api\n  tag: "{{ .Values.global.tag }}"\n'],
    ["kustomize newTag", "images:\n  - name: ghcr.io/acme/api\n    newTag: ${TAG}\n"],
    ["Argo CD helm parameter", "helm:\n  parameters:\n    - name: image.tag\n      value: $ARGOCD_APP_REVISION\n"],
  ])("%s", (_, text) => {
    expect(findImageReferences("kustomization.yaml", text)).toEqual([]);
  });
});
