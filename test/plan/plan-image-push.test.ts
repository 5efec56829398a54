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
    expect(planImagePush(cfg, envRefs, { image: API, tag: "1.4.2" }).promotions).toEqual([
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
    const [promotion] = planImagePush(dockerHub, refs, { image: "index.docker.io/redis", tag: "7.2.5", digest: D1 }).promotions;
    expect(promotion?.images).toEqual([
      { image: "docker.io/library/redis", fromVersion: { tag: "7.2.4", digest: null }, toVersion: { tag: "7.2.5", digest: D1 }, bump: "patch" },
    ]);
    expect(promotion?.branch).toBe("promenade/dev/redis");
  });

  it.each([
    ["an older version", "1.4.0", "older", "1.4.0 is older than 1.4.1, which dev runs: only /promote and /rollback go back"],
    ["the same version", "1.4.1", "same", "dev already runs 1.4.1"],
    ["the same version with a v prefix", "v1.4.1", "same", "dev already runs 1.4.1"],
    ["a version outside the range", "2.0.0", "outside-versions", '2.0.0 is outside versions ">=1.0.0 <2.0.0"'],
    ["a prerelease", "1.5.0-rc.1", "outside-versions", '1.5.0-rc.1 is outside versions ">=1.0.0 <2.0.0"'],
    ["a tag that is not a version", "latest", "not-semver", 'latest is not a semantic version (versions: ">=1.0.0 <2.0.0")'],
  ])("promotes nothing for %s, and says why for each root environment", (_, tag, reason, message) => {
    expect(planImagePush(cfg, envRefs, { image: API, tag })).toEqual({
      promotions: [],
      skipped: [
        { environment: "dev", image: API, version: { tag, digest: null }, reason, message },
        {
          environment: "qa",
          image: API,
          version: { tag, digest: null },
          reason: "not-referenced",
          message: "qa does not reference the image (Promenade changes existing references only)",
        },
      ],
    });
  });

  it("promotes nothing for an image the config does not list", () => {
    const refs = new Map([...envRefs, ["dev", [ref("deploy/dev/k.yaml", "ghcr.io/acme/other", "1.0.0")]]]);
    const plan = planImagePush(cfg, refs, { image: "ghcr.io/acme/other", tag: "1.0.1" });
    expect(plan.promotions).toEqual([]);
    expect(plan.skipped.map((entry) => [entry.environment, entry.reason, entry.message])).toEqual([
      ["dev", "not-listed", "the config's images do not list it"],
      ["qa", "not-listed", "the config's images do not list it"],
    ]);
  });

  it("promotes any other admitted tag of a tag-pattern image, into each root environment", () => {
    const { promotions } = planImagePush(cfg, envRefs, { image: WORKER, tag: "main-4f9c2ab" });
    expect(promotions.map((p) => [p.branch, p.title, p.images[0]?.bump, p.unordered])).toEqual([
      ["promenade/dev/worker", "Promote worker main-4f9c2ab to dev", "other", [WORKER]],
      ["promenade/qa/worker", "Promote worker main-4f9c2ab to qa", "other", [WORKER]],
    ]);
  });

  it("promotes nothing for denied, unmatched or equal tags of a tag-pattern image", () => {
    const reasons = ["main-0000000", "feature-4f9c2ab", "main-1d8e07c"].map((tag) => {
      const { promotions, skipped } = planImagePush(cfg, envRefs, { image: WORKER, tag });
      expect(promotions).toEqual([]);
      return skipped.map((entry) => entry.reason);
    });
    expect(reasons).toEqual([
      ["denied", "denied"],
      ["not-allowed", "not-allowed"],
      ["same", "same"],
    ]);
  });

  it("promotes nothing into a root environment that does not reference the image, nor into environments with from", () => {
    const { promotions } = planImagePush(cfg, envRefs, { image: API, tag: "1.5.0" });
    expect(promotions.map((p) => p.environment)).toEqual(["dev"]);
  });

  it("promotes a re-pushed tag with a new digest where the digest is pinned", () => {
    const refs = new Map([...envRefs, ["dev", [ref("deploy/dev/k.yaml", API, "1.4.1", D1)]]]);
    const repushed = planImagePush(cfg, refs, { image: API, tag: "1.4.1", digest: D2 }).promotions[0];
    expect(repushed?.images[0]?.toVersion).toEqual({ tag: "1.4.1", digest: D2 });
    expect(repushed?.unordered).toEqual([API]);
    expect(planImagePush(cfg, refs, { image: API, tag: "1.4.1", digest: D1 }).promotions).toEqual([]);
    expect(planImagePush(cfg, refs, { image: API, tag: "1.4.1" }).promotions).toEqual([]);
  });

  it("aligns references that disagree when the newest of them is pushed again", () => {
    const refs = new Map([...envRefs, ["dev", [ref("deploy/dev/a.yaml", API, "1.4.1", D1), ref("deploy/dev/b.yaml", API, "1.4.0")]]]);
    const [promotion] = planImagePush(cfg, refs, { image: API, tag: "1.4.1" }).promotions;
    expect(promotion?.images[0]).toMatchObject({ fromVersion: { tag: "1.4.1", digest: D1 }, toVersion: { tag: "1.4.1", digest: D1 } });
  });

  describe("without an images list", () => {
    const open = config(`environments:
  dev: { path: deploy/dev }
  staging: { path: deploy/staging, from: dev }
`);

    it("promotes by semver when the tags are versions, and never replaces a version with latest", () => {
      expect(planImagePush(open, envRefs, { image: API, tag: "2.0.0" }).promotions[0]?.images[0]?.bump).toBe("major");
      expect(planImagePush(open, envRefs, { image: API, tag: "1.3.9" }).promotions).toEqual([]);
      expect(planImagePush(open, envRefs, { image: API, tag: "latest" }).skipped[0]).toMatchObject({ reason: "older" });
    });

    it("accepts any other tag when their order cannot be told", () => {
      expect(planImagePush(open, envRefs, { image: WORKER, tag: "main-0000000" }).promotions).toHaveLength(1);
    });

    it("says that an image no root environment references is not referenced there", () => {
      expect(planImagePush(open, envRefs, { image: "ghcr.io/acme/other", tag: "1.0.0" }).skipped.map((entry) => entry.reason)).toEqual(["not-referenced"]);
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
    const { promotions } = planImagePush(cfg, await environmentReferences(reader, cfg), { image: API, tag: "1.5.0" });
    expect(promotions.map((p) => p.title)).toEqual(["Promote api 1.5.0 to dev"]);
  });

  describe("with tags that are not semantic versions", () => {
    const APP = "ghcr.io/acme/app";
    const numbered = config(`environments:
  dev: { path: deploy/dev }
images:
  - name: ${APP}
    tags: { allow: "^[0-9]+\\\\.[0-9]+$" }
`);
    const refs = new Map([["dev", [ref("deploy/dev/k.yaml", APP, "3.0")]]]);

    it("never proposes an older tag by the order of their numbers, and says why", () => {
      expect(planImagePush(numbered, refs, { image: APP, tag: "2.0" })).toEqual({
        promotions: [],
        skipped: [
          {
            environment: "dev",
            image: APP,
            version: { tag: "2.0", digest: null },
            reason: "older",
            message: "2.0 is older than 3.0, which dev runs: only /promote and /rollback go back",
          },
        ],
      });
    });

    it("promotes a newer one", () => {
      expect(planImagePush(numbered, refs, { image: APP, tag: "3.1" }).promotions.map((p) => p.title)).toEqual(["Promote app 3.1 to dev"]);
    });
  });
});
