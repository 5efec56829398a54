import { describe, expect, it } from "vitest";
import { imagePromotion } from "../../src/engine/plan/build-promotion.js";
import { groupPromotions } from "../../src/engine/plan/group-promotions.js";
import type { Promotion, Trigger } from "../../src/engine/plan/promotion.js";

const trigger: Trigger = { kind: "environment-change", environment: "staging" };
const promotion = (environment: string, image: string, slug: string, tag: string): Promotion =>
  imagePromotion({ environment, from: "staging", image, slug, fromVersion: { tag: "1.0.0", digest: null }, toVersion: { tag, digest: null }, trigger });

const promotions = [
  promotion("prod-eu", "ghcr.io/acme/web", "web", "2.0.0"),
  promotion("prod-us", "ghcr.io/acme/api", "api", "1.1.0"),
  promotion("prod-eu", "ghcr.io/acme/api", "api", "1.1.0"),
];

describe("groupPromotions", () => {
  it("keeps one promotion per environment and image with group: image", () => {
    expect(groupPromotions({ pullRequests: { group: "image", labels: [], pinDigests: false } }, promotions)).toEqual(promotions);
  });

  it("batches the images of each environment with group: environment", () => {
    expect(groupPromotions({ pullRequests: { group: "environment", labels: [], pinDigests: false } }, promotions)).toEqual([
      {
        environment: "prod-eu",
        from: "staging",
        images: [
          { image: "ghcr.io/acme/api", fromVersion: { tag: "1.0.0", digest: null }, toVersion: { tag: "1.1.0", digest: null }, bump: "minor" },
          { image: "ghcr.io/acme/web", fromVersion: { tag: "1.0.0", digest: null }, toVersion: { tag: "2.0.0", digest: null }, bump: "major" },
        ],
        branch: "promenade/prod-eu",
        title: "Promote 2 images to prod-eu",
        trigger,
      },
      {
        environment: "prod-us",
        from: "staging",
        images: [{ image: "ghcr.io/acme/api", fromVersion: { tag: "1.0.0", digest: null }, toVersion: { tag: "1.1.0", digest: null }, bump: "minor" }],
        branch: "promenade/prod-us",
        title: "Promote api 1.1.0 to prod-us",
        trigger,
      },
    ]);
  });

  it("carries the downgrades and unordered images of the group, and says which images go back in the title", () => {
    const downgrade = imagePromotion({
      environment: "prod-eu",
      from: "staging",
      image: "ghcr.io/acme/api",
      slug: "api",
      fromVersion: { tag: "1.2.0", digest: null },
      toVersion: { tag: "1.1.0", digest: null },
      order: "older",
      trigger,
    });
    const unordered = imagePromotion({
      environment: "prod-eu",
      from: "staging",
      image: "ghcr.io/acme/worker",
      slug: "worker",
      fromVersion: { tag: "main-1d8e07c", digest: null },
      toVersion: { tag: "main-4f9c2ab", digest: null },
      order: "unordered",
      trigger,
    });
    expect(downgrade).toMatchObject({ title: "Downgrade api 1.1.0 in prod-eu", downgrades: ["ghcr.io/acme/api"] });
    expect(unordered).toMatchObject({ title: "Promote worker main-4f9c2ab to prod-eu", unordered: ["ghcr.io/acme/worker"] });
    const [grouped] = groupPromotions({ pullRequests: { group: "environment", labels: [], pinDigests: false } }, [
      promotions[0] as Promotion,
      downgrade,
      unordered,
    ]);
    expect(grouped).toMatchObject({
      title: "Promote 3 images to prod-eu, downgrading api",
      downgrades: ["ghcr.io/acme/api"],
      unordered: ["ghcr.io/acme/worker"],
    });
  });
});
