import { describe, expect, it } from "vitest";
import { MissingEnvironmentError } from "../../src/engine/plan/errors.js";
import { environmentReferences } from "../../src/engine/plan/environment-references.js";
import { planImagePush } from "../../src/engine/plan/plan-image-push.js";
import { UsageError } from "../../src/engine/errors.js";
import { config, MemoryReader, ref, kustomization } from "./helpers.js";

const API = "ghcr.io/acme/api";
const WORKER = "ghcr.io/acme/worker";
const D1 = `sha256:${"1".repeat(64)}`;
const D2 = `sha256:${"2".repeat(64)}`;

const cfg = config(`environments:
  dev: { path: deploy/dev }
  qa: { path: deploy/qa }
  staging: { path: deploy/staging, from: dev }
images:
  - name: ${API}
    versions: ">=1.0.0 <2.0.0"
  - name: ${WORKER}
    tags: { allow: "^main-[0-9a-f]{7}$", deny: "^main-0000000$" }
`);

const envRefs = new Map([
  ["dev", [ref("deploy/dev/k.yaml", API, "1.4.1"), ref("deploy/dev/k.yaml", WORKER, "main-1d8e07c", null, 5)]],
  ["qa", [ref("deploy/qa/k.yaml", WORKER, "main-1d8e07c")]],
  ["staging", [ref("deploy/staging/k.yaml", API, "1.4.0")]],
]);

describe("planImagePush", () => {
  it("promotes a newer version into the root environments that reference the image", () => {
    expect(planImagePush(cfg, envRefs, { image: API, tag: "1.4.2" })).toEqual([
      {
        environment: "dev",
        images: [{ image: API, fromVersion: { tag: "1.4.1", digest: null }, toVersion: { tag: "1.4.2", digest: null }, bump: "patch" }],
        branch: "promenade/dev/api",
        title: "Promote api 1.4.2 to dev",
        trigger: { kind: "push", image: API, tag: "1.4.2", digest: null },
      },
    ]);
  });

  it("matches the pushed name after Docker normalisation and keeps the digest", () => {
    const dockerHub = config("environments: { dev: { path: deploy/dev } }\n");
    const refs = new Map([["dev", [ref("deploy/dev/v.yaml", "docker.io/library/redis", "7.2.4")]]]);
    const [promotion] = planImagePush(dockerHub, refs, { image: "index.docker.io/redis", tag: "7.2.5", digest: D1 });
    expect(promotion?.images).toEqual([
      { image: "docker.io/library/redis", fromVersion: { tag: "7.2.4", digest: null }, toVersion: { tag: "7.2.5", digest: D1 }, bump: "patch" },
    ]);
    expect(promotion?.branch).toBe("promenade/dev/redis");
  });

  it.each([
    ["an older version", "1.4.0"],
    ["the same version", "1.4.1"],
    ["the same version with a v prefix", "v1.4.1"],
    ["a version outside the range", "2.0.0"],
    ["a prerelease", "1.5.0-rc.1"],
    ["a tag that is not a version", "latest"],
  ])("promotes nothing for %s", (_, tag) => {
    expect(planImagePush(cfg, envRefs, { image: API, tag })).toEqual([]);
  });

  it("promotes nothing for an image the config does not list", () => {
    const refs = new Map([...envRefs, ["dev", [ref("deploy/dev/k.yaml", "ghcr.io/acme/other", "1.0.0")]]]);
    expect(planImagePush(cfg, refs, { image: "ghcr.io/acme/other", tag: "1.0.1" })).toEqual([]);
  });

  it("promotes any other admitted tag of a tag-pattern image, into each root environment", () => {
    const promotions = planImagePush(cfg, envRefs, { image: WORKER, tag: "main-4f9c2ab" });
    expect(promotions.map((p) => [p.branch, p.title, p.images[0]?.bump])).toEqual([
      ["promenade/dev/worker", "Promote worker main-4f9c2ab to dev", "other"],
      ["promenade/qa/worker", "Promote worker main-4f9c2ab to qa", "other"],
    ]);
  });

  it("promotes nothing for denied, unmatched or equal tags of a tag-pattern image", () => {
    for (const tag of ["main-0000000", "feature-4f9c2ab", "main-1d8e07c"]) {
      expect(planImagePush(cfg, envRefs, { image: WORKER, tag })).toEqual([]);
    }
  });

  it("promotes nothing into a root environment that does not reference the image, nor into environments with from", () => {
    const promotions = planImagePush(cfg, envRefs, { image: API, tag: "1.5.0" });
    expect(promotions.map((p) => p.environment)).toEqual(["dev"]);
  });

  it("promotes a re-pushed tag with a new digest where the digest is pinned", () => {
    const refs = new Map([...envRefs, ["dev", [ref("deploy/dev/k.yaml", API, "1.4.1", D1)]]]);
    expect(planImagePush(cfg, refs, { image: API, tag: "1.4.1", digest: D2 })[0]?.images[0]?.toVersion).toEqual({ tag: "1.4.1", digest: D2 });
    expect(planImagePush(cfg, refs, { image: API, tag: "1.4.1", digest: D1 })).toEqual([]);
    expect(planImagePush(cfg, refs, { image: API, tag: "1.4.1" })).toEqual([]);
  });

  it("aligns references that disagree when the newest of them is pushed again", () => {
    const refs = new Map([...envRefs, ["dev", [ref("deploy/dev/a.yaml", API, "1.4.1", D1), ref("deploy/dev/b.yaml", API, "1.4.0")]]]);
    const [promotion] = planImagePush(cfg, refs, { image: API, tag: "1.4.1" });
    expect(promotion?.images[0]).toMatchObject({ fromVersion: { tag: "1.4.1", digest: D1 }, toVersion: { tag: "1.4.1", digest: D1 } });
  });

  describe("without an images list", () => {
    const open = config(`environments:
  dev: { path: deploy/dev }
  staging: { path: deploy/staging, from: dev }
`);

    it("promotes by semver when the tags are versions, and never replaces a version with latest", () => {
      expect(planImagePush(open, envRefs, { image: API, tag: "2.0.0" })[0]?.images[0]?.bump).toBe("major");
      expect(planImagePush(open, envRefs, { image: API, tag: "1.3.9" })).toEqual([]);
      expect(planImagePush(open, envRefs, { image: API, tag: "latest" })).toEqual([]);
    });

    it("accepts any other tag when the tags are not versions", () => {
      expect(planImagePush(open, envRefs, { image: WORKER, tag: "main-0000000" })).toHaveLength(1);
    });

    it("needs the references of every root environment", () => {
      expect(() => planImagePush(open, new Map([["staging", []]]), { image: API, tag: "1.4.2" })).toThrow(MissingEnvironmentError);
    });
  });

  it("refuses a push that is not an image and a tag", () => {
    expect(() => planImagePush(cfg, envRefs, { image: `${API}:1.0.0`, tag: "1.4.2" })).toThrow(UsageError);
    expect(() => planImagePush(cfg, envRefs, { image: API, tag: "{{ tag }}" })).toThrow(UsageError);
    expect(() => planImagePush(cfg, envRefs, { image: API, tag: "1.4.2", digest: "sha256:nope" })).toThrow(
      "'ghcr.io/acme/api:1.4.2@sha256:nope' is not an image with a tag (and optionally a digest), like ghcr.io/acme/api:1.4.2",
    );
  });

  it("plans from references scanned in a repository", async () => {
    const reader = new MemoryReader({
      "deploy/dev/kustomization.yaml": kustomization({ [API]: "1.4.1", [WORKER]: "main-1d8e07c" }),
      "deploy/qa/kustomization.yaml": kustomization({ [WORKER]: "main-1d8e07c" }),
      "deploy/staging/kustomization.yaml": kustomization({ [API]: "1.4.0" }),
    });
    const promotions = planImagePush(cfg, await environmentReferences(reader, cfg), { image: API, tag: "1.5.0" });
    expect(promotions.map((p) => p.title)).toEqual(["Promote api 1.5.0 to dev"]);
  });
});
