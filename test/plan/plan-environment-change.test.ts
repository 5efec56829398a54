import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/engine/errors.js";
import { MissingEnvironmentError } from "../../src/engine/plan/errors.js";
import { planEnvironmentChange } from "../../src/engine/plan/plan-environment-change.js";
import { config, fanOutConfig, ref } from "./helpers.js";

const API = "ghcr.io/acme/api";
const WEB = "ghcr.io/acme/web";
const WORKER = "ghcr.io/acme/worker";
const REDIS = "docker.io/library/redis";
const D1 = `sha256:${"1".repeat(64)}`;

const IMAGES = `images:
  - { name: ${API}, versions: "^1.0.0" }
  - { name: ${WEB}, versions: ">=2.0.0" }
  - { name: ${WORKER}, tags: { allow: "^main-" } }
  - { name: redis }
`;

/** References of one environment from `image → version` (`tag` or `tag@digest`). */
function env(name: string, versions: Record<string, string>) {
  return Object.entries(versions).map(([image, version], i) => {
    const [tag, digest] = version.split("@");
    return ref(`deploy/${name}/kustomization.yaml`, image, tag ?? null, digest ?? null, i + 4);
  });
}

const envRefs = new Map([
  ["dev", env("dev", { [API]: "1.12.0", [WEB]: "2.4.0", [WORKER]: "main-4f9c2ab", [REDIS]: "7.2.5" })],
  ["staging", env("staging", { [API]: "1.11.2", [WEB]: "2.4.0", [WORKER]: "main-1d8e07c", [REDIS]: "7.2.5" })],
  ["prod-eu", env("prod-eu", { [API]: "1.10.4", [WEB]: `2.3.0@${D1}`, [WORKER]: "main-1d8e07c" })],
  ["prod-us", env("prod-us", { [API]: "1.11.2", [WEB]: "2.3.1", [REDIS]: "7.2.4" })],
]);

describe("planEnvironmentChange", () => {
  it("promotes each image whose version differs into the next environment", () => {
    const { promotions } = planEnvironmentChange(fanOutConfig(IMAGES), envRefs, "dev");
    expect(promotions).toEqual([
      {
        environment: "staging",
        from: "dev",
        images: [{ image: API, fromVersion: { tag: "1.11.2", digest: null }, toVersion: { tag: "1.12.0", digest: null }, bump: "minor" }],
        branch: "promenade/staging/api",
        title: "Promote api 1.12.0 to staging",
        trigger: { kind: "environment-change", environment: "dev" },
      },
      {
        environment: "staging",
        from: "dev",
        images: [{ image: WORKER, fromVersion: { tag: "main-1d8e07c", digest: null }, toVersion: { tag: "main-4f9c2ab", digest: null }, bump: "other" }],
        branch: "promenade/staging/worker",
        title: "Promote worker main-4f9c2ab to staging",
        trigger: { kind: "environment-change", environment: "dev" },
        unordered: [WORKER],
      },
    ]);
  });

  it("fans out to every environment promoted from the changed one, each with the images it references, by image name", () => {
    const { promotions } = planEnvironmentChange(fanOutConfig(IMAGES), envRefs, "staging");
    expect(promotions.map((p) => [p.branch, p.title, p.from])).toEqual([
      ["promenade/prod-eu/api", "Promote api 1.11.2 to prod-eu", "staging"],
      ["promenade/prod-eu/web", "Promote web 2.4.0 to prod-eu", "staging"],
      ["promenade/prod-us/redis", "Promote redis 7.2.5 to prod-us", "staging"],
      ["promenade/prod-us/web", "Promote web 2.4.0 to prod-us", "staging"],
    ]);
    expect(promotions[1]?.images[0]).toEqual({
      image: WEB,
      fromVersion: { tag: "2.3.0", digest: D1 },
      toVersion: { tag: "2.4.0", digest: null },
      bump: "minor",
    });
  });

  it("batches one promotion per environment with group: environment", () => {
    const { promotions } = planEnvironmentChange(fanOutConfig(`${IMAGES}pullRequests: { group: environment }\n`), envRefs, "staging");
    expect(promotions.map((p) => [p.branch, p.title, p.images.map((i) => i.image)])).toEqual([
      ["promenade/prod-eu", "Promote 2 images to prod-eu", [API, WEB]],
      ["promenade/prod-us", "Promote 2 images to prod-us", [REDIS, WEB]],
    ]);
  });

  it("never promotes an older version, nor one the target's config refuses, and says why for each target and image", () => {
    const rolledBack = new Map([...envRefs, ["staging", env("staging", { [API]: "1.9.0", [WEB]: "1.9.0", [WORKER]: "main-1d8e07c" })]]);
    const plan = planEnvironmentChange(fanOutConfig(IMAGES), rolledBack, "staging");
    expect(plan.promotions).toEqual([]);
    expect(plan.skipped.map((entry) => [entry.environment, entry.image, entry.reason, entry.message])).toEqual([
      ["prod-eu", API, "older", "1.9.0 is older than 1.10.4, which prod-eu runs: only /promote and /rollback go back"],
      ["prod-eu", WEB, "outside-versions", '1.9.0 is outside versions ">=2.0.0"'],
      ["prod-eu", WORKER, "same", "prod-eu already runs main-1d8e07c"],
      ["prod-us", REDIS, "not-referenced", "staging does not reference the image"],
      ["prod-us", API, "older", "1.9.0 is older than 1.11.2, which prod-us runs: only /promote and /rollback go back"],
      ["prod-us", WEB, "outside-versions", '1.9.0 is outside versions ">=2.0.0"'],
      ["prod-us", WORKER, "not-referenced", "prod-us does not reference the image (Promenade changes existing references only)"],
    ]);
    expect(plan.skipped[0]?.version).toEqual({ tag: "1.9.0", digest: null });
  });

  it("promotes nothing from an environment that no environment is promoted from", () => {
    expect(planEnvironmentChange(fanOutConfig(IMAGES), new Map(), "prod-eu")).toEqual({ promotions: [], skipped: [] });
  });

  it("without an images list, promotes the images of the root environments only", () => {
    const withSidecar = new Map([
      ...envRefs,
      ["staging", [...(envRefs.get("staging") ?? []), ref("deploy/staging/s.yaml", "ghcr.io/acme/sidecar", "2.0.0")]],
      ["prod-eu", [...(envRefs.get("prod-eu") ?? []), ref("deploy/prod-eu/s.yaml", "ghcr.io/acme/sidecar", "1.0.0")]],
    ]);
    const { promotions } = planEnvironmentChange(fanOutConfig(), withSidecar, "staging");
    expect(promotions.map((p) => p.branch)).toEqual(["promenade/prod-eu/api", "promenade/prod-eu/web", "promenade/prod-us/redis", "promenade/prod-us/web"]);
    expect(() => planEnvironmentChange(fanOutConfig(), new Map([...withSidecar].filter(([name]) => name !== "dev")), "staging")).toThrow(
      new MissingEnvironmentError("dev"),
    );
  });

  it("refuses an unknown environment", () => {
    expect(() => planEnvironmentChange(fanOutConfig(), envRefs, "qa")).toThrow(
      new UsageError("unknown environment 'qa' (known: dev, staging, prod-eu, prod-us)"),
    );
  });

  describe("with tags that are not semantic versions", () => {
    const APP = "ghcr.io/acme/app";
    const twoHops = config(`environments:
  staging: { path: deploy/staging }
  production: { path: deploy/production, from: staging }
images:
  - name: ${APP}
    tags: { allow: "^[0-9]+\\\\.[0-9]+$" }
`);
    const running = (staging: string, production: string) =>
      new Map([
        ["staging", [ref("deploy/staging/k.yaml", APP, staging)]],
        ["production", [ref("deploy/production/k.yaml", APP, production)]],
      ]);

    it("never proposes an older one by the order of their numbers, and says why", () => {
      expect(planEnvironmentChange(twoHops, running("2.0", "3.0"), "staging")).toEqual({
        promotions: [],
        skipped: [
          {
            environment: "production",
            image: APP,
            version: { tag: "2.0", digest: null },
            reason: "older",
            message: "2.0 is older than 3.0, which production runs: only /promote and /rollback go back",
          },
        ],
      });
    });

    it("promotes a newer one, 3.10 after 3.9", () => {
      const { promotions, skipped } = planEnvironmentChange(twoHops, running("3.10", "3.9"), "staging");
      expect(promotions.map((p) => [p.title, p.downgrades, p.unordered])).toEqual([["Promote app 3.10 to production", undefined, undefined]]);
      expect(skipped).toEqual([]);
    });

    it("goes back only for the image a command names, titled as a downgrade", () => {
      const { promotions } = planEnvironmentChange(twoHops, running("2.0", "3.0"), "staging", { allowOlder: APP });
      expect(promotions.map((p) => [p.title, p.branch, p.downgrades])).toEqual([["Downgrade app 2.0 in production", "promenade/production/app", [APP]]]);
      expect(planEnvironmentChange(twoHops, running("2.0", "3.0"), "staging", { allowOlder: API }).promotions).toEqual([]);
    });

    it("proposes a version whose order cannot be told, marked unordered", () => {
      const [promotion] = planEnvironmentChange(twoHops, running("2.0", "2.0.1"), "staging").promotions;
      expect(promotion).toMatchObject({ title: "Promote app 2.0 to production", unordered: [APP] });
      expect(promotion?.downgrades).toBeUndefined();
    });
  });
});
